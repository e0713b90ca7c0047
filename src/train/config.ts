/** The training loop's configuration: types beside their defaults, merged and validated by resolveTrainConfig. */

/** The update rules of the loop. */
export const OPTIMIZER_NAMES = ['sgd', 'momentum', 'adam'] as const;
/** One update rule. */
export type OptimizerName = (typeof OPTIMIZER_NAMES)[number];

/** Which update rule to use, with its hyper-parameters. */
export interface OptimizerConfig {
  /** Update rule. Default 'adam'. */
  name: OptimizerName;
  /** Step size. Default 0.001; > 0. */
  learningRate: number;
  /** Momentum coefficient for 'momentum'. Default 0.9; [0, 1). */
  momentum: number;
  /** Adam's first-moment decay. Default 0.9; [0, 1). */
  beta1: number;
  /** Adam's second-moment decay. Default 0.999; [0, 1). */
  beta2: number;
}

/** Gradient constraint applied before each update. */
export interface ClipConfig {
  /** 'norm' rescales all gradients so their global L2 norm is at most `value`; 'value' clamps each element to
   * [-value, value]; 'none' leaves them. Default 'none'. */
  mode: 'none' | 'norm' | 'value';
  /** Threshold for 'norm' or 'value'. Default 1; > 0. */
  value: number;
}

/** Which number early stopping and best-weight tracking watch. */
export interface MonitorConfig {
  /** A key of the task's validate() result, or 'trainLoss' (the epoch's mean training loss). Default 'loss'. */
  metric: string;
  /** Whether smaller ('min') or larger ('max') is better. Default 'min'. */
  mode: 'min' | 'max';
}

/** Everything the loop needs besides the task. */
export interface TrainConfig {
  /** Epochs to run (1-based in events and history). Default 10; integer >= 1. */
  epochs: number;
  /** Update rule. */
  optimizer: OptimizerConfig;
  /** Gradient constraint. */
  clip: ClipConfig;
  /** Stop after this many epochs without improvement of `monitor`; 0 disables early stopping. Default 0; >= 0. */
  patience: number;
  /** What "improvement" means. */
  monitor: MonitorConfig;
  /** Put the best epoch's weights back when training ends (early or not). Default true. */
  restoreBestWeights: boolean;
  /** Seed for batch order (the rng passed to task.batches) and per-step seeds (dropout). Default 1; integer. */
  seed: number;
  /** Directory for checkpoints (one per epoch, atomic); null disables them. Default null. */
  checkpointDir: string | null;
  /** Also checkpoint every N steps inside an epoch (for long epochs); 0 = only at epoch ends. Default 0; >= 0. */
  checkpointEverySteps: number;
  /** Continue from the checkpoint in checkpointDir when there is one (start fresh when there is none). Default false. */
  resume: boolean;
  /** Validate every N epochs (the last epoch is always validated). Default 1; integer >= 1. */
  validateEvery: number;
  /** Replicas computing each step's gradients (data-parallel, src/train/parallel); tasks without TrainTask.parallel,
   * and the node engine, train on one. Default 1; integer 1..64. */
  threads: number;
}

/** The most training threads a run may ask for. */
export const MAX_THREADS = 64;

/** Defaults merged under every user config. */
export const defaultTrainConfig: TrainConfig = {
  epochs: 10,
  optimizer: { name: 'adam', learningRate: 0.001, momentum: 0.9, beta1: 0.9, beta2: 0.999 },
  clip: { mode: 'none', value: 1 },
  patience: 0,
  monitor: { metric: 'loss', mode: 'min' },
  restoreBestWeights: true,
  seed: 1,
  checkpointDir: null,
  checkpointEverySteps: 0,
  resume: false,
  validateEvery: 1,
  threads: 1,
};

/** A user's partial config: any field, nested objects partial too. */
export type TrainConfigInput = Partial<Omit<TrainConfig, 'optimizer' | 'clip' | 'monitor'>> & {
  optimizer?: Partial<OptimizerConfig>;
  clip?: Partial<ClipConfig>;
  monitor?: Partial<MonitorConfig>;
};

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(message);
}

/** Merges `input` over the defaults and checks every range; throws a RangeError naming the bad field and value. */
export function resolveTrainConfig(input: TrainConfigInput = {}): TrainConfig {
  const config: TrainConfig = {
    ...defaultTrainConfig,
    ...input,
    optimizer: { ...defaultTrainConfig.optimizer, ...input.optimizer },
    clip: { ...defaultTrainConfig.clip, ...input.clip },
    monitor: { ...defaultTrainConfig.monitor, ...input.monitor },
  };
  const { optimizer, clip, monitor } = config;
  check(Number.isInteger(config.epochs) && config.epochs >= 1, `epochs must be an integer >= 1, got ${config.epochs}`);
  check((OPTIMIZER_NAMES as readonly string[]).includes(optimizer.name), `optimizer.name must be sgd, momentum or adam, got '${optimizer.name}'`);
  check(optimizer.learningRate > 0, `optimizer.learningRate must be > 0, got ${optimizer.learningRate}`);
  check(optimizer.momentum >= 0 && optimizer.momentum < 1, `optimizer.momentum must be in [0, 1), got ${optimizer.momentum}`);
  check(optimizer.beta1 >= 0 && optimizer.beta1 < 1, `optimizer.beta1 must be in [0, 1), got ${optimizer.beta1}`);
  check(optimizer.beta2 >= 0 && optimizer.beta2 < 1, `optimizer.beta2 must be in [0, 1), got ${optimizer.beta2}`);
  check(['none', 'norm', 'value'].includes(clip.mode), `clip.mode must be none, norm or value, got '${clip.mode}'`);
  check(clip.value > 0, `clip.value must be > 0, got ${clip.value}`);
  check(Number.isInteger(config.patience) && config.patience >= 0, `patience must be an integer >= 0, got ${config.patience}`);
  check(monitor.mode === 'min' || monitor.mode === 'max', `monitor.mode must be min or max, got '${monitor.mode}'`);
  check(typeof monitor.metric === 'string' && monitor.metric.length > 0, `monitor.metric must be a metric name, got '${monitor.metric}'`);
  check(Number.isInteger(config.seed), `seed must be an integer, got ${config.seed}`);
  check(Number.isInteger(config.checkpointEverySteps) && config.checkpointEverySteps >= 0,
    `checkpointEverySteps must be an integer >= 0, got ${config.checkpointEverySteps}`);
  check(Number.isInteger(config.validateEvery) && config.validateEvery >= 1, `validateEvery must be an integer >= 1, got ${config.validateEvery}`);
  check(Number.isInteger(config.threads) && config.threads >= 1 && config.threads <= MAX_THREADS, `threads must be an integer 1..${MAX_THREADS}, got ${config.threads}`);
  check(!config.resume || config.checkpointDir !== null, 'resume needs a checkpointDir');
  return config;
}

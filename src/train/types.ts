/** What a model recipe gives the training loop (TrainTask) and what the loop reports back (TrainEvent, TrainResult). */
import type { tf } from '../engine';
import type { TrainConfig } from './config';
import type { ParallelPlan } from './parallel/types';

/** Passed to TrainTask.loss on every step. */
export interface StepContext {
  /** Always true inside the loop (lets one loss function serve evaluation too, with training false). */
  training: boolean;
  /** 1-based epoch. */
  epoch: number;
  /** 0-based step within the epoch. */
  step: number;
  /** A seed for this step's randomness (e.g. tf.dropout's seed), derived from config.seed, epoch and step. */
  seed: number;
}

/**
 * A model and its data, as the loop sees them. The task owns the variables (created deterministically from its own
 * seed), the data and the metrics; the loop owns the optimisation. `B` is the task's batch type.
 */
export interface TrainTask<B> {
  /** The trainable variables, in a fixed order, with unique names ('layer/kernel': the part before the last '/'
   * groups variables into layers for gradient statistics). */
  variables(): tf.Variable[];
  /** The epoch's batches, shuffled by the task with `rng` (uniform [0, 1), seeded per epoch). Must yield the same
   * sequence for the same epoch and rng: a resumed run replays the epoch's order to skip done steps. */
  batches(epoch: number, rng: () => number): Iterable<B> | AsyncIterable<B>;
  /** Forward pass and loss of one batch: a scalar. The loop computes it inside tf.variableGrads and tidies it. */
  loss(batch: B, ctx: StepContext): tf.Scalar;
  /** Validation metrics (e.g. {loss, accuracy}) on the current weights. Optional: without it, monitor 'trainLoss'. */
  validate?(): Promise<Record<string, number>>;
  /** Frees a batch's tensors after its step (called for skipped batches on resume too). */
  disposeBatch?(batch: B): void;
  /** How many batches epoch `epoch` yields, when known before it starts (progress reports done of this total; without
   * it, the previous epoch's count, or none in the first epoch). */
  batchCount?(epoch: number): number;
  /** Examples (clips, utterances, crops) in a batch, for the examples-per-second rate of progress reports. */
  examplesIn?(batch: B): number;
  /** How to train on several threads (config.threads > 1): without it, the task trains on one. */
  parallel?: ParallelPlan<B>;
}

/** Per-epoch statistics of gradient L2 norms (before clipping), averaged over the epoch's steps. */
export interface GradientStats {
  /** Mean global norm (all variables together). */
  globalMean: number;
  /** Largest global norm seen in the epoch. */
  globalMax: number;
  /** Mean norm per variable name. */
  perVariable: Record<string, number>;
  /** Mean norm per layer (variables grouped by the name before the last '/'), in variable order. */
  perLayer: Record<string, number>;
}

/** One finished epoch. */
export interface EpochRecord {
  /** 1-based epoch. */
  epoch: number;
  /** Mean training loss over the epoch's steps. */
  trainLoss: number;
  /** Steps run this epoch. */
  steps: number;
  /** Validation metrics, or null on epochs not validated (see validateEvery). */
  validation: Record<string, number> | null;
  /** Gradient norm statistics. */
  gradients: GradientStats;
  /** Learning rate used. */
  learningRate: number;
  /** Wall-clock seconds for the epoch (training and validation). */
  seconds: number;
}

/** The outcome of trainModel. The task's variables hold the best weights when restoreBestWeights was on. */
export interface TrainResult {
  /** Every epoch run, including those before a resume. */
  history: EpochRecord[];
  /** 1-based epoch with the best monitored value (the last epoch when nothing was monitored). */
  bestEpoch: number;
  /** The best monitored value, or null when no epoch had it. */
  bestValue: number | null;
  /** Whether patience ended training before config.epochs. */
  stoppedEarly: boolean;
  /** Whether the variables were set back to bestEpoch's weights. */
  restoredBest: boolean;
  /** The engine that trained ('wasm', 'cpu', 'node'). */
  engine: string;
}

/** Progress events, a discriminated union on `type`; all plain data (structured-clone safe for worker threads). */
export type TrainEvent =
  | { type: 'started'; engine: string; threads: number; nParams: number; nVariables: number; epochs: number; startEpoch: number; resumed: boolean; config: TrainConfig }
  | { type: 'batch'; epoch: number; step: number; loss: number; gradNorm: number }
  | TrainProgress
  | { type: 'epoch'; record: EpochRecord }
  | { type: 'checkpoint'; epoch: number; step: number; dir: string }
  | { type: 'earlyStop'; epoch: number; bestEpoch: number; bestValue: number | null }
  | { type: 'done'; result: TrainResult };

/**
 * Progress within an epoch, a few times a second (TrainHooks.progressIntervalMs) and after the epoch's last batch:
 * batches done of the epoch's total, the pace, the time left, and the mean loss of the batches since the last report.
 */
export interface TrainProgress {
  type: 'progress';
  /** 1-based epoch. */
  epoch: number;
  /** Epochs of the run. */
  epochs: number;
  /** Batches done in this epoch (a resumed epoch counts the ones done before the checkpoint). */
  done: number;
  /** This epoch's batches: TrainTask.batchCount, else the previous epoch's count; null when unknown. */
  total: number | null;
  /** Examples per second in this epoch so far (TrainTask.examplesIn); null without it. */
  examplesPerSecond: number | null;
  /** Mean training loss of the batches since the previous report (a per-batch loss trace, smoothed a little). */
  loss: number;
  /** Seconds left in this epoch's training (validation not included); null when the total is unknown. */
  epochSecondsLeft: number | null;
  /** Seconds left in the run: this epoch, plus the later epochs at the last epoch's duration; null when unknown. */
  secondsLeft: number | null;
}

/** The type names of TrainEvent. */
export type TrainEventType = TrainEvent['type'];

/** Callbacks and cancellation for one run. */
export interface TrainHooks {
  /** Aborting stops training between batches: a checkpoint is saved (if checkpointDir), then CancelledError is thrown. */
  signal?: AbortSignal;
  /** Receives every TrainEvent, synchronously, in order. */
  onEvent?: (event: TrainEvent) => void;
  /** Milliseconds between 'progress' events within an epoch (the epoch's last batch always reports). Default 250. */
  progressIntervalMs?: number;
}

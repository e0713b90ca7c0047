/**
 * What every `kielo train` command shares: the recipes' common options (src/train/recipe.ts) as flags under one
 * spelling each, their help lines with the recipe's defaults, the parser that turns them into RecipeOptions, and the
 * progress of a run (a bar over epochs and steps, log lines above it).
 */
import type { CommandContext, OptionSpec } from './command';
import { ENGINE_CHOICES, engineOption, engineSpec } from './engine-option';
import { enumOption, flagOption, numberOption, required, stringOption, type NumberRange, type OptionValues } from './options';
import { rangeOf, TrainSettingsSchema } from '../api/schemas';
import { durationText } from '../api/duration-text';
import { MAX_THREADS, OPTIMIZER_NAMES } from '../train/config';
import { DEFAULT_THREADS_CAP } from '../train/parallel/threads';
import { CLIP_MODES, type RecipeDefaults, type RecipeEvent, type RecipeOptions } from '../train/recipe';
import type { EpochRecord } from '../train/types';
import { UsageError } from '../util/errors';

/** The parseArgs specs of the common training options. */
export const trainSpec = {
  data: { type: 'string' },
  out: { type: 'string' },
  epochs: { type: 'string' },
  seed: { type: 'string' },
  ...engineSpec,
  optimizer: { type: 'string' },
  'learning-rate': { type: 'string' },
  'batch-size': { type: 'string' },
  clip: { type: 'string' },
  'clip-mode': { type: 'string' },
  patience: { type: 'string' },
  'val-fraction': { type: 'string' },
  checkpoint: { type: 'string' },
  resume: { type: 'boolean' },
  threads: { type: 'string' },
} satisfies OptionSpec;

/** A knob's range as the API's schema gives it (one source for the studio's forms, its validation and these flags). */
function schemaRange(knob: keyof typeof TrainSettingsSchema.entries, note?: string): NumberRange {
  const { min, minExclusive, max, integer } = rangeOf(TrainSettingsSchema.entries[knob]);
  return {
    ...(integer ? { integer } : {}),
    ...(min !== null ? (minExclusive ? { above: min } : { min }) : {}),
    ...(max !== null ? { max } : {}),
    ...(note ? { note } : {}),
  };
}

/** The ranges of the common numeric options (a recipe may narrow one, e.g. WaveNet's val-fraction above 0). */
export const trainRanges = {
  epochs: schemaRange('epochs'),
  seed: schemaRange('seed'),
  'learning-rate': schemaRange('learningRate'),
  'batch-size': schemaRange('batchSize'),
  clip: schemaRange('clip', '0 = off'),
  patience: schemaRange('patience', '0 = never'),
  'val-fraction': schemaRange('valFraction'),
  threads: { integer: true, min: 1, max: MAX_THREADS },
} satisfies Record<string, NumberRange>;

/** How a training command describes its data and checkpoints in help and errors. */
export interface TrainCommandInfo {
  /** What --data DIR holds, e.g. 'a folder of DIR/<label>/*.wav|flac|mp3|ogg'. */
  data: string;
  /** What --out MODEL gets written, e.g. 'model directory to write'. */
  out: string;
  /** Where checkpoints go without --checkpoint: e.g. 'MODEL/checkpoint', or undefined for none (then --resume needs --checkpoint). */
  checkpointDefault?: string;
  /** Narrower ranges than trainRanges for this recipe. */
  ranges?: Partial<Record<keyof typeof trainRanges, NumberRange>>;
}

/** The help lines of the common options, each with the recipe's default. */
export function trainHelp(defaults: RecipeDefaults, info: TrainCommandInfo): string[] {
  const d = defaults;
  return [
    'Training options (every kielo train command):',
    `  --data DIR             ${info.data}`,
    `  --out MODEL            ${info.out}`,
    `  --epochs N             epochs (default ${d.epochs})`,
    `  --seed N               seed of weights, split, batch order and augmentation (default ${d.seed})`,
    `  --engine E             ${ENGINE_CHOICES.join('|')} (default ${d.engine}: KIELO_ENGINE, else the fastest that loads)`,
    `  --optimizer O          ${OPTIMIZER_NAMES.join('|')} (default ${d.optimizer})`,
    `  --learning-rate X      step size (default ${d.learningRate})`,
    `  --batch-size N         examples per step (default ${d.batchSize})`,
    `  --clip X               gradient constraint threshold, 0 = off (default ${d.clip})`,
    `  --clip-mode M          ${CLIP_MODES.join('|')}: clip the global norm or each value (default ${d.clipMode})`,
    `  --patience N           stop after N epochs without a better validation score, 0 = never (default ${d.patience})`,
    `  --val-fraction X       fraction of the training data that validates each epoch (default ${d.valFraction})`,
    `  --checkpoint DIR       checkpoint every epoch (default ${info.checkpointDefault ?? 'none'})`,
    '  --resume               continue from the checkpoint',
    `  --threads N            threads computing each step, data-parallel; 1 = one (default: KIELO_THREADS, else the cores, at most ${DEFAULT_THREADS_CAP} and the batch size)`,
  ];
}

/** The common options of a command line as the recipe's RecipeOptions (absent options left to the recipe's defaults). */
export function parseTrainOptions(values: OptionValues, info: TrainCommandInfo): RecipeOptions {
  const range = (name: keyof typeof trainRanges) => info.ranges?.[name] ?? trainRanges[name];
  const options: RecipeOptions = {
    data: required(stringOption(values, 'data'), '--data DIR', info.data),
    out: required(stringOption(values, 'out'), '--out MODEL', info.out),
    epochs: numberOption(values, 'epochs', range('epochs')),
    seed: numberOption(values, 'seed', range('seed')),
    engine: engineOption(values),
    optimizer: enumOption(values, 'optimizer', OPTIMIZER_NAMES),
    learningRate: numberOption(values, 'learning-rate', range('learning-rate')),
    batchSize: numberOption(values, 'batch-size', range('batch-size')),
    clip: numberOption(values, 'clip', range('clip')),
    clipMode: enumOption(values, 'clip-mode', CLIP_MODES),
    patience: numberOption(values, 'patience', range('patience')),
    valFraction: numberOption(values, 'val-fraction', range('val-fraction')),
    checkpointDir: stringOption(values, 'checkpoint'),
    resume: flagOption(values, 'resume'),
    threads: numberOption(values, 'threads', range('threads')),
  };
  if (options.resume && !options.checkpointDir && info.checkpointDefault === undefined) throw new UsageError('--resume needs --checkpoint DIR');
  return options;
}

/** How a training command words its epoch's validation, e.g. 'val loss 0.312, val acc 91.2%'; '' for none. */
export type DescribeValidation = (validation: Record<string, number>) => string;

/**
 * The onEvent of a recipe run from the CLI: log lines and epoch summaries above the bar, skipped files reported as bad
 * inputs (exit 2), and a bar over epochs that moves within each epoch with the loop's 'progress' reports (batches
 * done of the epoch's, the latest loss, examples per second, time left).
 */
export function trainProgress(ctx: CommandContext, describeValidation: DescribeValidation): (event: RecipeEvent) => void {
  let epochs = 1;
  return (event) => {
    switch (event.type) {
      case 'log':
        return ctx.progress.log(event.message);
      case 'skipped':
        return ctx.reportBadInput(event.file, event.reason);
      case 'started':
        epochs = event.epochs;
        ctx.progress.log(`training on ${event.engine}, ${event.threads} thread${event.threads === 1 ? '' : 's'}: ${event.nParams} parameters, epochs ${event.startEpoch}..${event.epochs}${event.resumed ? ' (resumed)' : ''}`);
        return ctx.progress.update(event.startEpoch - 1, epochs, `epoch ${event.startEpoch}/${epochs}`, { lineEvery: 0 });
      case 'progress': {
        const within = event.total ? Math.min(1, event.done / event.total) : 0;
        const parts = [
          `epoch ${event.epoch}/${epochs}`,
          `batch ${event.done}${event.total ? `/${event.total}` : ''}`,
          `loss ${event.loss.toFixed(3)}`,
          ...(event.examplesPerSecond !== null ? [`${event.examplesPerSecond.toFixed(0)} examples/s`] : []),
          ...(event.secondsLeft !== null ? [`${durationText(event.secondsLeft)} left`] : []),
        ];
        return ctx.progress.update(event.epoch - 1 + within, epochs, parts.join(', '), { lineEvery: 0 });
      }
      case 'epoch': {
        const r = event.record;
        ctx.progress.log(epochLine(r, describeValidation));
        return ctx.progress.update(r.epoch, epochs, `epoch ${r.epoch}/${epochs}, loss ${r.trainLoss.toFixed(3)}`, { lineEvery: 0 });
      }
      case 'earlyStop':
        return ctx.progress.log(`early stop at epoch ${event.epoch}: best epoch ${event.bestEpoch}`);
      default:
        return;
    }
  };
}

/** `epoch 3: train loss 0.412, val loss 0.388, val acc 88.0%, grad norm 1.23, 4.2 s`. */
function epochLine(r: EpochRecord, describeValidation: DescribeValidation): string {
  const validation = r.validation ? describeValidation(r.validation) : '';
  return `epoch ${r.epoch}: train loss ${r.trainLoss.toFixed(3)}${validation ? `, ${validation}` : ''}, grad norm ${r.gradients.globalMean.toFixed(2)}, ${r.seconds.toFixed(1)} s`;
}

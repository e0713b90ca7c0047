/** `kielo train lid --data DIR --out MODEL`: trains a language identifier in a worker thread (src/jobs 'train-lid'). */
import type { CliCommand, OptionSpec } from '../command';
import { flagOption, enumOption, noPositionals, numberListOption, numberOption, stringOption, type OptionValues } from '../options';
import { groupOptions } from '../group-options';
import { parseTrainOptions, trainHelp, trainProgress, trainSpec, type TrainCommandInfo } from '../train-options';
import { GROUP_BY } from '../../datasets';
import { runJob } from '../../jobs';
import { defaultLidModelConfig, FRONTENDS, resolveLidModelConfig, type LidModelConfig } from '../../models/lid';
import { ACTIVATIONS } from '../../models/layers';
import { defaultTrainLidOptions as defaults, type TrainLidOptions } from '../../train/lid';
import { FREEZE_PARTS } from '../../train/lid-init';
import { AUGMENT_PRESET_NAMES } from '../../features';
import { UsageError, messageOf } from '../../util/errors';

const info: TrainCommandInfo = {
  data: 'a folder of DIR/<label>/*.wav|flac|mp3|ogg',
  out: 'the model folder to write',
  checkpointDefault: 'MODEL/checkpoint',
};

/** Architecture overrides (--channels, --dilations, --filters, --embedding), validated against each other. */
function modelOverrides(values: OptionValues): Partial<LidModelConfig> | undefined {
  const model: Partial<LidModelConfig> = {
    channels: numberListOption(values, 'channels', { integer: true, min: 1, max: 4096 }),
    dilations: numberListOption(values, 'dilations', { integer: true, min: 1, max: 4096 }),
    filters: numberOption(values, 'filters', { integer: true, min: 1, max: 512 }),
    embedding: numberOption(values, 'embedding', { integer: true, min: 1, max: 4096 }),
  };
  const given = Object.fromEntries(Object.entries(model).filter(([, v]) => v !== undefined)) as Partial<LidModelConfig>;
  if (Object.keys(given).length === 0) return undefined;
  const channels = given.channels ?? defaultLidModelConfig.channels;
  if (given.channels && !given.dilations && channels.length !== defaultLidModelConfig.dilations.length) {
    throw new UsageError(`--channels has ${channels.length} layers: give --dilations with ${channels.length} values too`);
  }
  try {
    resolveLidModelConfig({ ...given });
  } catch (error) {
    throw new UsageError(messageOf(error).replace('LID model config: ', '--'));
  }
  return given;
}

/** The TrainLidOptions of a command line: the common training options plus the LID's own. */
export function trainLidOptions(values: OptionValues): TrainLidOptions {
  return {
    ...parseTrainOptions(values, info),
    frontend: enumOption(values, 'frontend', FRONTENDS),
    dropout: numberOption(values, 'dropout', { min: 0, max: 0.9 }),
    activation: enumOption(values, 'activation', ACTIVATIONS),
    initScale: numberOption(values, 'init-scale', { above: 0, max: 100 }),
    clipSeconds: numberOption(values, 'clip-seconds', { above: 0, max: 60 }),
    cropsPerFile: numberOption(values, 'crops-per-file', { integer: true, min: 1, max: 1000 }),
    augment: augmentOption(values),
    cacheDir: stringOption(values, 'cache-dir'),
    ...groupOptions(values, GROUP_BY),
    model: modelOverrides(values),
    ...initOptions(values),
  };
}

/** --init-from MODEL and --freeze P (freezing needs a model to fine-tune). */
function initOptions(values: OptionValues): Pick<TrainLidOptions, 'initFrom' | 'freeze'> {
  const initFrom = stringOption(values, 'init-from');
  const freeze = enumOption(values, 'freeze', FREEZE_PARTS);
  if (freeze !== undefined && freeze !== 'none' && initFrom === undefined) throw new UsageError(`--freeze ${freeze} needs --init-from MODEL`);
  return { initFrom, freeze };
}

/** --augment P, or --no-augment (the same as --augment none, as train asr has it). */
function augmentOption(values: OptionValues): TrainLidOptions['augment'] {
  const preset = enumOption(values, 'augment', AUGMENT_PRESET_NAMES);
  if (!flagOption(values, 'no-augment')) return preset;
  if (preset !== undefined && preset !== 'none') throw new UsageError(`--no-augment contradicts --augment ${preset}`);
  return 'none';
}

/** `val loss 0.388, val acc 88.0%, train acc 91.5%`. */
export function describeValidation(v: Record<string, number>): string {
  const pct = (x: number | undefined) => `${((x ?? NaN) * 100).toFixed(1)}%`;
  return `val loss ${v.loss?.toFixed(3)}, val acc ${pct(v.accuracy)}, train acc ${pct(v.trainAccuracy)}`;
}

/** The help lines of the LID's own options (after the common training options), shared with `kielo crossval`. */
export const lidHelp: string[] = [
  'Language ID options:',
  `  --frontend F           ${FRONTENDS.join('|')}: free filters over raw 25 ms frames, SincNet band-pass filters, or MFCC (default ${defaults.frontend})`,
  `  --dropout X            dropout rate, 0..0.9 (default ${defaults.dropout})`,
  `  --activation A         ${ACTIVATIONS.join('|')} (default ${defaults.activation})`,
  `  --init-scale X         weight initialisation scale (default ${defaults.initScale})`,
  `  --clip-seconds S       seconds per training crop (default ${defaults.clipSeconds})`,
  `  --crops-per-file N     random crops per file per epoch (default ${defaults.cropsPerFile})`,
  `  --augment P            ${AUGMENT_PRESET_NAMES.join('|')}: none; gain, noise and speed; or those plus formant warping,`,
  '                         reverberation, microphone EQ, telephone band and codecs (and SpecAugment for mfcc)',
  `                         (default ${defaults.augment})`,
  '  --no-augment           the same as --augment none',
  '  --cache-dir DIR        where decoded 16-bit PCM is cached (default TMPDIR/kielo-pcm-cache-UID)',
  `  --group-by G           ${GROUP_BY.join('|')}: what validation holds out whole (default ${defaults.groupBy}: random files)`,
  "                         a file's group: --group-pattern's capture, else DIR/manifest.tsv's speaker (or voice) /",
  '                         source column, else the first folder below its label folder (DIR/<label>/<group>/)',
  '  --group-pattern RE     regular expression matched against the path under DIR; its first (...) is the group',
  `  --channels N,N,..      TDNN channels per layer (default ${defaultLidModelConfig.channels.join(',')})`,
  `  --dilations N,N,..     TDNN dilations per layer (default ${defaultLidModelConfig.dilations.join(',')})`,
  `  --filters N            front-end filters (default ${defaultLidModelConfig.filters})`,
  `  --embedding N          embedding size (default ${defaultLidModelConfig.embedding})`,
  '  --init-from MODEL      fine-tune a saved LID model (e.g. assets/demo/models/lid): its front end, FeatureSpec and',
  '                         weights are kept; labels it lacks get new output rows, labels the data lacks keep theirs;',
  '                         --frontend, --activation and architecture options must agree with it if given',
  `  --freeze P             with --init-from, keep fixed: ${FREEZE_PARTS.join('|')} (tdnn: the front end and the TDNN,`,
  `                         so only the embedding and classifier train) (default ${defaults.freeze})`,
];

/** The parseArgs specs of the LID's own options, shared with `kielo crossval`. */
export const lidSpec = {
  frontend: { type: 'string' },
  dropout: { type: 'string' },
  activation: { type: 'string' },
  'init-scale': { type: 'string' },
  'clip-seconds': { type: 'string' },
  'crops-per-file': { type: 'string' },
  augment: { type: 'string' },
  'no-augment': { type: 'boolean' },
  'cache-dir': { type: 'string' },
  'group-by': { type: 'string' },
  'group-pattern': { type: 'string' },
  channels: { type: 'string' },
  dilations: { type: 'string' },
  filters: { type: 'string' },
  embedding: { type: 'string' },
  'init-from': { type: 'string' },
  freeze: { type: 'string' },
} satisfies OptionSpec;

export const command: CliCommand = {
  name: 'train lid',
  usage: '--data DIR --out MODEL [--frontend learned|sinc|mfcc] [--init-from MODEL [--freeze P]] [--epochs N] [--seed N] [--resume] [options]',
  help: [
    'Trains on DIR/<label>/*.{wav,flac,mp3,ogg} (when DIR/manifest.tsv has a split column, only its train split).',
    'A stratified part of the files (--val-fraction) validates each epoch; early stopping restores the best weights.',
    'With --group-by speaker|source, validation holds out whole speakers or sources, so it measures unseen ones.',
    'Byte-identical files in DIR are reported (a warning), since copies on both sides of the split flatter validation.',
    'Runs in a worker thread; progress on stderr; a checkpoint each epoch, so a killed run continues with --resume.',
    '',
    ...trainHelp(defaults, info),
    '',
    ...lidHelp,
    '',
    'JSON: {model, epochs, trainAccuracy, valAccuracy, valLoss, engine, labels, frontend, bestEpoch, seconds, clipsPerSecond,',
    '       trainFiles, valFiles, groupBy, valGroups, groupCount}',
  ].join('\n'),
  options: {
    ...trainSpec,
    ...lidSpec,
  },
  async run(ctx) {
    noPositionals(ctx.args.positionals, 'give the data folder with --data');
    const options = trainLidOptions(ctx.args.values);
    const result = await runJob('train-lid', options, { signal: ctx.signal, onEvent: trainProgress(ctx, describeValidation) });
    const { history: _history, ...summary } = result;
    ctx.output(summary, ((r: typeof summary) =>
      `model ${r.model}: validation accuracy ${(r.valAccuracy * 100).toFixed(1)}%, train ${(r.trainAccuracy * 100).toFixed(1)}%, ${r.epochs} epochs on ${r.engine}`) as (r: never) => string);
  },
};

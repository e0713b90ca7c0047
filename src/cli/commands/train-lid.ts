/** `kielo train lid --data DIR --out MODEL`: trains a language identifier in a worker thread (src/jobs 'train-lid'). */
import type { CliCommand } from '../command';
import { runJob } from '../../jobs';
import { parseEngineName } from '../../engine';
import { defaultLidModelConfig, FRONTENDS, resolveLidModelConfig, type Frontend, type LidModelConfig } from '../../models/lid';
import { ACTIVATIONS } from '../../models/layers';
import { defaultTrainLidParams, type TrainLidEvent, type TrainLidParams, type TrainLidResult } from '../../train/lid';
import { UsageError } from '../../util/errors';

function text(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A numeric option, or undefined when absent; UsageError names the option and the bad value. */
function num(values: Record<string, unknown>, name: string, check: (n: number) => boolean, range: string): number | undefined {
  const raw = text(values[name]);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n)) throw new UsageError(`--${name} must be ${range}, got '${raw}'`);
  return n;
}

function oneOf<T extends string>(values: Record<string, unknown>, name: string, allowed: readonly T[]): T | undefined {
  const raw = text(values[name]);
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${raw}'`);
  return raw as T;
}

const int = (lo: number) => (n: number) => Number.isInteger(n) && n >= lo;

/** A comma-separated list of integers 1..4096 (e.g. --channels 96,96,96), or undefined when absent. */
function intList(values: Record<string, unknown>, name: string): number[] | undefined {
  const raw = text(values[name]);
  if (raw === undefined) return undefined;
  const list = raw.split(',').map((part) => Number(part.trim()));
  if (raw.trim() === '' || !list.every((n) => Number.isInteger(n) && n >= 1 && n <= 4096)) throw new UsageError(`--${name} must be comma-separated integers 1..4096, got '${raw}'`);
  return list;
}

/** Architecture overrides (--channels, --dilations, --filters, --embedding), validated against each other. */
function modelOverrides(values: Record<string, unknown>): Partial<LidModelConfig> | undefined {
  const model: Partial<LidModelConfig> = {
    channels: intList(values, 'channels'),
    dilations: intList(values, 'dilations'),
    filters: num(values, 'filters', (n) => int(1)(n) && n <= 512, 'an integer 1..512'),
    embedding: num(values, 'embedding', (n) => int(1)(n) && n <= 4096, 'an integer 1..4096'),
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
    throw new UsageError((error as Error).message.replace('LID model config: ', '--'));
  }
  return given;
}

/** The TrainLidParams of a command line. */
export function trainLidParams(values: Record<string, unknown>): TrainLidParams {
  const data = text(values.data);
  const out = text(values.out);
  if (!data) throw new UsageError('--data DIR is required (a folder of DIR/<label>/*.wav|flac|mp3|ogg)');
  if (!out) throw new UsageError('--out MODEL is required (the model folder to write)');
  const engine = text(values.engine);
  let parsedEngine: TrainLidParams['engine'];
  try {
    parsedEngine = engine === undefined || engine === 'auto' ? 'auto' : parseEngineName(engine);
  } catch (error) {
    throw new UsageError(`--engine: ${(error as Error).message}`);
  }
  return {
    data,
    out,
    frontend: oneOf<Frontend>(values, 'frontend', FRONTENDS),
    epochs: num(values, 'epochs', int(1), 'an integer >= 1'),
    seed: num(values, 'seed', int(0), 'an integer >= 0'),
    engine: parsedEngine,
    resume: values.resume === true,
    optimizer: oneOf(values, 'optimizer', ['sgd', 'momentum', 'adam'] as const),
    lr: num(values, 'lr', (n) => n > 0 && n <= 10, 'a number in (0, 10]'),
    batch: num(values, 'batch', (n) => int(1)(n) && n <= 1024, 'an integer 1..1024'),
    dropout: num(values, 'dropout', (n) => n >= 0 && n <= 0.9, 'a number 0..0.9'),
    clip: num(values, 'clip', (n) => n >= 0, 'a number >= 0 (0 = off)'),
    clipMode: oneOf(values, 'clip-mode', ['norm', 'value'] as const),
    activation: oneOf(values, 'activation', ACTIVATIONS),
    initScale: num(values, 'init-scale', (n) => n > 0 && n <= 100, 'a number in (0, 100]'),
    patience: num(values, 'patience', int(0), 'an integer >= 0 (0 = off)'),
    valSplit: num(values, 'val-split', (n) => n >= 0 && n <= 0.5, 'a number 0..0.5'),
    clipSeconds: num(values, 'clip-seconds', (n) => n > 0 && n <= 60, 'a number in (0, 60]'),
    cropsPerFile: num(values, 'crops-per-file', int(1), 'an integer >= 1'),
    augment: values['no-augment'] === true ? false : undefined,
    checkpointDir: text(values.checkpoint),
    cacheDir: text(values['cache-dir']),
    model: modelOverrides(values),
  };
}

/** A progress line for an event, or null for events not worth a line. */
function describe(e: TrainLidEvent): string | null {
  if (e.type === 'log') return e.message;
  if (e.type === 'started') return `training on ${e.engine}: ${e.nParams} parameters, epochs ${e.startEpoch}..${e.epochs}${e.resumed ? ' (resumed)' : ''}`;
  if (e.type === 'epoch') {
    const r = e.record;
    const v = r.validation;
    const val = v ? `, val loss ${v.loss?.toFixed(3)} acc ${((v.accuracy ?? NaN) * 100).toFixed(1)}%, train acc ${((v.trainAccuracy ?? NaN) * 100).toFixed(1)}%` : '';
    return `epoch ${r.epoch}: loss ${r.trainLoss.toFixed(3)}${val}, grad norm ${r.gradients.globalMean.toFixed(2)}, ${r.seconds.toFixed(1)} s`;
  }
  if (e.type === 'earlyStop') return `early stop at epoch ${e.epoch}: best epoch ${e.bestEpoch}`;
  return null;
}

export const command: CliCommand = {
  name: 'train lid',
  usage: '--data DIR --out MODEL [--frontend learned|sinc|mfcc] [--epochs N] [--seed N] [--engine wasm|cpu|node] [--resume] [knobs]',
  help: [
    'Trains on DIR/<label>/*.{wav,flac,mp3,ogg} (when DIR/manifest.tsv has a split column, only its train split).',
    `A stratified part of the files (--val-split, default ${defaultTrainLidParams.valSplit}) validates each epoch; early stopping`,
    'restores the best weights. Runs in a worker thread; progress on stderr; a checkpoint each epoch (MODEL/checkpoint),',
    'so a killed run continues with --resume.',
    '',
    'Front ends: learned (free filters over raw 25 ms frames, default), sinc (SincNet band-pass filters), mfcc (baseline).',
    `Knobs: --optimizer sgd|momentum|adam (${defaultTrainLidParams.optimizer}) --lr X (${defaultTrainLidParams.lr}) --batch N (${defaultTrainLidParams.batch})`,
    `  --dropout X (${defaultTrainLidParams.dropout}) --clip X (${defaultTrainLidParams.clip}; 0 = off) --clip-mode norm|value --activation sigmoid|tanh|relu`,
    `  --init-scale X (${defaultTrainLidParams.initScale}) --patience N (${defaultTrainLidParams.patience}; 0 = off) --val-split X`,
    `  --clip-seconds S (${defaultTrainLidParams.clipSeconds}) --crops-per-file N (${defaultTrainLidParams.cropsPerFile}) --no-augment --checkpoint DIR`,
    '  --cache-dir DIR (where decoded 16-bit PCM is cached; default TMPDIR/kielo-pcm-cache)',
    `Architecture: --channels N,N,.. (${defaultLidModelConfig.channels.join(',')}) --dilations N,N,.. (${defaultLidModelConfig.dilations.join(',')})`,
    `  --filters N (${defaultLidModelConfig.filters}) --embedding N (${defaultLidModelConfig.embedding})`,
    '',
    'JSON: {model, epochs, trainAccuracy, valAccuracy, valLoss, engine, labels, frontend, bestEpoch, seconds, clipsPerSecond}',
  ].join('\n'),
  options: {
    data: { type: 'string' },
    out: { type: 'string' },
    frontend: { type: 'string' },
    epochs: { type: 'string' },
    seed: { type: 'string' },
    engine: { type: 'string' },
    resume: { type: 'boolean' },
    optimizer: { type: 'string' },
    lr: { type: 'string' },
    batch: { type: 'string' },
    dropout: { type: 'string' },
    clip: { type: 'string' },
    'clip-mode': { type: 'string' },
    activation: { type: 'string' },
    'init-scale': { type: 'string' },
    patience: { type: 'string' },
    'val-split': { type: 'string' },
    'clip-seconds': { type: 'string' },
    'crops-per-file': { type: 'string' },
    'no-augment': { type: 'boolean' },
    checkpoint: { type: 'string' },
    'cache-dir': { type: 'string' },
    channels: { type: 'string' },
    dilations: { type: 'string' },
    filters: { type: 'string' },
    embedding: { type: 'string' },
  },
  async run(ctx) {
    if (ctx.args.positionals.length) throw new UsageError(`unexpected argument '${ctx.args.positionals[0]}'`);
    const params = trainLidParams(ctx.args.values);
    const result = (await runJob('train-lid', params, {
      signal: ctx.signal,
      onEvent: (e) => {
        const line = describe(e);
        if (line) ctx.progress.log(line);
      },
    })) as TrainLidResult;
    const { history: _history, ...summary } = result;
    ctx.output(summary, ((r: typeof summary) =>
      `model ${r.model}: validation accuracy ${(r.valAccuracy * 100).toFixed(1)}%, train ${(r.trainAccuracy * 100).toFixed(1)}%, ${r.epochs} epochs on ${r.engine}`) as (r: never) => string);
  },
};

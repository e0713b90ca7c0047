/** Training runs as the studio starts them: settings -> task + parameters, and training events -> curve points. */
import type { EpochPoint, ModelKind, TrainSettings } from './contract';
import type { TaskName } from './tasks';
import { UsageError } from '../util/errors';

/** The task and CLI words that train each model kind. */
const TRAIN_TASK: Record<ModelKind, { task: TaskName; words: string[] }> = {
  'lid-learned': { task: 'train-lid', words: ['train', 'lid'] },
  'lid-mfcc': { task: 'train-lid', words: ['train', 'lid'] },
  asr: { task: 'train-asr', words: ['train', 'asr'] },
  wavenet: { task: 'train-wavenet', words: ['train', 'wavenet'] },
};

/** Checks the knobs' ranges; UsageError names the knob and its bad value. */
export function checkTrainSettings(s: TrainSettings): void {
  const bad = (name: string, value: number, range: string) => {
    throw new UsageError(`${name} ${value} is out of range (${range})`);
  };
  if (!Number.isInteger(s.epochs) || s.epochs < 1 || s.epochs > 1000) bad('epochs', s.epochs, 'an integer 1..1000');
  if (!(s.learningRate > 0 && s.learningRate <= 10)) bad('learning rate', s.learningRate, '0 < lr <= 10');
  if (!Number.isInteger(s.batchSize) || s.batchSize < 1 || s.batchSize > 1024) bad('batch size', s.batchSize, 'an integer 1..1024');
  if (s.dropout < 0 || s.dropout > 0.9) bad('dropout', s.dropout, '0..0.9');
  if (s.clip < 0) bad('clip', s.clip, '>= 0; 0 = off');
  if (!(s.initScale > 0)) bad('init scale', s.initScale, '> 0');
  if (!Number.isInteger(s.patience) || s.patience < 0) bad('patience', s.patience, 'an integer >= 0; 0 = off');
  if (s.valSplit < 0 || s.valSplit > 0.5) bad('validation split', s.valSplit, '0..0.5');
  if (!Number.isInteger(s.seed)) bad('seed', s.seed, 'an integer');
  if (!s.dataset.trim()) throw new UsageError('choose a dataset folder to train on');
}

/** The job for a run: task name, runJob parameters, and the equivalent CLI arguments (contract options only). LID
 * trainings keep their decoded-audio cache in the project (`cacheDir`), so projects and tests never share one. */
export function trainJob(s: TrainSettings, modelDir: string, checkpointDir: string, resume: boolean, cacheDir: string) {
  const { task, words } = TRAIN_TASK[s.kind];
  const frontend = s.kind === 'lid-mfcc' ? 'mfcc' : 'learned';
  const params = {
    data: s.dataset,
    out: modelDir,
    ...(task === 'train-lid' ? { frontend, cacheDir } : {}),
    epochs: s.epochs,
    seed: s.seed,
    optimizer: s.optimizer,
    lr: s.learningRate,
    batch: s.batchSize,
    dropout: s.dropout,
    clip: s.clip,
    activation: s.activation,
    initScale: s.initScale,
    patience: s.patience,
    valSplit: s.valSplit,
    checkpointDir,
    resume,
  };
  const argv = [...words, '--data', s.dataset, '--out', modelDir, '--epochs', String(s.epochs)];
  if (task === 'train-lid') argv.push('--frontend', frontend, '--seed', String(s.seed));
  return { task, params, argv };
}

/** A curve point from a training event ({type: 'epoch', record}); null for other events. */
export function epochPointOf(event: unknown): EpochPoint | null {
  const e = event as { type?: string; record?: Record<string, unknown> };
  if (e?.type !== 'epoch' || typeof e.record !== 'object' || e.record === null) return null;
  const r = e.record as {
    epoch: number;
    trainLoss: number;
    validation?: Record<string, number> | null;
    trainMetrics?: Record<string, number>;
    gradients?: { perLayer?: Record<string, number> };
    seconds?: number;
  };
  const val = r.validation ?? {};
  const point: EpochPoint = { epoch: r.epoch, trainLoss: r.trainLoss, gradNorms: r.gradients?.perLayer ?? {}, seconds: r.seconds ?? 0 };
  if (typeof val.loss === 'number') point.valLoss = val.loss;
  if (typeof val.accuracy === 'number') point.valAccuracy = val.accuracy;
  const trainAccuracy = r.trainMetrics?.accuracy ?? val.trainAccuracy;
  if (typeof trainAccuracy === 'number') point.trainAccuracy = trainAccuracy;
  return point;
}

/** The numeric fields of a task result (trainAccuracy, valAccuracy, valCer, valBitsPerSample...). */
export function metricsOf(result: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof result === 'object' && result !== null) {
    for (const [key, value] of Object.entries(result)) if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
  }
  return out;
}

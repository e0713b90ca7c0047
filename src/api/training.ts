/**
 * Training runs as the studio starts them: the studio's settings -> the recipe's own options (one typed mapping per
 * model kind, so a knob the recipe does not take, or takes under another name, is a compile error), and training
 * events -> curve points.
 */
import type { EpochPoint, TrainSettings } from './contract';
import { DEFAULT_TRAIN_SETTINGS, TrainSettingsSchema } from './schemas';
import { parsePayload } from './validate';
import type { TaskName, TaskRequest } from '../jobs';
import type { RecipeEvent, RecipeOptions } from '../train/recipe';
import type { FreezePart } from '../train/lid-init';

/** The tasks that train a model. */
export type TrainTaskName = Extract<TaskName, 'train-lid' | 'train-asr' | 'train-wavenet'>;
/** A training task with its parameters. */
export type TrainRequest = Extract<TaskRequest, { task: TrainTaskName }>;

/** Where a run writes: its model, its checkpoints, and (LID) the project's decoded-audio cache; and what it adapts. */
export interface RunFolders {
  model: string;
  checkpoints: string;
  pcmCache: string;
  /** LID: the folder of the model that settings.initFrom names (the service looks its id up in models()). */
  initFrom?: string;
}

/** The task and parameters that train `s.kind` with the studio's settings. */
export function trainRequest(s: TrainSettings, folders: RunFolders, resume: boolean): TrainRequest {
  const shared = {
    data: s.dataset,
    out: folders.model,
    epochs: s.epochs,
    seed: s.seed,
    optimizer: s.optimizer,
    learningRate: s.learningRate,
    batchSize: s.batchSize,
    clip: s.clip,
    patience: s.patience,
    valFraction: s.valFraction,
    checkpointDir: folders.checkpoints,
    resume,
  } satisfies RecipeOptions;
  switch (s.kind) {
    case 'lid-learned':
    case 'lid-mfcc':
      // adapting a model: its front end and activation are the model's (the recipe refuses explicit ones that differ)
      return {
        task: 'train-lid',
        params: {
          ...shared, dropout: s.dropout, groupBy: s.groupBy, cacheDir: folders.pcmCache,
          ...(folders.initFrom
            ? { initFrom: folders.initFrom, freeze: s.freeze satisfies FreezePart }
            : { frontend: s.kind === 'lid-mfcc' ? 'mfcc' : 'learned', activation: s.activation, initScale: s.initScale }),
        },
      };
    case 'asr':
      return { task: 'train-asr', params: { ...shared, dropout: s.dropout } };
    case 'wavenet':
      return { task: 'train-wavenet', params: shared };
  }
}

/**
 * The settings of a stored run, as the schema reads them: runs written before the knobs had one name each stored
 * `valSplit` (now valFraction). A damaged record gives a UsageError naming the run and the field.
 */
export function storedSettings(runId: string, stored: Record<string, unknown>): TrainSettings {
  const { valSplit, ...rest } = stored;
  const migrated = rest.valFraction === undefined && valSplit !== undefined ? { ...rest, valFraction: valSplit } : rest;
  return parsePayload(`run ${runId} settings`, TrainSettingsSchema, { ...DEFAULT_TRAIN_SETTINGS, ...migrated });
}

/** A curve point from a training event ({type: 'epoch', record}); null for other events. */
export function epochPointOf(event: RecipeEvent): EpochPoint | null {
  if (event.type !== 'epoch') return null;
  const r = event.record;
  const val = r.validation ?? {};
  const point: EpochPoint = { epoch: r.epoch, trainLoss: r.trainLoss, gradNorms: r.gradients.perLayer, seconds: r.seconds };
  if (typeof val.loss === 'number') point.valLoss = val.loss;
  if (typeof val.accuracy === 'number') point.valAccuracy = val.accuracy;
  if (typeof val.trainAccuracy === 'number') point.trainAccuracy = val.trainAccuracy;
  return point;
}

/** The numeric fields of a task result (trainAccuracy, valAccuracy, valCer, valBitsPerSample...). */
export function metricsOf(result: object): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [key, value] of Object.entries(result)) if (typeof value === 'number' && Number.isFinite(value)) out[key] = value;
  return out;
}

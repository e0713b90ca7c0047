/**
 * The LID recipe: a labelled folder -> splits -> a 16-bit PCM cache -> streamed, augmented crops -> buildLidModel
 * -> the generic training loop (src/train/loop.ts) -> a saved model (src/models/io.ts) with labels, FeatureSpec,
 * model config, training metrics and engine. Inference and evaluation are in lid-infer.ts.
 */
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { initEngine, tf } from '../engine';
import { AUGMENT_PRESETS, AUGMENT_PRESET_NAMES, defaultFeatureSpec, featureDims, type AugmentPreset, type FeatureSpec } from '../features';
import {
  BatchPrefetcher, clipBatchCount, clipBatches, findDuplicates, groupedSplit, groupsOf, itemsOfSplit, manifestKey, PcmCache, readLabelledSet,
  stratifiedSplit, type FeatureBatch, type GroupBy, type LabelledItem,
} from '../datasets';
import { buildLidModel, lidLogitsModel, receptiveFrames, resolveLidModelConfig, type Frontend, type LidModelConfig } from '../models/lid';
import { saveModel } from '../models/io';
import { makeRng } from '../util/random';
import { UsageError } from '../util/errors';
import { calibrateOnBatches, wholeFileBatches } from './calibrate';
import { softmaxCrossEntropy } from './losses';
import { FREEZE_PARTS, initLidFrom, trainableVariables, type FreezePart, type LidInit } from './lid-init';
import { lidBatchLoss, lidParallelPlan } from './lid-replica';
import { trainModel, type TrainConfigInput, type TrainResult, type TrainTask } from './loop';
import { loopConfigOf, withDefaults, type Recipe, type RecipeDefaults, type RecipeHooks, type RecipeOptions } from './recipe';

/** Options of a LID training run: the shared recipe options plus the LID's own; defaults in defaultTrainLidOptions. */
export interface TrainLidOptions extends RecipeOptions {
  /**
   * Front end. Default 'sinc': SincNet band-pass filters held up better than free filters away from the training
   * voices (assets/demo/models/lid/README.md); 'learned' and 'mfcc' remain choices.
   */
  frontend?: Frontend;
  /** Dropout rate; [0, 0.9]. Default 0.3. */
  dropout?: number;
  /** Hidden nonlinearity. Default 'relu'. */
  activation?: LidModelConfig['activation'];
  /** Weight initialisation scale; > 0. Default 1. */
  initScale?: number;
  /** Seconds per training crop. Default 2. */
  clipSeconds?: number;
  /** Random crops per training file per epoch. Default 4. */
  cropsPerFile?: number;
  /**
   * Augmentation of training crops, a preset of src/features/augment/config.ts: 'none'; 'basic' (gain, noise,
   * speed); 'voice-channel' (basic plus formant warping, room reverberation, microphone EQ, telephone band and
   * codecs, and SpecAugment masks for the MFCC front end). Default 'basic'.
   */
  augment?: AugmentPreset;
  /** Where the PCM cache lives. Default TMPDIR/kielo-pcm-cache-UID (one per user: another user's cache is not writable). */
  cacheDir?: string;
  /** Cap on steps per epoch (quick runs over large corpora); 0 = none. Default 0. */
  maxStepsPerEpoch?: number;
  /**
   * What validation holds out whole: 'file' (a random split per label), or every file of a 'speaker' or 'source', so
   * validation measures unseen speakers or sources (src/datasets/groups.ts). Default 'file'.
   */
  groupBy?: GroupBy;
  /**
   * With groupBy speaker|source: a regular expression whose first capture group, matched against a file's path under
   * DIR, is its group. Default: DIR/manifest.tsv's column (speaker or voice; source), else DIR/<label>/<group>/.
   */
  groupPattern?: string;
  /**
   * Groups (speakers or sources, by groupBy) left out of training and validation altogether: cross-validation's
   * held-out fold (`kielo crossval`). Needs groupBy speaker|source. Default none.
   */
  holdOut?: string[];
  /** Model architecture overrides (channels, dilations, filters...). */
  model?: Partial<LidModelConfig>;
  /**
   * A saved LID model to fine-tune (src/train/lid-init.ts): its FeatureSpec, front end and weights are kept; labels
   * it lacks get new classifier rows. Explicit frontend, activation or model overrides must agree with it. Default
   * none (fresh weights).
   */
  initFrom?: string;
  /** With initFrom: layers kept fixed, 'none', 'frontend' or 'tdnn' (the front end and the TDNN). Default 'none'. */
  freeze?: FreezePart;
}

/** Defaults of TrainLidOptions (data and out have none; checkpointDir defaults to OUT/checkpoint). */
export const defaultTrainLidOptions: RecipeDefaults & Required<Omit<TrainLidOptions, keyof RecipeOptions | 'cacheDir' | 'groupPattern' | 'holdOut' | 'model' | 'initFrom'>> = {
  epochs: 30,
  seed: 1,
  engine: 'auto',
  optimizer: 'adam',
  learningRate: 0.003,
  batchSize: 32,
  clip: 5,
  clipMode: 'norm',
  patience: 8,
  valFraction: 0.15,
  resume: false,
  frontend: 'sinc',
  dropout: 0.3,
  activation: 'relu',
  initScale: 1,
  clipSeconds: 2,
  cropsPerFile: 4,
  augment: 'basic',
  maxStepsPerEpoch: 0,
  groupBy: 'file',
  freeze: 'none',
};

/** The outcome of trainLid (the CLI contract's fields first). */
export interface TrainLidResult {
  model: string;
  epochs: number;
  trainAccuracy: number;
  valAccuracy: number;
  valLoss: number;
  engine: string;
  labels: string[];
  frontend: Frontend;
  bestEpoch: number;
  stoppedEarly: boolean;
  trainFiles: number;
  valFiles: number;
  /** What validation held out whole (TrainLidOptions.groupBy). */
  groupBy: GroupBy;
  /** How many speakers or sources (files, with groupBy 'file') validation held out, and how many the training pool has. */
  valGroups: number;
  groupCount: number;
  /** Training time over all epochs (a resumed run includes the epochs before the resume). */
  seconds: number;
  /** Training throughput in crops per second (augmentation and features included). */
  clipsPerSecond: number;
  history: TrainResult['history'];
}

/** The FeatureSpec of a front end: raw 25 ms / 10 ms frames (no pre-emphasis) or MFCC + deltas + CMVN. */
export function lidFeatureSpec(frontend: Frontend): FeatureSpec {
  return frontend === 'mfcc' ? defaultFeatureSpec('mfcc') : defaultFeatureSpec('frames');
}

/** A batch as tensors. */
interface TensorBatch {
  x: tf.Tensor3D;
  y: tf.Tensor1D;
}

function toTensors(b: FeatureBatch): TensorBatch {
  return { x: tf.tensor3d(b.data, [b.batch, b.frames, b.dims]), y: tf.tensor1d(b.labels, 'int32') };
}

/** Mean loss and accuracy of `logitsModel` over batches (inference mode). */
async function scoreBatches(logitsModel: tf.LayersModel, batches: Iterable<FeatureBatch>): Promise<{ loss: number; accuracy: number }> {
  let loss = 0;
  let correct = 0;
  let n = 0;
  for (const b of batches) {
    const t = toTensors(b);
    const out = tf.tidy(() => {
      const logits = logitsModel.apply(t.x, { training: false }) as tf.Tensor2D;
      const ce = softmaxCrossEntropy(logits, t.y).mul(b.batch);
      const hits = tf.equal(tf.argMax(logits, 1), t.y.toInt()).sum();
      return tf.stack([ce, hits.toFloat()]);
    });
    const [l, h] = await out.data();
    tf.dispose([out, t.x, t.y]);
    loss += l;
    correct += h;
    n += b.batch;
  }
  return { loss: n ? loss / n : NaN, accuracy: n ? correct / n : NaN };
}

/**
 * The validation split of the training pool: by file (stratifiedSplit) or by whole groups (groupedSplit), logged as
 * "validation: ..." with any warnings. With groups, the files of p.holdOut's groups (crossval's held-out fold) are left
 * out of both sides first; a group may have no files here (e.g. only test-split files).
 */
async function validationSplit(
  data: string,
  pool: LabelledItem[],
  p: { groupBy: GroupBy; groupPattern?: string; holdOut?: string[]; valFraction: number; seed: number },
  log: (message: string) => void,
): Promise<{ train: LabelledItem[]; val: LabelledItem[]; valGroups: number; groupCount: number }> {
  if (p.groupBy === 'file') {
    if (p.holdOut?.length) throw new UsageError('holdOut needs groupBy speaker or source');
    const { train, val } = stratifiedSplit(pool, p.valFraction, makeRng(p.seed));
    log(`validation: ${val.length} random files, stratified by label (no speaker or source held out)`);
    return { train, val, valGroups: val.length, groupCount: pool.length };
  }
  const { groups: allGroups, origin } = await groupsOf(data, pool, p.groupBy, p.groupPattern);
  const held = new Set(p.holdOut ?? []);
  const kept = pool.filter((_, i) => !held.has(allGroups[i]));
  const groups = allGroups.filter((group) => !held.has(group));
  if (held.size) log(`held out of training: ${p.groupBy} ${[...held].join(', ')} (${pool.length - kept.length} files)`);
  const split = groupedSplit(kept, groups, p.valFraction, makeRng(p.seed), p.groupBy);
  const shown = split.valGroups.length > 8 ? `${split.valGroups.slice(0, 8).join(', ')}, ...` : split.valGroups.join(', ');
  log(`validation: ${split.valGroups.length} of ${split.groupCount} ${p.groupBy}s held out whole (${p.groupBy} from ${origin})${shown ? `: ${shown}` : ''}`);
  for (const warning of split.warnings) log(`warning: ${warning}`);
  return { train: split.train, val: split.val, valGroups: split.valGroups.length, groupCount: split.groupCount };
}

/** Logs a warning when the set has byte-identical files, saying how many sets straddle training and validation. */
async function warnDuplicates(data: string, train: LabelledItem[], val: LabelledItem[], log: (message: string) => void): Promise<void> {
  const side = new Map<string, 'train' | 'val'>([...train.map((i) => [i.file, 'train'] as const), ...val.map((i) => [i.file, 'val'] as const)]);
  const labelOf = new Map([...train, ...val].map((i) => [i.file, i.label]));
  const sets = await findDuplicates([...train, ...val].map((i) => i.file));
  if (sets.length === 0) return;
  const copies = sets.reduce((n, s) => n + s.length - 1, 0);
  const straddling = sets.filter((s) => new Set(s.map((f) => side.get(f))).size > 1).length;
  const acrossLabels = sets.filter((s) => new Set(s.map((f) => labelOf.get(f))).size > 1).length;
  const example = `${sets[0].slice(0, 2).map((f) => manifestKey(data, f)).join(' = ')}${sets[0].length > 2 ? ` (and ${sets[0].length - 2} more)` : ''}`;
  const setsOf = (n: number) => `${n} set${n === 1 ? '' : 's'}`;
  log(
    `warning: ${copies} file${copies === 1 ? ' is a byte-identical copy' : 's are byte-identical copies'} of others (${setsOf(sets.length)} of identical files, e.g. ${example})` +
      `${straddling ? `; ${setsOf(straddling)} straddle training and validation, so validation scores files it trained on` : ''}` +
      `${acrossLabels ? `; ${setsOf(acrossLabels)} span more than one label folder` : ''}`,
  );
}

/**
 * Trains a language identifier on `params.data` and saves it to `params.out`. Runs on the engine initialised
 * here; events go to onEvent; aborting `signal` stops after a checkpoint (CancelledError).
 */
export async function trainLid(input: TrainLidOptions, hooks: RecipeHooks = {}): Promise<TrainLidResult> {
  const p = withDefaults(defaultTrainLidOptions, input);
  if (!p.data || !p.out) throw new UsageError('trainLid needs data and out');
  if (!(p.clipSeconds > 0)) throw new UsageError(`clipSeconds must be > 0, got ${p.clipSeconds}`);
  if (!(Number.isInteger(p.batchSize) && p.batchSize >= 1)) throw new UsageError(`batchSize must be an integer >= 1, got ${p.batchSize}`);
  if (!AUGMENT_PRESET_NAMES.includes(p.augment)) throw new UsageError(`augment must be one of ${AUGMENT_PRESET_NAMES.join(', ')}, got ${JSON.stringify(p.augment)}`);
  const log = (message: string) => hooks.onEvent?.({ type: 'log', message });
  if (!FREEZE_PARTS.includes(p.freeze)) throw new UsageError(`freeze must be one of ${FREEZE_PARTS.join(', ')}, got ${JSON.stringify(p.freeze)}`);
  if (p.freeze !== 'none' && !p.initFrom) throw new UsageError(`freeze '${p.freeze}' needs initFrom (a model to fine-tune)`);
  if (p.initFrom && input.initScale !== undefined) throw new UsageError(`initScale does not apply with initFrom: the weights come from ${p.initFrom}`);
  const engine = await initEngine(p.engine);
  const set = await readLabelledSet(p.data);
  // fine-tuning: the saved model's front end, config and weights; labels it lacks are appended
  const init: LidInit | null = p.initFrom
    ? await initLidFrom(p.initFrom, set.labels, { frontend: input.frontend, activation: input.activation, model: input.model, dropout: input.dropout, seed: p.seed })
    : null;
  const labels = init?.labels ?? set.labels;
  const spec = init?.spec ?? lidFeatureSpec(p.frontend);
  const modelConfig = init?.config ?? resolveLidModelConfig({
    ...p.model, frontend: p.frontend, inputDims: featureDims(spec), frameSamples: 400, sampleRate: spec.sampleRate,
    dropout: p.dropout, activation: p.activation, initScale: p.initScale, seed: p.seed,
  });
  const frontend = modelConfig.frontend;
  if (init) log(`fine-tuning ${init.record.model} (${init.record.kind}, labels ${init.record.labels.join(', ')})${init.record.addedLabels.length ? `; new labels ${init.record.addedLabels.join(', ')}` : ''}; frozen: ${p.freeze}`);
  const clipSamples = Math.round(p.clipSeconds * spec.sampleRate);
  const minSeconds = (receptiveFrames(modelConfig) * 160 + 240) / spec.sampleRate;
  if (p.clipSeconds < minSeconds) throw new UsageError(`clipSeconds ${p.clipSeconds} is shorter than the model's receptive field (${minSeconds.toFixed(2)} s)`);

  const split = await validationSplit(p.data, itemsOfSplit(set, 'train'), p, log);
  const { train, val } = split;
  const files = [...train, ...val];
  log(`${labels.length} labels (${labels.join(', ')}), ${train.length} training and ${val.length} validation files${set.hasSplit ? " (manifest's train split)" : ''}; engine ${engine.name}`);
  await warnDuplicates(p.data, train, val, log);
  const cache = await PcmCache.build(files.map((f) => f.file), {
    dir: p.cacheDir ?? join(tmpdir(), `kielo-pcm-cache-${process.getuid?.() ?? 'user'}`),
    sampleRate: spec.sampleRate,
    onBadFile: (file, reason) => hooks.onEvent?.({ type: 'skipped', file, reason }),
  });
  const labelIndex = files.map((f) => labels.indexOf(f.label));
  // training batches are read, augmented and framed on a second thread while this one trains
  const prefetcher = new BatchPrefetcher({ cache, labels: labelIndex, spec, clipSamples, batchSize: p.batchSize });
  try {
    const trainIdx = train.map((_, i) => i);
    const valIdx = val.map((_, i) => train.length + i);
    const trainProbe = trainIdx.filter((_, k) => k % Math.max(1, Math.floor(trainIdx.length / 200)) === 0);
    const model = init?.model ?? buildLidModel(modelConfig, labels.length);
    const logits = lidLogitsModel(model);
    const batchOptions = { cache, labelOf: (i: number) => labelIndex[i], spec, clipSamples, batchSize: p.batchSize };
    let clips = 0;
    const batchLoss = lidBatchLoss(logits);
    const task = {
      variables: () => trainableVariables(model, p.freeze),
      async *batches(_epoch: number, rng: () => number): AsyncGenerator<FeatureBatch> {
        const source = prefetcher.batches({
          indices: trainIdx, seed: Math.floor(rng() * 2 ** 32), augment: AUGMENT_PRESETS[p.augment],
          maxBatches: p.maxStepsPerEpoch > 0 ? p.maxStepsPerEpoch : undefined, cropsPerClip: p.cropsPerFile,
        });
        for await (const b of source) {
          clips += b.batch;
          yield b;
        }
      },
      batchCount: () => clipBatchCount({ cache, indices: trainIdx, batchSize: p.batchSize, cropsPerClip: p.cropsPerFile, maxBatches: p.maxStepsPerEpoch > 0 ? p.maxStepsPerEpoch : undefined }),
      examplesIn: (b: FeatureBatch) => b.batch,
      loss: batchLoss,
      parallel: lidParallelPlan(model, logits, { config: modelConfig, labels: labels.length, freeze: p.freeze }),
      validate: async () => {
        const v = valIdx.length ? await scoreBatches(logits, clipBatches({ ...batchOptions, indices: valIdx, rng: null })) : { loss: NaN, accuracy: NaN };
        const t = await scoreBatches(logits, clipBatches({ ...batchOptions, indices: trainProbe, rng: null }));
        return { loss: v.loss, accuracy: v.accuracy, trainLoss: t.loss, trainAccuracy: t.accuracy };
      },
    } satisfies TrainTask<FeatureBatch>;
    const config: TrainConfigInput = {
      ...loopConfigOf({ ...p, checkpointDir: p.checkpointDir ?? join(p.out, 'checkpoint') }),
      patience: valIdx.length ? p.patience : 0,
      monitor: valIdx.length ? { metric: 'loss', mode: 'min' } : { metric: 'trainLoss', mode: 'min' },
    };
    const started = performance.now();
    const result = await trainModel(task, config, { signal: hooks.signal, onEvent: hooks.onEvent });
    const runSeconds = (performance.now() - started) / 1000;
    // a resumed run reports the time of every epoch, not only of this process's
    const seconds = result.history.reduce((sum, r) => sum + r.seconds, 0) || runSeconds;
    const clipsPerSecond = clips > 0 ? clips / runSeconds : NaN; // NaN (left out) when a resume had nothing left to train
    const final = await task.validate();
    // temperature scaling on the logits of whole validation files, as inference sees them (lid-infer.ts applies it)
    const wholeVal = wholeFileBatches({ ...batchOptions, indices: valIdx, minSamples: Math.round(minSeconds * spec.sampleRate) });
    const calibration = valIdx.length ? await calibrateOnBatches(logits, wholeVal) : null;
    if (calibration) log(`calibration: temperature ${calibration.temperature.toFixed(3)}, validation NLL ${calibration.nllBefore.toFixed(3)} -> ${calibration.nllAfter.toFixed(3)}, ECE ${calibration.eceBefore.toFixed(3)} -> ${calibration.eceAfter.toFixed(3)}`);
    const metrics = {
      trainAccuracy: final.trainAccuracy, valAccuracy: final.accuracy, valLoss: final.loss, bestEpoch: result.bestEpoch,
      epochs: result.history.length, seconds, clipsPerSecond,
    };
    await saveModel(p.out, model, {
      kind: `lid-${frontend}`,
      labels,
      featureSpec: spec,
      config: {
        model: modelConfig,
        training: { ...p, frontend, dropout: modelConfig.dropout, activation: modelConfig.activation, data: undefined, out: undefined, cacheDir: undefined, checkpointDir: undefined },
        ...(init ? { initFrom: init.record } : {}),
      },
      metrics: Object.fromEntries(Object.entries(metrics).filter(([, v]) => Number.isFinite(v))),
      engine: result.engine,
      ...(calibration ? { calibration } : {}),
    });
    log(`saved ${p.out}: validation accuracy ${(final.accuracy * 100).toFixed(1)}% (best epoch ${result.bestEpoch})`);
    return {
      model: p.out, epochs: result.history.length, trainAccuracy: final.trainAccuracy, valAccuracy: final.accuracy, valLoss: final.loss,
      engine: result.engine, labels, frontend, bestEpoch: result.bestEpoch, stoppedEarly: result.stoppedEarly,
      trainFiles: train.length, valFiles: val.length, groupBy: p.groupBy, valGroups: split.valGroups, groupCount: split.groupCount, seconds, clipsPerSecond, history: result.history,
    };
  } finally {
    await prefetcher.close();
    cache.close();
  }
}

/** The LID recipe in the shape every recipe has. */
export const lidRecipe: Recipe<TrainLidOptions, typeof defaultTrainLidOptions, TrainLidResult> = { defaults: defaultTrainLidOptions, train: trainLid };

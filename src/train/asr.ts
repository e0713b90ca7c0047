/**
 * The ASR training recipe: a transcribed set -> decoded utterances -> per-epoch waveform augmentation (speed,
 * gain, noise) and SpecAugment -> log-mel with per-utterance CMVN -> the CTC recogniser, trained by the generic
 * loop (src/train/loop.ts), validated by greedy-decoding CER/WER on a held-back part of the training speech, and
 * saved with its FeatureSpec. Utterances marked held out (the demo's test voices) never enter training.
 */
import { initEngine, tf } from '../engine';
import { listTranscribed } from '../datasets/transcribed';
import { normalizeTranscript } from '../datasets/transcribed-text';
import { featureDims, resolveFeatureSpec, type FeatureSpec } from '../features';
import { scoreTranscripts } from '../metrics/wer';
import { ASR_CHARACTERS, buildAsrModel, decodeLabels, encodeText, loadAsrModel, saveAsrModel, type AsrModelConfig, type AsrModelConfigInput, type LoadedAsrModel } from '../models/asr';
import { InputFileError, UsageError } from '../util/errors';
import { ctcLoss, greedyDecode } from '../models/ctc';
import { makeRng } from '../util/random';
import { defaultAsrAugment, lengthBucketedBatchCount, lengthBucketedBatches, loadUtterances, makeBatch, padBatch, utteranceFeatures, type AsrAugmentConfig, type PaddedBatch } from './asr-data';
import { asrBatchLoss, asrParallelPlan } from './asr-replica';
import { trainModel, type TrainConfigInput, type TrainResult } from './loop';
import { loopConfigOf, recipeRecord, withDefaults, type Recipe, type RecipeDefaults, type RecipeHooks, type RecipeOptions } from './recipe';

/** Options of an ASR training run: the shared recipe options plus the recogniser's own; defaults in defaultTrainAsrOptions. */
export interface TrainAsrOptions extends RecipeOptions {
  /** Front end overrides (default: 40 log-mel bands, 25 ms / 10 ms, per-utterance CMVN). */
  featureSpec?: Partial<FeatureSpec>;
  /** Model overrides (see src/models/asr/config.ts). */
  model?: Partial<AsrModelConfigInput>;
  /** Dropout rate; [0, 0.9]. Default: the model's (see src/models/asr/config.ts). */
  dropout?: number;
  /** Augmentation (null disables it). Default defaultAsrAugment. */
  augment?: AsrAugmentConfig | null;
  /**
   * A saved recogniser to continue from (fine-tuning): its weights, front end and shape are used; explicit
   * `featureSpec` / `model` overrides must agree with it (only dropout may differ). Default none (fresh weights).
   */
  initFrom?: string;
}

/** Defaults of the shared options for ASR (patience is on validation CER; checkpoints only with checkpointDir). */
export const defaultTrainAsrOptions: RecipeDefaults = {
  epochs: 40,
  seed: 1,
  engine: 'auto',
  optimizer: 'adam',
  learningRate: 0.002,
  batchSize: 16,
  clip: 5,
  clipMode: 'norm',
  patience: 0,
  valFraction: 0.1,
  resume: false,
};

/** The outcome of trainAsr. */
export interface TrainAsrResult {
  model: string;
  epochs: number;
  /** Validation CER (fraction) of the saved weights; null without validation data. */
  valCer: number | null;
  valWer: number | null;
  engine: string;
  seconds: number;
  trainUtterances: number;
  valUtterances: number;
  heldOut: number;
  history: TrainResult['history'];
}

/** Trains a recogniser on `options.data` and saves it to `options.out`. */
export async function trainAsr(input: TrainAsrOptions, hooks: RecipeHooks = {}): Promise<TrainAsrResult> {
  const started = performance.now();
  const options = withDefaults(defaultTrainAsrOptions, input);
  const { seed, batchSize, valFraction } = options;
  if (!(valFraction >= 0 && valFraction <= 0.5)) throw new UsageError(`valFraction ${valFraction}: expected [0, 0.5]`);
  if (!(Number.isInteger(batchSize) && batchSize >= 1)) throw new UsageError(`batchSize must be an integer >= 1, got ${batchSize}`);
  const engine = await initEngine(options.engine);
  const augment = options.augment === undefined ? defaultAsrAugment : options.augment;
  const modelOverrides = { ...options.model, ...(options.dropout !== undefined ? { dropout: options.dropout } : {}) };
  const init = options.initFrom ? await loadInitModel(options.initFrom, options.featureSpec, modelOverrides) : null;
  const spec = init?.info.featureSpec ?? resolveFeatureSpec({ kind: 'logmel', cmvn: 'utterance', ...options.featureSpec });
  let data: Awaited<ReturnType<typeof loadSplit>>;
  try {
    data = await loadSplit(options.data, spec.sampleRate, seed, valFraction, hooks);
  } catch (error) {
    init?.model.dispose();
    throw error;
  }
  const { train, val, heldOut } = data;
  hooks.onEvent?.({ type: 'log', message: `${train.length} training and ${val.length} validation utterances (${heldOut} held out); engine ${engine.name}` });
  const model = init?.model ?? buildAsrModel({ inputDims: featureDims(spec), ...modelOverrides }, seed);
  // dropout only acts in training, so a continued model may change it (the forward pass reads config.dropout)
  if (init && modelOverrides.dropout !== undefined) model.config.dropout = modelOverrides.dropout;
  const valFeatures = val.map((u) => utteranceFeatures(u, spec));
  const trainLengths = train.map((u) => u.samples.length);
  try {
    const result = await trainModel<PaddedBatch>(
      {
        variables: () => model.variables,
        batches: function* (epoch, rng) {
          for (const indices of lengthBucketedBatches(trainLengths, batchSize, rng)) {
            const features = indices.map((i) => utteranceFeatures(train[i], spec, augment ? { config: augment, rng } : undefined));
            yield padBatch(features, indices.map((i) => train[i].labels), model.outputFrames);
          }
        },
        batchCount: () => lengthBucketedBatchCount(trainLengths.length, batchSize),
        examplesIn: (batch) => batch.batch,
        loss: (batch, ctx) => asrBatchLoss(model, batch, ctx.seed),
        parallel: asrParallelPlan(model),
        validate: val.length ? async () => validateAsr(model, val.map((u) => u.item), valFeatures, batchSize) : undefined,
      },
      { ...loopConfigOf(options), monitor: { metric: val.length ? 'cer' : 'trainLoss', mode: 'min' } } satisfies TrainConfigInput,
      { signal: hooks.signal, onEvent: hooks.onEvent },
    );
    const best = result.history.find((r) => r.epoch === result.bestEpoch)?.validation ?? null;
    const seconds = (performance.now() - started) / 1000;
    const summary = {
      epochs: result.history.length,
      valCer: best?.cer ?? null,
      valWer: best?.wer ?? null,
      engine: result.engine,
      seconds,
      trainUtterances: train.length,
      valUtterances: val.length,
      heldOut,
    };
    await saveAsrModel(options.out, model, { featureSpec: spec, training: { ...recipeRecord(options), ...summary, bestEpoch: result.bestEpoch, ...(options.initFrom ? { initFrom: options.initFrom } : {}) } });
    return { model: options.out, ...summary, history: result.history };
  } finally {
    model.dispose();
  }
}

/** Lists and decodes the set, leaves held-out files out and splits the rest into training and validation. */
async function loadSplit(data: string, sampleRate: number, seed: number, valFraction: number, hooks: RecipeHooks) {
  const bad = (file: string, reason: string) => hooks.onEvent?.({ type: 'skipped', file, reason });
  const set = await listTranscribed(data, (t) => normalizeTranscript(t, ASR_CHARACTERS));
  for (const b of set.bad) bad(b.file, b.reason);
  const usable = set.items.filter((i) => !i.heldOut);
  hooks.onEvent?.({ type: 'log', message: `decoding ${usable.length} utterances (${set.items.length - usable.length} held out)` });
  const utterances = await loadUtterances(usable, sampleRate, bad, hooks.signal);
  if (utterances.length < 2) throw new InputFileError(data, `only ${utterances.length} usable utterance(s); need at least 2`);
  const order = utterances.map((_, i) => i);
  const splitRng = makeRng(seed * 7919 + 1);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(splitRng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const nVal = Math.round(utterances.length * valFraction);
  return {
    val: order.slice(0, nVal).map((i) => utterances[i]),
    train: order.slice(nVal).map((i) => utterances[i]),
    heldOut: set.items.length - usable.length,
  };
}

/**
 * Loads the model to continue from and checks that explicit front-end and shape overrides agree with it; a
 * mismatch is an InputFileError naming the model directory and the differing fields.
 */
async function loadInitModel(dir: string, featureSpec: Partial<FeatureSpec> | undefined, model: Partial<AsrModelConfigInput>): Promise<LoadedAsrModel> {
  const loaded = await loadAsrModel(dir);
  const differing = [
    ...Object.entries(featureSpec ?? {})
      .filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(loaded.info.featureSpec[key as keyof FeatureSpec]))
      .map(([key, value]) => `featureSpec.${key} ${JSON.stringify(value)} (model: ${JSON.stringify(loaded.info.featureSpec[key as keyof FeatureSpec])})`),
    ...Object.entries(model)
      .filter(([key, value]) => key !== 'dropout' && JSON.stringify(value) !== JSON.stringify(loaded.model.config[key as keyof AsrModelConfig]))
      .map(([key, value]) => `model.${key} ${JSON.stringify(value)} (model: ${JSON.stringify(loaded.model.config[key as keyof AsrModelConfig])})`),
  ];
  if (differing.length) {
    loaded.model.dispose();
    throw new InputFileError(dir, `cannot continue from this model: ${differing.join(', ')}`);
  }
  return loaded;
}

/** Greedy-decodes validation features and scores them: {loss, cer, wer}. */
async function validateAsr(model: ReturnType<typeof buildAsrModel>, items: { id: string; text: string }[], features: ReturnType<typeof utteranceFeatures>[], batchSize: number): Promise<Record<string, number>> {
  const refs = items.map((i, k) => ({ id: `u${k}`, words: i.text.split(' ') }));
  const hyps: { id: string; words: string[] }[] = [];
  let lossSum = 0;
  for (let start = 0; start < features.length; start += batchSize) {
    const chunk = features.slice(start, start + batchSize);
    const labels = items.slice(start, start + batchSize).map((i) => encodeText(i.text));
    const batch = makeBatch(chunk, labels, model.outputFrames);
    const [lp, losses] = tf.tidy(() => {
      const logits = model.apply(batch.x);
      return [tf.logSoftmax(logits).dataSync(), ctcLoss(logits, labels, batch.outputLengths).dataSync()];
    });
    batch.x.dispose();
    const T = model.outputFrames(batch.x.shape[1]);
    const C = model.config.classes;
    chunk.forEach((_, b) => {
      lossSum += losses[b];
      const rows = lp.subarray(b * T * C, (b * T + batch.outputLengths[b]) * C);
      const text = decodeLabels(greedyDecode({ data: rows, frames: batch.outputLengths[b], classes: C }).labels);
      hyps.push({ id: refs[start + b].id, words: text.split(' ').filter(Boolean) });
    });
  }
  const wer = scoreTranscripts(refs, hyps, 'word');
  const cer = scoreTranscripts(refs, hyps, 'char');
  return { loss: lossSum / items.length, cer: cer.errorRate, wer: wer.errorRate };
}

/** The ASR recipe in the shape every recipe has. */
export const asrRecipe: Recipe<TrainAsrOptions, RecipeDefaults, TrainAsrResult> = { defaults: defaultTrainAsrOptions, train: trainAsr };

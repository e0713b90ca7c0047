/**
 * The WaveNet recipe in the shape every recipe has: a folder of audio (DIR/<label>/** conditions on the label) ->
 * a waveform corpus -> fitWavenet (wavenet.ts) -> a saved model (src/models/wavenet), optionally written after every
 * epoch too so a usable model exists while training runs.
 */
import { initEngine } from '../engine';
import { defaultWaveformCorpusOptions, loadWaveformCorpus } from '../datasets/waveform';
import { readWavenetWeights, saveWavenet, type Wavenet } from '../models/wavenet';
import { UsageError } from '../util/errors';
import { loopConfigOf, recipeRecord, withDefaults, type Recipe, type RecipeDefaults, type RecipeHooks, type RecipeOptions } from './recipe';
import { fitWavenet, type FitWavenetOptions } from './wavenet';

/** Options of a WaveNet training run: the shared recipe options plus WaveNet's own; defaults in defaultTrainWavenetOptions. */
export interface TrainWavenetOptions extends RecipeOptions {
  /** Steps per epoch; integer >= 1. Default 50. */
  stepsPerEpoch?: number;
  /** Predicted positions per crop; integer >= 1. Default 1000. */
  outputs?: number;
  /** Frame RMS below which leading/trailing audio is trimmed. Default 0.01. */
  silenceThreshold?: number;
  /** Model shape. Default: 2 stacks x 10 layers, 32 residual, 64 skip, 256 classes. */
  model?: FitWavenetOptions['model'];
  /** Write the model to `out` after every epoch too (a usable model while training runs). Default false. */
  saveEveryEpoch?: boolean;
}

/** Defaults of TrainWavenetOptions. valFraction holds out every round(1 / valFraction)-th file (one file: its tail). */
export const defaultTrainWavenetOptions: RecipeDefaults & Required<Omit<TrainWavenetOptions, keyof RecipeOptions | 'model'>> = {
  epochs: 10,
  seed: 1,
  engine: 'auto',
  optimizer: 'adam',
  learningRate: 1e-3,
  batchSize: 4,
  clip: 1,
  clipMode: 'norm',
  patience: 0,
  valFraction: 0.1,
  resume: false,
  stepsPerEpoch: 50,
  outputs: 1000,
  silenceThreshold: defaultWaveformCorpusOptions.silenceThreshold,
  saveEveryEpoch: false,
};

/** What trainWavenet returns (the CLI prints it). */
export interface TrainWavenetResult {
  model: string;
  epochs: number;
  valBitsPerSample: number;
  engine: string;
  receptiveField: number;
  labels: string[];
  trainClips: number;
  validationClips: number;
  /** Files left out, with the reason. */
  skipped: { file: string; reason: string }[];
}

/** Trains a WaveNet on `options.data` and saves it to `options.out`; bad files are 'skipped' events and left out. */
export async function trainWavenet(input: TrainWavenetOptions, hooks: RecipeHooks = {}): Promise<TrainWavenetResult> {
  const o = withDefaults(defaultTrainWavenetOptions, input);
  if (!(o.valFraction > 0 && o.valFraction <= 0.5)) throw new UsageError(`valFraction must be in (0, 0.5] for WaveNet (it validates every epoch), got ${o.valFraction}`);
  const engine = await initEngine(o.engine);
  const corpus = await loadWaveformCorpus(o.data, {
    silenceThreshold: o.silenceThreshold,
    validationEvery: Math.max(2, Math.round(1 / o.valFraction)),
    onSkip: (file, reason) => hooks.onEvent?.({ type: 'skipped', file, reason }),
  });
  const labels = corpus.labels.length ? `, labels ${corpus.labels.join(', ')}` : '';
  hooks.onEvent?.({ type: 'log', message: `${corpus.train.length} training and ${corpus.validation.length} validation clips${labels}; engine ${engine.name}` });
  // Each epoch's weights are copied synchronously (training goes on changing them) and written in order.
  let snapshots = Promise.resolve();
  let current: Wavenet | null = null;
  const snapshot = (epoch: number, validation: Record<string, number> | null) => {
    const copy = { config: current!.config, tensors: new Map([...current!.params].map(([name, v]) => [name, v.dataSync() as Float32Array])) };
    const metrics = { epochs: epoch, ...(validation ? { valBitsPerSample: validation.bitsPerSample } : {}), engine: engine.name, data: o.data, partial: 'snapshot during training' };
    snapshots = snapshots.then(() => saveWavenet(o.out, copy, metrics));
  };
  const { model, result, valBitsPerSample } = await fitWavenet(
    corpus,
    {
      model: o.model ?? {},
      onModel: (model) => (current = model),
      batchSize: o.batchSize,
      stepsPerEpoch: o.stepsPerEpoch,
      outputs: o.outputs,
      seed: o.seed,
      train: loopConfigOf(o),
    },
    {
      signal: hooks.signal,
      onEvent: (event) => {
        hooks.onEvent?.(event);
        if (event.type === 'epoch' && o.saveEveryEpoch) snapshot(event.record.epoch, event.record.validation);
      },
    },
  );
  await snapshots;
  try {
    const epochs = result.history.length;
    const training = { ...recipeRecord(o), epochs, valBitsPerSample, bestEpoch: result.bestEpoch, engine: result.engine };
    await saveWavenet(o.out, await readWavenetWeights(model), training);
    return {
      model: o.out,
      epochs,
      valBitsPerSample,
      engine: result.engine,
      receptiveField: model.receptiveField,
      labels: corpus.labels,
      trainClips: corpus.train.length,
      validationClips: corpus.validation.length,
      skipped: corpus.skipped,
    };
  } finally {
    model.dispose();
  }
}

/** The WaveNet recipe in the shape every recipe has. */
export const wavenetRecipe: Recipe<TrainWavenetOptions, typeof defaultTrainWavenetOptions, TrainWavenetResult> = { defaults: defaultTrainWavenetOptions, train: trainWavenet };

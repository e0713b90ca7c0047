/** The 'train-wavenet' job: load a folder of audio, train a WaveNet with the recipe, save it. */
import { initEngine } from '../../engine';
import { loadWaveformCorpus } from '../../datasets/waveform';
import { readWavenetWeights, saveWavenet, type Wavenet } from '../../models/wavenet';
import type { TrainEvent } from '../../train/loop';
import { trainWavenet, type WavenetRecipeOptions } from '../../train/wavenet';
import type { JobContext } from '../types';

/** Parameters of train-wavenet (names shared with the studio's other training jobs where they mean the same). */
export interface TrainWavenetParams {
  /** Folder of audio (recursive); DIR/<label>/** conditions on the folder label. */
  data: string;
  /** Model directory to write (kielo.json + weights.json + weights.bin). */
  out: string;
  /** Default 10. */
  epochs?: number;
  /** Default 1. */
  seed?: number;
  /** 'sgd' | 'momentum' | 'adam'. Default 'adam'. */
  optimizer?: 'sgd' | 'momentum' | 'adam';
  /** Learning rate. Default 0.001. */
  lr?: number;
  /** Crops per step. Default 4. */
  batch?: number;
  /** Gradient clip by global norm; 0 = off. Default 1. */
  clip?: number;
  /** Early stopping patience in epochs; 0 = off. Default 0. */
  patience?: number;
  /** Steps per epoch. Default 50. */
  stepsPerEpoch?: number;
  /** Predicted positions per crop. Default 1000. */
  outputs?: number;
  /** Frame RMS below which leading/trailing audio is trimmed. Default 0.01. */
  silenceThreshold?: number;
  /** Model shape. Default: 2 stacks x 10 layers, 32 residual, 64 skip, 256 classes. */
  model?: WavenetRecipeOptions['model'];
  checkpointDir?: string | null;
  resume?: boolean;
  /** Write the model to `out` after every epoch too (a usable model while training runs). Default false. */
  saveEveryEpoch?: boolean;
}

/** Progress: the loop's events, plus files left out of the corpus. */
export type TrainWavenetEvent = TrainEvent | { type: 'skipped'; file: string; reason: string } | { type: 'log'; message: string };

/** What train-wavenet returns (the CLI prints it). */
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

/** Trains and saves; bad files are reported as 'skipped' events and left out. */
export async function run(params: TrainWavenetParams, ctx: JobContext<TrainWavenetEvent>): Promise<TrainWavenetResult> {
  const engine = await initEngine();
  const corpus = await loadWaveformCorpus(params.data, {
    ...(params.silenceThreshold !== undefined ? { silenceThreshold: params.silenceThreshold } : {}),
    onSkip: (file, reason) => ctx.onEvent({ type: 'skipped', file, reason }),
  });
  ctx.onEvent({ type: 'log', message: `${corpus.train.length} training and ${corpus.validation.length} validation clips${corpus.labels.length ? `, labels ${corpus.labels.join(', ')}` : ''}; engine ${engine.name}` });
  const clip = params.clip ?? 1;
  // Each epoch's weights are copied synchronously (training goes on changing them) and written in order.
  let snapshots = Promise.resolve();
  let current: Wavenet | null = null;
  const snapshot = (epoch: number, validation: Record<string, number> | null) => {
    const copy = { config: current!.config, tensors: new Map([...current!.params].map(([name, v]) => [name, v.dataSync() as Float32Array])) };
    snapshots = snapshots.then(() => saveWavenet(params.out, copy, { epochs: epoch, ...(validation ? { valBitsPerSample: validation.bitsPerSample } : {}), engine: engine.name, data: params.data, partial: 'snapshot during training' }));
  };
  const { model, result, valBitsPerSample } = await trainWavenet(
    corpus,
    {
      model: params.model ?? {},
      onModel: (model) => (current = model),
      ...(params.batch !== undefined ? { batchSize: params.batch } : {}),
      ...(params.stepsPerEpoch !== undefined ? { stepsPerEpoch: params.stepsPerEpoch } : {}),
      ...(params.outputs !== undefined ? { outputs: params.outputs } : {}),
      seed: params.seed ?? 1,
      train: {
        epochs: params.epochs ?? 10,
        seed: params.seed ?? 1,
        optimizer: { name: params.optimizer ?? 'adam', learningRate: params.lr ?? 1e-3 },
        clip: clip > 0 ? { mode: 'norm', value: clip } : { mode: 'none' },
        patience: params.patience ?? 0,
        checkpointDir: params.checkpointDir ?? null,
        resume: params.resume ?? false,
      },
    },
    {
      signal: ctx.signal,
      onEvent: (event) => {
        ctx.onEvent(event);
        if (event.type === 'epoch' && params.saveEveryEpoch) snapshot(event.record.epoch, event.record.validation);
      },
    },
  );
  await snapshots;
  try {
    const epochs = result.history.length;
    await saveWavenet(params.out, await readWavenetWeights(model), { valBitsPerSample, epochs, bestEpoch: result.bestEpoch, engine: result.engine, data: params.data });
    return {
      model: params.out,
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

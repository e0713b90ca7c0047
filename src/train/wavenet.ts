/**
 * The WaveNet recipe on the generic loop: random crops of mu-law audio, softmax cross-entropy on the last
 * `outputs` positions of each crop (each of which sees a full receptive field), validation in bits per sample
 * on fixed crops of held-out audio, every epoch.
 */
import { tf } from '../engine';
import { randomCrops, type CropBatch, type CropSource } from '../datasets/waveform-crops';
import { extractFeatures, type FeatureMatrix } from '../features';
import { buildWavenet, mulawEncode, type Wavenet, type WavenetConfig } from '../models/wavenet';
import { makeRng } from '../util/random';
import { trainModel, type TrainConfigInput, type TrainHooks, type TrainResult } from './loop';
import { wavenetParallelPlan, wavenetShard, wavenetShardLoss } from './wavenet-replica';
export { cropConditioning } from './wavenet-replica';

/** Options of fitWavenet beside their defaults (the loop's own options go in `train`). */
export interface FitWavenetOptions {
  /** Model shape (labels come from the data). Default: the default WaveNet. */
  model: Partial<Omit<WavenetConfig, 'labels' | 'sampleRate'>>;
  /** Crops per step. Default 4. */
  batchSize: number;
  /** Predicted positions per crop (the crop is receptiveField - 1 + outputs + 1 samples). Default 1000. */
  outputs: number;
  /** Steps per epoch. Default 50. */
  stepsPerEpoch: number;
  /** Fixed validation crops (same each epoch). Default 16. */
  validationCrops: number;
  /** Seed of the initial weights and the validation crops. Default 1. */
  seed: number;
  /** Called with the model as soon as it is built (e.g. to snapshot its weights from training events). */
  onModel?: (model: Wavenet) => void;
  /** Training loop options (epochs, optimizer, clip, checkpointDir, resume...). Default: 10 epochs of Adam 1e-3, clip norm 1. */
  train: TrainConfigInput;
}

/** Defaults of FitWavenetOptions. */
export const defaultFitWavenet: FitWavenetOptions = {
  model: {},
  batchSize: 4,
  outputs: 1000,
  stepsPerEpoch: 50,
  validationCrops: 16,
  seed: 1,
  train: { epochs: 10, optimizer: { name: 'adam', learningRate: 1e-3 }, clip: { mode: 'norm', value: 1 } },
};

/** Audio to train on: clips in [-1, 1] at `sampleRate`, with label indices into `labels` (-1 when unlabelled). */
export interface WavenetData {
  sampleRate: number;
  labels: string[];
  train: { samples: Float32Array; label: number }[];
  validation: { samples: Float32Array; label: number }[];
}

/** A trained model and how training went. */
export interface WavenetTraining {
  model: Wavenet;
  result: TrainResult;
  /** Validation bits per sample of the returned weights (8 = a uniform guess over 256 classes). */
  valBitsPerSample: number;
}

/** Mean cross-entropy (nats) of the model on crops, in chunks of `batchSize`. */
function crossEntropy(model: Wavenet, crops: CropBatch, batchSize: number, outputs: number, conditioned: boolean, mels: FeatureMatrix[] | null): number {
  let total = 0;
  for (let start = 0; start < crops.batch; start += batchSize) {
    const n = Math.min(batchSize, crops.batch - start);
    total += n * tf.tidy(() => lossOf(model, crops, start, n, outputs, conditioned, mels).dataSync()[0]);
  }
  return total / crops.batch;
}

/** Loss of crops [start, start+n) (a one-thread step's whole batch, or a chunk of the validation crops). */
function lossOf(model: Wavenet, crops: CropBatch, start: number, n: number, outputs: number, conditioned: boolean, mels: FeatureMatrix[] | null): tf.Scalar {
  return wavenetShardLoss(model, wavenetShard(model.config, crops, start, n, outputs, conditioned, mels));
}

/** Trains a WaveNet on clips in memory with the generic loop; returns the model (best weights) and the figures. */
export async function fitWavenet(data: WavenetData, input: Partial<FitWavenetOptions> = {}, hooks: TrainHooks = {}): Promise<WavenetTraining> {
  const options = { ...defaultFitWavenet, ...input, train: { ...defaultFitWavenet.train, ...input.train } };
  const { batchSize, outputs, stepsPerEpoch } = options;
  for (const [name, value] of Object.entries({ batchSize, outputs, stepsPerEpoch, validationCrops: options.validationCrops })) {
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name} must be a positive integer, got ${value}`);
  }
  if (data.train.length === 0 || data.validation.length === 0) throw new Error('training needs at least one training and one validation clip');
  const model = buildWavenet({ ...options.model, labels: data.labels, sampleRate: data.sampleRate }, options.seed);
  options.onModel?.(model);
  const { classes } = model.config;
  const conditioned = data.labels.length > 0;
  const silence = mulawEncode(new Float32Array(1), classes)[0];
  const encode = (clips: WavenetData['train']): CropSource[] => clips.map((c) => ({ values: mulawEncode(c.samples, classes), label: conditioned ? c.label : 0 }));
  const trainSources = encode(data.train);
  // a 'mel' model (a vocoder) sees each clip's log-mel frames, computed once per clip with the model's melSpec
  const melSpec = model.config.melSpec;
  const melsOf = (clips: WavenetData['train']) => (melSpec ? clips.map((c) => extractFeatures(c.samples, melSpec)) : null);
  const trainMels = melsOf(data.train);
  const validationMels = melsOf(data.validation);
  const cropLength = model.receptiveField + outputs; // receptiveField - 1 context + outputs inputs + 1 target
  const validation = randomCrops(encode(data.validation), options.validationCrops, cropLength, makeRng(options.seed + 1), silence);

  try {
    const result = await trainModel<CropBatch>(
      {
        variables: () => [...model.params.values()],
        *batches(_epoch, rng) {
          for (let step = 0; step < stepsPerEpoch; step++) yield randomCrops(trainSources, batchSize, cropLength, rng, silence);
        },
        batchCount: () => stepsPerEpoch,
        examplesIn: (batch) => batch.batch,
        loss: (batch) => lossOf(model, batch, 0, batch.batch, outputs, conditioned, trainMels),
        parallel: wavenetParallelPlan(model, outputs, conditioned, trainMels),
        validate: async () => {
          const loss = crossEntropy(model, validation, batchSize, outputs, conditioned, validationMels);
          return { loss, bitsPerSample: loss / Math.LN2 };
        },
      },
      options.train,
      hooks,
    );
    const valBitsPerSample = crossEntropy(model, validation, batchSize, outputs, conditioned, validationMels) / Math.LN2;
    return { model, result, valBitsPerSample };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

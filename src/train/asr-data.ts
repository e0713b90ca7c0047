/** The ASR recipe's data: decoded utterances, per-epoch augmentation, features and padded batches. */
import { loadAudio } from '../audio';
import { tf } from '../engine';
import { addNoise, applyGain, extractFeatures, specAugment, speedPerturb, type FeatureSpec } from '../features';
import type { FeatureMatrix } from '../features';
import { encodeText } from '../models/asr';
import type { TranscribedItem } from '../datasets/transcribed';
import { InputFileError, messageOf } from '../util/errors';
import type { Rng } from '../util/random';

/** One decoded utterance with its encoded transcript. */
export interface AsrUtterance {
  item: TranscribedItem;
  samples: Float32Array;
  labels: number[];
}

/** Waveform and feature augmentation of the recipe; types beside defaults. */
export interface AsrAugmentConfig {
  /** Probability that an utterance is augmented in an epoch. Default 0.8; [0, 1]. */
  probability: number;
  /** Speed factors drawn uniformly from this range. Default [0.85, 1.15]. */
  speed: [number, number];
  /** White noise SNR in dB drawn from this range. Default [10, 40]. */
  snrDb: [number, number];
  /** Gain in dB drawn from this range. Default [-10, 6]. */
  gainDb: [number, number];
  /** SpecAugment masks per utterance (widths in bands and frames). Default 2 x 6 bands, 2 x 10 frames. */
  specAugment: { freqMasks: number; freqWidth: number; timeMasks: number; timeWidth: number };
  /**
   * Largest shift in feature bands of a random piecewise-linear frequency warp (vocal-tract / formant variety,
   * see warpBands); 0 = off. Default 4.
   */
  bandWarp: number;
}

/** Default augmentation. */
export const defaultAsrAugment: AsrAugmentConfig = {
  probability: 0.8,
  speed: [0.85, 1.15],
  snrDb: [10, 40],
  gainDb: [-10, 6],
  specAugment: { freqMasks: 2, freqWidth: 6, timeMasks: 2, timeWidth: 10 },
  bandWarp: 4,
};

/** A padded batch: features [batch, frames, dims], labels and valid output frames per utterance. */
export interface AsrBatch {
  x: tf.Tensor3D;
  labels: number[][];
  outputLengths: number[];
}

/** Decodes every item (16 kHz mono); items that fail go to `onBad` and are left out. */
export async function loadUtterances(items: TranscribedItem[], sampleRate: number, onBad: (file: string, reason: string) => void, signal?: AbortSignal): Promise<AsrUtterance[]> {
  const out: AsrUtterance[] = [];
  for (const item of items) {
    signal?.throwIfAborted();
    try {
      const audio = await loadAudio(item.file, { sampleRate });
      out.push({ item, samples: audio.samples, labels: encodeText(item.text) });
    } catch (error) {
      onBad(item.file, error instanceof InputFileError ? error.reason : messageOf(error));
    }
  }
  return out;
}

const between = (rng: Rng, [lo, hi]: [number, number]) => lo + (hi - lo) * rng();

/** The features of one utterance, augmented with `rng` when given. */
export function utteranceFeatures(u: AsrUtterance, spec: FeatureSpec, augment?: { config: AsrAugmentConfig; rng: Rng }): FeatureMatrix {
  if (!augment || augment.rng() >= augment.config.probability) return extractFeatures(u.samples, spec);
  const { config, rng } = augment;
  let x = speedPerturb(u.samples, between(rng, config.speed));
  x = applyGain(x, between(rng, config.gainDb));
  x = addNoise(x, between(rng, config.snrDb), rng);
  const warped = config.bandWarp > 0 ? warpBands(extractFeatures(x, spec), config.bandWarp, rng) : extractFeatures(x, spec);
  return specAugment(warped, { ...config.specAugment, fill: 'mean' }, rng);
}

/**
 * A random monotone piecewise-linear warp of the feature axis [frames x dims] -> [frames x dims]: output band b
 * reads the input at position w(b), linearly interpolated, where w passes through (0, 0), (dims - 1, dims - 1)
 * and, at a third and two thirds of the axis, points moved by up to `maxShift` bands each (independently). Different
 * shifts in the low and high bands mimic voices whose formants move by different factors. maxShift must be
 * below dims / 6 so that w stays increasing; fewer than 4 bands are returned unchanged.
 */
export function warpBands(m: FeatureMatrix, maxShift: number, rng: Rng): FeatureMatrix {
  const { data, frames, dims } = m;
  if (dims < 4) return m;
  if (!(maxShift >= 0 && maxShift < dims / 6)) throw new RangeError(`warpBands: maxShift must be in [0, ${dims / 6}), got ${maxShift}`);
  const anchors = [0, (dims - 1) / 3, (2 * (dims - 1)) / 3, dims - 1];
  const targets = anchors.map((a, i) => (i === 0 || i === anchors.length - 1 ? a : a + maxShift * (2 * rng() - 1)));
  const lower = new Int32Array(dims), frac = new Float32Array(dims);
  for (let b = 0; b < dims; b++) {
    const k = Math.min(anchors.length - 2, Math.floor(b / anchors[1]));
    const pos = targets[k] + ((b - anchors[k]) * (targets[k + 1] - targets[k])) / (anchors[k + 1] - anchors[k]);
    lower[b] = Math.min(dims - 2, Math.max(0, Math.floor(pos)));
    frac[b] = Math.min(1, Math.max(0, pos - lower[b]));
  }
  const out = new Float32Array(data.length);
  for (let t = 0; t < frames; t++) {
    const row = t * dims;
    for (let b = 0; b < dims; b++) out[row + b] = data[row + lower[b]] * (1 - frac[b]) + data[row + lower[b] + 1] * frac[b];
  }
  return { data: out, frames, dims };
}

/** A batch of feature matrices stacked and zero-padded, as plain data: data [batch, frames, dims] row-major. */
export interface PaddedBatch {
  data: Float32Array;
  batch: number;
  frames: number;
  dims: number;
  labels: number[][];
  outputLengths: number[];
}

/** Stacks feature matrices into one zero-padded batch. `outputFrames` maps input to model output frames. */
export function padBatch(features: FeatureMatrix[], labels: number[][], outputFrames: (frames: number) => number): PaddedBatch {
  const frames = Math.max(...features.map((f) => f.frames));
  const dims = features[0].dims;
  const data = new Float32Array(features.length * frames * dims);
  features.forEach((f, b) => data.set(f.data, b * frames * dims));
  return { data, batch: features.length, frames, dims, labels, outputLengths: features.map((f) => outputFrames(f.frames)) };
}

/** padBatch with the features as a tensor. */
export function makeBatch(features: FeatureMatrix[], labels: number[][], outputFrames: (frames: number) => number): AsrBatch {
  const { data, batch, frames, dims, outputLengths } = padBatch(features, labels, outputFrames);
  return { x: tf.tensor3d(data, [batch, frames, dims]), labels, outputLengths };
}

/** How many batches lengthBucketedBatches makes of `n` utterances (each window is a whole number of batches). */
export function lengthBucketedBatchCount(n: number, batchSize: number): number {
  return Math.ceil(n / batchSize);
}

/**
 * Batches of similar length: shuffle, sort each window of 8 batches by duration, cut into batches, shuffle the
 * batches. Returns lists of utterance indices.
 */
export function lengthBucketedBatches(lengths: number[], batchSize: number, rng: Rng): number[][] {
  const order = lengths.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  const batches: number[][] = [];
  const window = batchSize * 8;
  for (let w = 0; w < order.length; w += window) {
    const sorted = order.slice(w, w + window).sort((a, b) => lengths[a] - lengths[b]);
    for (let b = 0; b < sorted.length; b += batchSize) batches.push(sorted.slice(b, b + batchSize));
  }
  for (let i = batches.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [batches[i], batches[j]] = [batches[j], batches[i]];
  }
  return batches;
}

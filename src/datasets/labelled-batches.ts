/**
 * Batches of fixed-length clips for a classifier, streamed from a PcmCache: per clip a crop (random while
 * training, centred otherwise; short clips are tiled, never zero-padded, so no silence enters the statistics),
 * waveform augmentation (gain, noise, speed) while training, then the FeatureSpec's front end.
 * A batch's features are ONE Float32Array [batch x frames x dims] (row-major), ready for one tensor.
 */
import { copyCyclic, extractFeatures, featureDims, addNoise, applyGain, speedPerturb, type FeatureSpec } from '../features';
import { randomInt, shuffleInPlace, type Rng } from '../util/random';
import type { PcmCache } from './cache';

/** Waveform augmentation while training; each field's default in defaultAugmentConfig. */
export interface AugmentConfig {
  /** Random gain drawn uniformly in +-gainDb. Default 6; >= 0. */
  gainDb: number;
  /** Probability of adding white noise. Default 0.5; 0..1. */
  noiseProb: number;
  /** SNR range of the added noise in dB. Default [10, 40]. */
  snrDb: [number, number];
  /** Probability of speed perturbation (shifts pitch and formants together: a cheap "other voice"). Default 0.6; 0..1. */
  speedProb: number;
  /** Speed factor range. Default [0.85, 1.15]. */
  speed: [number, number];
}

/** Augmentation defaults (FINDINGS: noise, gain and speed together added 12-17 points on other-domain speech). */
export const defaultAugmentConfig: AugmentConfig = { gainDb: 6, noiseProb: 0.5, snrDb: [10, 40], speedProb: 0.6, speed: [0.85, 1.15] };

/** No augmentation. */
export const noAugment: AugmentConfig = { gainDb: 0, noiseProb: 0, snrDb: [30, 30], speedProb: 0, speed: [1, 1] };

/** One batch: features [batch x frames x dims] and class indices [batch]. */
export interface FeatureBatch {
  data: Float32Array;
  batch: number;
  frames: number;
  dims: number;
  labels: Int32Array;
}

/** `x` cut or tiled to exactly `length` samples: from `start` when long enough, else repeated end to end. */
export function fitLength(x: Float32Array, length: number, start = 0): Float32Array {
  if (x.length >= length) return x.slice(start, start + length);
  if (x.length === 0) return new Float32Array(length);
  return copyCyclic(x, 0, new Float32Array(length));
}

/** Reads one clip's crop of `length` samples (random start with rng, centred without), augmented with rng. */
export function readCrop(cache: PcmCache, index: number, length: number, rng: Rng | null, augment: AugmentConfig = noAugment): Float32Array {
  const total = cache.length(index);
  let speed = 1;
  if (rng && augment.speedProb > 0 && rng() < augment.speedProb) speed = augment.speed[0] + rng() * (augment.speed[1] - augment.speed[0]);
  const need = Math.ceil(length * speed) + 2;
  const start = total <= need ? 0 : rng ? randomInt(rng, 0, total - need) : Math.floor((total - need) / 2);
  let x = cache.read(index, start, need);
  if (speed !== 1) x = speedPerturb(x, speed);
  x = fitLength(x, length);
  if (rng && augment.gainDb > 0) x = applyGain(x, (rng() * 2 - 1) * augment.gainDb);
  if (rng && augment.noiseProb > 0 && rng() < augment.noiseProb) {
    x = addNoise(x, augment.snrDb[0] + rng() * (augment.snrDb[1] - augment.snrDb[0]), rng);
  }
  return x;
}

/** Stacks the features of equal-length clips into one FeatureBatch. */
export function featureBatch(clips: Float32Array[], labels: number[], spec: FeatureSpec): FeatureBatch {
  const dims = featureDims(spec);
  const first = extractFeatures(clips[0], spec);
  const data = new Float32Array(clips.length * first.frames * dims);
  data.set(first.data, 0);
  for (let i = 1; i < clips.length; i++) {
    const m = extractFeatures(clips[i], spec);
    if (m.frames !== first.frames) throw new Error(`featureBatch: clip ${i} has ${m.frames} frames, clip 0 ${first.frames}`);
    data.set(m.data, i * first.frames * dims);
  }
  return { data, batch: clips.length, frames: first.frames, dims, labels: Int32Array.from(labels) };
}

/** What clipBatches streams. */
export interface ClipBatchOptions {
  cache: PcmCache;
  /** Cache indices of the clips to use (undecodable ones are skipped). */
  indices: number[];
  /** Class index of every cache index. */
  labelOf: (index: number) => number;
  spec: FeatureSpec;
  /** Samples per clip. */
  clipSamples: number;
  batchSize: number;
  /** Shuffles, crops randomly and augments when given; fixed order and centred crops without. */
  rng: Rng | null;
  augment?: AugmentConfig;
  /** Stop after this many batches (for quick runs over a large corpus). Default: all. */
  maxBatches?: number;
  /** Crops per clip per pass (random crops differ). Default 1. */
  cropsPerClip?: number;
}

/** Streams FeatureBatches over `indices` (the last one may be smaller). */
export function* clipBatches(o: ClipBatchOptions): Generator<FeatureBatch> {
  const decoded = o.indices.filter((i) => o.cache.length(i) > 0);
  const order = Array.from({ length: o.cropsPerClip ?? 1 }, () => decoded).flat();
  if (o.rng) shuffleInPlace(order, o.rng);
  const limit = Math.min(Math.ceil(order.length / o.batchSize), o.maxBatches ?? Infinity);
  for (let b = 0; b < limit; b++) {
    const chunk = order.slice(b * o.batchSize, (b + 1) * o.batchSize);
    const clips = chunk.map((i) => readCrop(o.cache, i, o.clipSamples, o.rng, o.rng ? o.augment : noAugment));
    yield featureBatch(clips, chunk.map(o.labelOf), o.spec);
  }
}

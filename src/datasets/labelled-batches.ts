/**
 * Batches of fixed-length clips for a classifier, streamed from a PcmCache: per clip a crop (random while
 * training, centred otherwise; short clips are tiled, never zero-padded, so no silence enters the statistics),
 * waveform augmentation while training (src/features/augment: speed, voice, room, microphone, gain, noise, line),
 * then the FeatureSpec's front end, and SpecAugment masks when that front end is spectral.
 * A batch's features are ONE Float32Array [batch x frames x dims] (row-major), ready for one tensor.
 */
import {
  augmentLine, augmentVoiceRoomMic, copyCyclic, extractFeatures, featureDims, addNoise, applyGain, noAugment,
  specAugment, speedPerturb, usesVoiceChannel, type AugmentConfig, type FeatureSpec,
} from '../features';
import { makeRng, randomInt, shuffleInPlace, type Rng } from '../util/random';
import type { PcmCache } from './cache';

export { noAugment, type AugmentConfig };

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

/**
 * Reads one clip's crop of `length` samples (random start with rng, centred without), augmented with rng. Gain,
 * noise and speed draw from rng as they always have (a 'basic' run repeats runs made before the other transforms
 * existed); when any other waveform transform is on, one more draw seeds this clip's own rng for them, so the pass's
 * stream moves by one draw per clip whichever of them fire.
 */
export function readCrop(cache: PcmCache, index: number, length: number, rng: Rng | null, augment: AugmentConfig = noAugment): Float32Array {
  const total = cache.length(index);
  let speed = 1;
  if (rng && augment.speedProb > 0 && rng() < augment.speedProb) speed = augment.speed[0] + rng() * (augment.speed[1] - augment.speed[0]);
  const need = Math.ceil(length * speed) + 2;
  const start = total <= need ? 0 : rng ? randomInt(rng, 0, total - need) : Math.floor((total - need) / 2);
  let x = cache.read(index, start, need);
  if (speed !== 1) x = speedPerturb(x, speed);
  x = fitLength(x, length);
  const clipRng = rng && usesVoiceChannel(augment) ? makeRng(Math.floor(rng() * 2 ** 32)) : null;
  if (clipRng) x = augmentVoiceRoomMic(x, augment, clipRng);
  if (rng && augment.gainDb > 0) x = applyGain(x, (rng() * 2 - 1) * augment.gainDb);
  if (rng && augment.noiseProb > 0 && rng() < augment.noiseProb) {
    x = addNoise(x, augment.snrDb[0] + rng() * (augment.snrDb[1] - augment.snrDb[0]), rng);
  }
  if (clipRng) x = augmentLine(x, augment, clipRng);
  return x;
}

/** SpecAugment of a batch's clips: each clip's features are masked with probability `prob`, drawing from `rng`. */
export interface BatchMasks {
  prob: number;
  options: AugmentConfig['specAugment'];
  rng: Rng;
}

/**
 * Stacks the features of equal-length clips into one FeatureBatch; with `masks`, each clip's matrix is masked
 * (SpecAugment) with probability masks.prob. Masks are for spectral specs: a 'frames' spec is an error.
 */
export function featureBatch(clips: Float32Array[], labels: number[], spec: FeatureSpec, masks?: BatchMasks): FeatureBatch {
  if (masks && spec.kind === 'frames') throw new Error("featureBatch: SpecAugment masks need a spectral FeatureSpec, got 'frames'");
  const features = (clip: Float32Array) => {
    const m = extractFeatures(clip, spec);
    return masks && masks.prob > 0 && masks.rng() < masks.prob ? specAugment(m, masks.options, masks.rng) : m;
  };
  const dims = featureDims(spec);
  const first = features(clips[0]);
  const data = new Float32Array(clips.length * first.frames * dims);
  data.set(first.data, 0);
  for (let i = 1; i < clips.length; i++) {
    const m = features(clips[i]);
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

/** How many batches clipBatches yields for these options (a pass's length, known before it starts). */
export function clipBatchCount(o: Pick<ClipBatchOptions, 'cache' | 'indices' | 'batchSize' | 'maxBatches' | 'cropsPerClip'>): number {
  const decoded = o.indices.filter((i) => o.cache.length(i) > 0).length;
  return Math.min(Math.ceil((decoded * (o.cropsPerClip ?? 1)) / o.batchSize), o.maxBatches ?? Infinity);
}

/** Streams FeatureBatches over `indices` (the last one may be smaller). */
export function* clipBatches(o: ClipBatchOptions): Generator<FeatureBatch> {
  const decoded = o.indices.filter((i) => o.cache.length(i) > 0);
  const order = Array.from({ length: o.cropsPerClip ?? 1 }, () => decoded).flat();
  if (o.rng) shuffleInPlace(order, o.rng);
  const limit = clipBatchCount(o);
  const augment = o.rng ? (o.augment ?? noAugment) : noAugment;
  // masks only where the front end is spectral (raw-waveform front ends get the waveform transforms)
  const masks = o.rng && augment.specAugmentProb > 0 && o.spec.kind !== 'frames' ? { prob: augment.specAugmentProb, options: augment.specAugment, rng: o.rng } : undefined;
  for (let b = 0; b < limit; b++) {
    const chunk = order.slice(b * o.batchSize, (b + 1) * o.batchSize);
    const clips = chunk.map((i) => readCrop(o.cache, i, o.clipSamples, o.rng, augment));
    yield featureBatch(clips, chunk.map(o.labelOf), o.spec, masks);
  }
}

/**
 * A unit prior over log-mel sequences, the "unit language model" of textless speech generation (GSLM: discrete units
 * from features, a language model over the units, a vocoder): k-means turns every frame of a corpus into one of K
 * units, a bigram over consecutive frames' units holds how units follow each other and how long they last (a unit
 * repeating itself is its duration), and each unit's centroid is the log-mel frame it stands for. Sampling the bigram
 * gives a new unit sequence with the corpus's rhythm of pauses, onsets and vowels; its centroids, through a WaveNet
 * vocoder, are speech-like babble.
 *
 * Frames are raw log-mel (natural log of mel power). Each file's frames are first moved to one reference level (its
 * levelReference, the 95th-percentile frame energy, goes to 0), so units describe spectral shape and loudness within
 * an utterance, not how loudly a file was recorded.
 */
import type { FeatureMatrix } from '../../features';
import { levelReference } from '../../features/log-mel-level';
import { makeRng, type Rng } from '../../util/random';

/** A fitted prior: K units of M bands, where sequences start, and how units follow each other. */
export interface UnitPrior {
  /** [K, M] row-major: each unit's centroid, level-referenced log-mel. */
  centroids: Float32Array;
  units: number;
  bands: number;
  /** [K]: probability that an utterance starts with each unit. */
  initial: Float32Array;
  /** [K, K] row-major: row i is P(next unit | unit i); rows sum to 1. */
  transitions: Float32Array;
  /** The median over the corpus's files of their reference level (see levelReference): where 0 sits in raw log-mel. */
  referenceLevel: number;
}

/** Options of fitUnitPrior, beside their defaults. */
export interface UnitPriorOptions {
  /** Units (k-means clusters). Default 64. */
  units: number;
  /** Lloyd iterations. Default 20. */
  iterations: number;
  /** Added to every bigram count (and start count) so every transition stays possible. Default 0.01. */
  smoothing: number;
  /** Seed of the k-means++ initialisation. Default 1. */
  seed: number;
}

export const defaultUnitPriorOptions: UnitPriorOptions = { units: 64, iterations: 20, smoothing: 0.01, seed: 1 };

/** `matrix` with every value moved so its reference level (levelReference, unless given) is 0 (a copy). */
export function levelReferenced(matrix: FeatureMatrix, reference = levelReference(matrix)): FeatureMatrix {
  const { frames, dims } = matrix;
  const data = new Float32Array(matrix.data.length);
  for (let i = 0; i < data.length; i++) data[i] = matrix.data[i] - reference;
  return { data, frames, dims };
}

function squaredDistance(a: Float32Array, aOffset: number, b: Float32Array, bOffset: number, dims: number): number {
  let d = 0;
  for (let m = 0; m < dims; m++) {
    const x = a[aOffset + m] - b[bOffset + m];
    d += x * x;
  }
  return d;
}

/** Index of the centroid nearest frame `offset` of `data`. */
export function nearestUnit(centroids: Float32Array, units: number, data: Float32Array, offset: number, dims: number): number {
  let best = 0;
  let bestDistance = Infinity;
  for (let k = 0; k < units; k++) {
    const d = squaredDistance(data, offset, centroids, k * dims, dims);
    if (d < bestDistance) {
      bestDistance = d;
      best = k;
    }
  }
  return best;
}

/** k-means++ seeding: the first centroid uniformly, each next one with probability proportional to squared distance. */
function seedCentroids(all: Float32Array, count: number, dims: number, units: number, rng: Rng): Float32Array {
  const centroids = new Float32Array(units * dims);
  const first = Math.floor(rng() * count);
  centroids.set(all.subarray(first * dims, first * dims + dims), 0);
  const nearest = new Float64Array(count).fill(Infinity);
  for (let k = 1; k < units; k++) {
    let total = 0;
    for (let i = 0; i < count; i++) {
      nearest[i] = Math.min(nearest[i], squaredDistance(all, i * dims, centroids, (k - 1) * dims, dims));
      total += nearest[i];
    }
    let target = rng() * total;
    let pick = count - 1;
    for (let i = 0; i < count; i++) {
      target -= nearest[i];
      if (target <= 0) {
        pick = i;
        break;
      }
    }
    centroids.set(all.subarray(pick * dims, pick * dims + dims), k * dims);
  }
  return centroids;
}

/**
 * Fits the prior to utterances' raw log-mel (each [frames, M], at least one frame; all the same M). Needs at least
 * `units` frames in all. Deterministic for a seed.
 */
export function fitUnitPrior(utterances: FeatureMatrix[], input: Partial<UnitPriorOptions> = {}): UnitPrior {
  const o = { ...defaultUnitPriorOptions, ...input };
  if (!Number.isInteger(o.units) || o.units < 2) throw new RangeError(`units must be an integer >= 2, got ${o.units}`);
  if (!Number.isInteger(o.iterations) || o.iterations < 1) throw new RangeError(`iterations must be a positive integer, got ${o.iterations}`);
  if (!(o.smoothing > 0) || !Number.isFinite(o.smoothing)) throw new RangeError(`smoothing must be > 0, got ${o.smoothing}`);
  const usable = utterances.filter((u) => u.frames > 0);
  if (usable.length === 0) throw new Error('fitUnitPrior: no frames to fit');
  const dims = usable[0].dims;
  const mismatch = usable.find((u) => u.dims !== dims);
  if (mismatch) throw new Error(`fitUnitPrior: utterances have ${dims} and ${mismatch.dims} bands`);
  const references = usable.map(levelReference);
  const referenced = usable.map((u, i) => levelReferenced(u, references[i]));
  const count = referenced.reduce((n, u) => n + u.frames, 0);
  if (count < o.units) throw new Error(`fitUnitPrior: ${count} frames are fewer than ${o.units} units`);
  const all = new Float32Array(count * dims);
  let at = 0;
  for (const u of referenced) {
    all.set(u.data, at);
    at += u.data.length;
  }

  const centroids = seedCentroids(all, count, dims, o.units, makeRng(o.seed));
  const assignment = new Int32Array(count);
  for (let iteration = 0; iteration < o.iterations; iteration++) {
    const sums = new Float64Array(o.units * dims);
    const sizes = new Float64Array(o.units);
    for (let i = 0; i < count; i++) {
      const k = nearestUnit(centroids, o.units, all, i * dims, dims);
      assignment[i] = k;
      sizes[k]++;
      for (let m = 0; m < dims; m++) sums[k * dims + m] += all[i * dims + m];
    }
    for (let k = 0; k < o.units; k++) {
      if (sizes[k] === 0) continue; // an empty unit keeps its centroid
      for (let m = 0; m < dims; m++) centroids[k * dims + m] = sums[k * dims + m] / sizes[k];
    }
  }
  for (let i = 0; i < count; i++) assignment[i] = nearestUnit(centroids, o.units, all, i * dims, dims);

  const starts = new Float64Array(o.units).fill(o.smoothing);
  const pairs = new Float64Array(o.units * o.units).fill(o.smoothing);
  let first = 0;
  for (const u of referenced) {
    starts[assignment[first]]++;
    for (let t = 1; t < u.frames; t++) pairs[assignment[first + t - 1] * o.units + assignment[first + t]]++;
    first += u.frames;
  }
  const referenceLevel = Float64Array.from(references).sort()[Math.floor(references.length / 2)];
  return { centroids, units: o.units, bands: dims, initial: normalised(starts), transitions: rowsNormalised(pairs, o.units), referenceLevel };
}

function normalised(counts: Float64Array): Float32Array {
  const total = counts.reduce((a, b) => a + b, 0);
  return Float32Array.from(counts, (c) => c / total);
}

function rowsNormalised(counts: Float64Array, units: number): Float32Array {
  const out = new Float32Array(counts.length);
  for (let i = 0; i < units; i++) out.set(normalised(counts.subarray(i * units, (i + 1) * units)), i * units);
  return out;
}

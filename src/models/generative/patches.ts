/**
 * Log-mel patches: the unit every generative model (autoencoder, VAE, GAN) reads and writes. A patch is `frames`
 * consecutive rows of a file's log-mel matrix (the FeatureSpec the rest of Kielo uses, 40 bands by default), taken
 * every `hop` frames, flattened row-major to frames x nMels numbers. Patches go back to a log-mel matrix by
 * overlap-adding them with a Hann-shaped weight, so seams between neighbouring patches are cross-faded.
 */
import { defaultFeatureSpec, extractFeatures, hopSamples, windowSamples, type FeatureMatrix, type FeatureSpec } from '../../features';

/** Shape of the patches a model reads. */
export interface PatchSpec {
  /** Frames per patch; default 32 (0.335 s at the default 10 ms hop); integer >= 2. */
  frames: number;
  /** Frames between patch starts when patching a file; default 16; integer 1..frames. */
  hop: number;
}

/** Defaults of PatchSpec. */
export const defaultPatchSpec: PatchSpec = { frames: 32, hop: 16 };

/** The log-mel front end of the generative models: Kielo's default log-mel spec (16 kHz, 25/10 ms, 40 bands). */
export function generativeFeatureSpec(): FeatureSpec {
  return defaultFeatureSpec('logmel');
}

/** Numbers per patch. */
export function patchSize(patch: PatchSpec, nMels: number): number {
  return patch.frames * nMels;
}

/** Samples a patch spans: (frames - 1) hops plus one window. */
export function patchSamples(patch: PatchSpec, spec: FeatureSpec): number {
  return (patch.frames - 1) * hopSamples(spec) + windowSamples(spec);
}

/** Checks a PatchSpec's ranges; throws a RangeError naming the field and value. */
export function validatePatchSpec(patch: PatchSpec): PatchSpec {
  if (!Number.isInteger(patch.frames) || patch.frames < 2) throw new RangeError(`patch frames must be an integer >= 2, got ${patch.frames}`);
  if (!Number.isInteger(patch.hop) || patch.hop < 1 || patch.hop > patch.frames) throw new RangeError(`patch hop must be an integer in 1..${patch.frames}, got ${patch.hop}`);
  return patch;
}

/** Start frames of the patches of a matrix of `frames` rows: every hop, plus one flush with the end. Empty when too short. */
export function patchStarts(frames: number, patch: PatchSpec): number[] {
  if (frames < patch.frames) return [];
  const starts: number[] = [];
  for (let s = 0; s + patch.frames <= frames; s += patch.hop) starts.push(s);
  const last = frames - patch.frames;
  if (starts.at(-1) !== last) starts.push(last);
  return starts;
}

/** Patches of a log-mel matrix: { data: [count x frames * dims] row-major, count, starts }. */
export function extractPatches(m: FeatureMatrix, patch: PatchSpec): { data: Float32Array; count: number; starts: number[] } {
  const starts = patchStarts(m.frames, patch);
  const size = patch.frames * m.dims;
  const data = new Float32Array(starts.length * size);
  starts.forEach((s, i) => data.set(m.data.subarray(s * m.dims, s * m.dims + size), i * size));
  return { data, count: starts.length, starts };
}

/** Log-mel of mono samples at spec.sampleRate. */
export function logMelOf(samples: Float32Array, spec: FeatureSpec): FeatureMatrix {
  return extractFeatures(samples, spec);
}

/** The cross-fade weight of frame i of a patch of n frames: a Hann bump, never 0 (so every frame is covered). */
function fadeWeight(i: number, n: number): number {
  return 0.05 + Math.sin((Math.PI * (i + 0.5)) / n) ** 2;
}

/**
 * A log-mel matrix of `frames` rows from patches (row-major [count x patch.frames * dims]) placed at `starts`:
 * the weighted mean of every patch covering a frame. Frames no patch covers are `fill`.
 */
export function overlapAddPatches(patches: Float32Array, starts: number[], patch: PatchSpec, dims: number, frames: number, fill = 0): FeatureMatrix {
  const size = patch.frames * dims;
  if (patches.length !== starts.length * size) throw new RangeError(`overlapAddPatches: ${patches.length} values for ${starts.length} patches of ${size}`);
  const sum = new Float64Array(frames * dims);
  const weight = new Float64Array(frames);
  starts.forEach((s, p) => {
    for (let i = 0; i < patch.frames && s + i < frames; i++) {
      const w = fadeWeight(i, patch.frames);
      weight[s + i] += w;
      const src = p * size + i * dims;
      const dst = (s + i) * dims;
      for (let d = 0; d < dims; d++) sum[dst + d] += w * patches[src + d];
    }
  });
  const data = new Float32Array(frames * dims);
  for (let t = 0; t < frames; t++) {
    for (let d = 0; d < dims; d++) data[t * dims + d] = weight[t] > 0 ? sum[t * dims + d] / weight[t] : fill;
  }
  return { data, frames, dims };
}

/** Patches laid end to end (hop = frames) as one log-mel matrix: what generated patches sound like in sequence. */
export function concatPatches(patches: Float32Array, count: number, patch: PatchSpec, dims: number): FeatureMatrix {
  return { data: patches.slice(0, count * patch.frames * dims), frames: count * patch.frames, dims };
}

/**
 * The "learning is compression" measures: codes quantised to b bits (uniform over each dimension's range on the
 * training codes), their rate in bits per second, and the classical line at the same rate: a 2-D DCT of each patch
 * (the DCT over mel bands is the MFCC; over time, its modulation spectrum) truncated to the k lowest-order
 * coefficients, quantised the same way.
 */
import { dctMatrix } from '../../features/dct';

/** Per-dimension ranges of row-major [n x dims] values: what a uniform quantiser spans. */
export interface QuantiserRange {
  min: Float32Array;
  max: Float32Array;
}

/** The range of each of `dims` columns. */
export function rangesOf(values: Float32Array, dims: number): QuantiserRange {
  const min = new Float32Array(dims).fill(Infinity);
  const max = new Float32Array(dims).fill(-Infinity);
  for (let i = 0; i < values.length; i++) {
    const c = i % dims;
    if (values[i] < min[c]) min[c] = values[i];
    if (values[i] > max[c]) max[c] = values[i];
  }
  return { min, max };
}

/** Values rounded to the nearest of 2^bits levels spanning each column's range (clamped to it). */
export function quantise(values: Float32Array, range: QuantiserRange, bits: number): Float32Array {
  if (!Number.isInteger(bits) || bits < 1 || bits > 24) throw new RangeError(`bits must be an integer in 1..24, got ${bits}`);
  const dims = range.min.length;
  const levels = 2 ** bits - 1;
  const out = new Float32Array(values.length);
  for (let i = 0; i < values.length; i++) {
    const c = i % dims;
    const span = range.max[c] - range.min[c];
    if (!(span > 0)) {
      out[i] = range.min[c];
      continue;
    }
    const q = Math.round(((Math.min(range.max[c], Math.max(range.min[c], values[i])) - range.min[c]) / span) * levels);
    out[i] = range.min[c] + (q / levels) * span;
  }
  return out;
}

/** Bits per second of k numbers of b bits per patch, one patch every `hopFrames` frames of `hopMs`. */
export function bitsPerSecond(k: number, bits: number, hopFrames: number, hopMs: number): number {
  return (k * bits * 1000) / (hopFrames * hopMs);
}

/** The k lowest-order (time, mel) DCT index pairs of a frames x nMels patch: by t + m, then by m. */
export function lowOrderIndices(frames: number, nMels: number, k: number): number[] {
  const pairs: [number, number][] = [];
  for (let t = 0; t < frames; t++) for (let m = 0; m < nMels; m++) pairs.push([t, m]);
  pairs.sort((a, b) => a[0] + a[1] - (b[0] + b[1]) || a[1] - b[1]);
  return pairs.slice(0, k).map(([t, m]) => t * nMels + m);
}

/** The 2-D orthonormal DCT of patches [n x frames*nMels], as rows of the coefficients at `indices`. */
export function dctCodes(patches: Float32Array, frames: number, nMels: number, indices: number[]): Float32Array {
  const dt = dctMatrix(frames, frames);
  const dm = dctMatrix(nMels, nMels);
  const d = frames * nMels;
  const n = patches.length / d;
  const out = new Float32Array(n * indices.length);
  const tmp = new Float64Array(frames * nMels);
  for (let p = 0; p < n; p++) {
    const x = patches.subarray(p * d, (p + 1) * d);
    // along mel (the MFCC), then along time
    for (let t = 0; t < frames; t++) for (let c = 0; c < nMels; c++) {
      let s = 0;
      for (let m = 0; m < nMels; m++) s += dm[c * nMels + m] * x[t * nMels + m];
      tmp[t * nMels + c] = s;
    }
    indices.forEach((idx, j) => {
      const q = Math.floor(idx / nMels);
      const c = idx % nMels;
      let s = 0;
      for (let t = 0; t < frames; t++) s += dt[q * frames + t] * tmp[t * nMels + c];
      out[p * indices.length + j] = s;
    });
  }
  return out;
}

/** Patches [n x frames*nMels] from their coefficients at `indices` (the rest zero), by the inverse 2-D DCT. */
export function fromDctCodes(codes: Float32Array, frames: number, nMels: number, indices: number[]): Float32Array {
  const dt = dctMatrix(frames, frames);
  const dm = dctMatrix(nMels, nMels);
  const d = frames * nMels;
  const n = codes.length / indices.length;
  const out = new Float32Array(n * d);
  const coef = new Float64Array(d);
  const tmp = new Float64Array(d);
  for (let p = 0; p < n; p++) {
    coef.fill(0);
    indices.forEach((idx, j) => (coef[idx] = codes[p * indices.length + j]));
    for (let t = 0; t < frames; t++) for (let c = 0; c < nMels; c++) {
      let s = 0;
      for (let q = 0; q < frames; q++) s += dt[q * frames + t] * coef[q * nMels + c];
      tmp[t * nMels + c] = s;
    }
    for (let t = 0; t < frames; t++) for (let m = 0; m < nMels; m++) {
      let s = 0;
      for (let c = 0; c < nMels; c++) s += dm[c * nMels + m] * tmp[t * nMels + c];
      out[p * d + t * nMels + m] = s;
    }
  }
  return out;
}

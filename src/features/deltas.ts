/** Regression deltas (HTK / Kaldi formula) appended to a feature matrix. */
import { assertMatrix, type FeatureMatrix } from './matrix';

/** Half-width N of the regression window. */
export const DELTA_WINDOW = 2;

/**
 * Appends deltas to `m` of shape [frames x dims], giving [frames x dims * (order + 1)]: per frame the statics,
 * then d_t = sum_{n=1..N} n (c_{t+n} - c_{t-n}) / (2 sum_{n=1..N} n^2), then (order 2) the deltas of the deltas.
 * Frames beyond the edges repeat the first / last frame. Order 0 returns `m` itself.
 */
export function appendDeltas(m: FeatureMatrix, order: 0 | 1 | 2, window = DELTA_WINDOW): FeatureMatrix {
  assertMatrix(m, 'appendDeltas');
  if (order === 0) return m;
  const { frames, dims } = m;
  const outDims = dims * (order + 1);
  const data = new Float32Array(frames * outDims);
  for (let t = 0; t < frames; t++) data.set(m.data.subarray(t * dims, (t + 1) * dims), t * outDims);
  for (let o = 1; o <= order; o++) regressionInto(data, outDims, (o - 1) * dims, o * dims, frames, dims, window);
  return { data, frames, dims: outDims };
}

/** Writes into columns [to, to + dims) of each row the regression deltas of columns [from, from + dims). */
function regressionInto(data: Float32Array, stride: number, from: number, to: number, frames: number, dims: number, window: number): void {
  let norm = 0;
  for (let n = 1; n <= window; n++) norm += n * n;
  norm *= 2;
  const last = frames - 1;
  for (let t = 0; t < frames; t++) {
    const out = t * stride + to;
    if (t >= window && t + window <= last) {
      // Interior frames: no clamping at the edges.
      for (let d = 0; d < dims; d++) {
        let sum = 0;
        for (let n = 1; n <= window; n++) sum += n * (data[(t + n) * stride + from + d] - data[(t - n) * stride + from + d]);
        data[out + d] = sum / norm;
      }
      continue;
    }
    for (let d = 0; d < dims; d++) {
      let sum = 0;
      for (let n = 1; n <= window; n++) {
        const ahead = Math.min(t + n, last);
        const behind = Math.max(t - n, 0);
        sum += n * (data[ahead * stride + from + d] - data[behind * stride + from + d]);
      }
      data[out + d] = sum / norm;
    }
  }
}

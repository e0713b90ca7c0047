/** Per-utterance cepstral mean and variance normalisation. */
import { assertMatrix, type FeatureMatrix } from './matrix';

/** Dimensions whose standard deviation is below this are only mean-normalised (left at zero), not scaled. */
export const CMVN_MIN_STD = 1e-8;

/**
 * Normalises every dimension of `m` ([frames x dims]) to zero mean and unit variance over its frames, IN PLACE,
 * and returns `m`. Constant dimensions become zero. A matrix with no frames is returned unchanged.
 */
export function cmvn(m: FeatureMatrix): FeatureMatrix {
  assertMatrix(m, 'cmvn');
  const { data, frames, dims } = m;
  if (frames === 0) return m;
  const mean = new Float64Array(dims);
  const sq = new Float64Array(dims);
  for (let t = 0; t < frames; t++) {
    const row = t * dims;
    for (let d = 0; d < dims; d++) mean[d] += data[row + d];
  }
  for (let d = 0; d < dims; d++) mean[d] /= frames;
  for (let t = 0; t < frames; t++) {
    const row = t * dims;
    for (let d = 0; d < dims; d++) {
      const c = data[row + d] - mean[d];
      sq[d] += c * c;
    }
  }
  const scale = new Float64Array(dims);
  for (let d = 0; d < dims; d++) {
    const std = Math.sqrt(sq[d] / frames);
    scale[d] = std < CMVN_MIN_STD ? 1 : 1 / std;
  }
  for (let t = 0; t < frames; t++) {
    const row = t * dims;
    for (let d = 0; d < dims; d++) data[row + d] = (data[row + d] - mean[d]) * scale[d];
  }
  return m;
}

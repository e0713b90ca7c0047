/** The orthonormal DCT-II matrix that turns log-mel bands into cepstra, cached per size. */

const cache = new Map<string, Float64Array>();

/**
 * Row-major [nOut x nIn] orthonormal DCT-II matrix (torchaudio create_dct(norm='ortho'), transposed):
 * c[k] = sum_m x[m] * s_k * cos(pi * k * (m + 0.5) / nIn), s_0 = sqrt(1 / nIn), s_k = sqrt(2 / nIn).
 */
export function dctMatrix(nOut: number, nIn: number): Float64Array {
  const key = `${nOut}|${nIn}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const m = new Float64Array(nOut * nIn);
  for (let k = 0; k < nOut; k++) {
    const s = Math.sqrt((k === 0 ? 1 : 2) / nIn);
    for (let i = 0; i < nIn; i++) m[k * nIn + i] = s * Math.cos((Math.PI * k * (i + 0.5)) / nIn);
  }
  cache.set(key, m);
  return m;
}

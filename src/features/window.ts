/** Analysis windows, cached per (kind, length). */

const cache = new Map<string, Float64Array>();

/** A periodic window of `length` samples (as torch.hann_window / hamming_window with periodic=True). */
export function analysisWindow(kind: 'hann' | 'hamming', length: number): Float64Array {
  const key = `${kind}|${length}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [a0, a1] = kind === 'hann' ? [0.5, 0.5] : [0.54, 0.46];
  const w = new Float64Array(length);
  for (let i = 0; i < length; i++) w[i] = a0 - a1 * Math.cos((2 * Math.PI * i) / length);
  cache.set(key, w);
  return w;
}

/** Synthetic test signals with known answers. */
import { gaussian, makeRng } from '../../src/util/random';

/** A sine of `hz` Hz and amplitude `amp`, `seconds` long at `rate` Hz. */
export function sine(hz: number, amp: number, seconds: number, rate = 16000, phase = 0): Float32Array {
  const x = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < x.length; i++) x[i] = amp * Math.sin((2 * Math.PI * hz * i) / rate + phase);
  return x;
}

/** Gaussian white noise of standard deviation `std`, seeded. */
export function whiteNoise(n: number, std: number, seed: number): Float32Array {
  const rng = makeRng(seed);
  const x = new Float32Array(n);
  for (let i = 0; i < n; i++) x[i] = std * gaussian(rng);
  return x;
}

/** Mean power (mean square) of a signal. */
export function power(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return s / x.length;
}

/** Index of the largest value in `v`. */
export function argmax(v: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < v.length; i++) if (v[i] > v[best]) best = i;
  return best;
}

/** Row t of a row-major matrix. */
export function row(m: { data: Float32Array; dims: number }, t: number): Float32Array {
  return m.data.subarray(t * m.dims, (t + 1) * m.dims);
}

/** Per-column mean and population standard deviation of a row-major matrix. */
export function columnStats(m: { data: Float32Array; frames: number; dims: number }): { mean: number[]; std: number[] } {
  const mean = new Array<number>(m.dims).fill(0);
  const std = new Array<number>(m.dims).fill(0);
  for (let t = 0; t < m.frames; t++) for (let d = 0; d < m.dims; d++) mean[d] += m.data[t * m.dims + d] / m.frames;
  for (let t = 0; t < m.frames; t++) for (let d = 0; d < m.dims; d++) std[d] += (m.data[t * m.dims + d] - mean[d]) ** 2 / m.frames;
  return { mean, std: std.map(Math.sqrt) };
}

/**
 * Short-time Fourier analysis, a per-frame change of the spectrum, and overlap-add resynthesis: square-root
 * periodic Hann windows on both sides at a hop of size/2, whose squares sum to exactly 1, so an unchanged spectrum
 * gives back the input (to rounding). Frames start size/2 before the signal and run past its end, so every sample
 * is covered by two frames. Buffers are cached per size; the output is the only allocation.
 */
import { fftScratch, inverseReal } from './fft';

const windows = new Map<number, Float64Array>();

/** sin(pi i / size): the square root of a periodic Hann window. */
function sqrtHann(size: number): Float64Array {
  let w = windows.get(size);
  if (!w) {
    w = new Float64Array(size);
    for (let i = 0; i < size; i++) w[i] = Math.sin((Math.PI * i) / size);
    windows.set(size, w);
  }
  return w;
}

/**
 * x resynthesised after `modify` changed each frame's spectrum in place: `spectrum` interleaves the real and
 * imaginary parts of bins 0..size/2 (entries 0..size+1; the rest is scratch). `size` is a power of two >= 8.
 * Returns a new array of x's length.
 */
export function shortTimeProcess(x: Float32Array, size: number, modify: (spectrum: Float64Array) => void): Float32Array {
  const n = x.length;
  const hop = size / 2;
  const out = new Float32Array(n);
  const s = fftScratch(size);
  const { time, spectrum } = s;
  const w = sqrtHann(size);
  for (let start = -hop; start < n; start += hop) {
    if (start >= 0 && start + size <= n) {
      for (let i = 0; i < size; i++) time[i] = x[start + i] * w[i];
    } else {
      for (let i = 0; i < size; i++) {
        const at = start + i;
        time[i] = at >= 0 && at < n ? x[at] * w[i] : 0;
      }
    }
    s.fft.realTransform(spectrum, time);
    modify(spectrum);
    inverseReal(s);
    const from = Math.max(0, -start);
    const to = Math.min(size, n - start);
    for (let i = from; i < to; i++) out[start + i] += time[i] * w[i];
  }
  return out;
}

/**
 * Cached fft.js plans and scratch buffers for the augmentation transforms: one plan and one set of buffers per
 * size, reused for every clip (the prefetch worker is one thread, and no transform keeps them across calls).
 * fft.js's realTransform does the forward transform of a real signal at about half a complex transform's cost;
 * inverseReal does the same for the way back (one complex transform of half the size).
 */
import FFT from 'fft.js';

/**
 * A size's plans and scratch: `time` (real, length size: the forward input and inverseReal's output), `spectrum`
 * and `back` (interleaved complex, 2 size), and the half-size plan with its buffers.
 */
export interface FftScratch {
  size: number;
  fft: FFT;
  time: Float64Array;
  spectrum: Float64Array;
  back: Float64Array;
  half: FFT;
  halfIn: Float64Array;
  halfOut: Float64Array;
  /** cos and sin of 2 pi k / size, k = 0..size/2 - 1, interleaved. */
  twiddle: Float64Array;
}

const plans = new Map<number, FftScratch>();

/** The cached plans and scratch of a power-of-two `size` (>= 8). */
export function fftScratch(size: number): FftScratch {
  let s = plans.get(size);
  if (!s) {
    const twiddle = new Float64Array(size);
    for (let k = 0; k < size / 2; k++) {
      twiddle[2 * k] = Math.cos((2 * Math.PI * k) / size);
      twiddle[2 * k + 1] = Math.sin((2 * Math.PI * k) / size);
    }
    s = {
      size, fft: new FFT(size), time: new Float64Array(size), spectrum: new Float64Array(2 * size), back: new Float64Array(2 * size),
      half: new FFT(size / 2), halfIn: new Float64Array(size), halfOut: new Float64Array(size), twiddle,
    };
    plans.set(size, s);
  }
  return s;
}

/** The smallest power of two >= n (and >= 8). */
export function nextPow2(n: number): number {
  let size = 8;
  while (size < n) size *= 2;
  return size;
}

/**
 * The real signal whose transform is `spectrum` (bins 0..size/2, as realTransform leaves them) into s.time, scaled
 * so that a forward and an inverse give back the input. One complex transform of size/2: with E and O the
 * half-size transforms of the even and odd samples, E[k] = (X[k] + X*[N/2-k]) / 2 and
 * O[k] = (X[k] - X*[N/2-k]) e^{2 pi i k/N} / 2, and the inverse of E + iO interleaves them.
 */
export function inverseReal(s: FftScratch, spectrum: Float64Array = s.spectrum): void {
  const { size, halfIn, halfOut, twiddle, time } = s;
  const m = size / 2;
  for (let k = 0; k < m; k++) {
    const ar = spectrum[2 * k];
    const ai = spectrum[2 * k + 1];
    const br = spectrum[2 * (m - k)];
    const bi = -spectrum[2 * (m - k) + 1];
    const er = (ar + br) / 2;
    const ei = (ai + bi) / 2;
    const dr = (ar - br) / 2;
    const di = (ai - bi) / 2;
    const c = twiddle[2 * k];
    const sn = twiddle[2 * k + 1];
    const or = dr * c - di * sn;
    const oi = dr * sn + di * c;
    halfIn[2 * k] = er - oi;
    halfIn[2 * k + 1] = ei + or;
  }
  s.half.inverseTransform(halfOut, halfIn);
  time.set(halfOut);
}

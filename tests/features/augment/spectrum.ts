/** Test helpers: a Welch power spectrum and band powers, for checking what a transform did to a signal's spectrum. */
import FFT from 'fft.js';

/** Mean power spectrum of x over Hann-windowed frames of `size` samples (hop size/2): bins 0..size/2. */
export function welch(x: Float32Array, size = 1024): Float64Array {
  const fft = new FFT(size);
  const frame = new Float64Array(size);
  const out = new Float64Array(2 * size);
  const psd = new Float64Array(size / 2 + 1);
  let frames = 0;
  for (let start = 0; start + size <= x.length; start += size / 2) {
    for (let i = 0; i < size; i++) frame[i] = x[start + i] * (0.5 - 0.5 * Math.cos((2 * Math.PI * i) / size));
    fft.realTransform(out, frame);
    for (let k = 0; k <= size / 2; k++) psd[k] += out[2 * k] ** 2 + out[2 * k + 1] ** 2;
    frames++;
  }
  return psd.map((p) => p / frames);
}

/** Mean of a power spectrum over the bins from `lo` to `hi` Hz. */
export function bandPower(psd: Float64Array, lo: number, hi: number, rate = 16000): number {
  const hz = rate / (2 * (psd.length - 1));
  let sum = 0;
  let n = 0;
  for (let k = Math.ceil(lo / hz); k <= Math.min(psd.length - 1, Math.floor(hi / hz)); k++) {
    sum += psd[k];
    n++;
  }
  return sum / n;
}

/** 10 log10(a / b). */
export function db(a: number, b: number): number {
  return 10 * Math.log10(a / b);
}

/** The frequency (Hz, parabola-interpolated) of the largest value of `psd` smoothed by a box of `smoothHz`, within lo..hi Hz. */
export function peakHz(psd: Float64Array, lo: number, hi: number, smoothHz = 200, rate = 16000): number {
  const hz = rate / (2 * (psd.length - 1));
  const half = Math.max(1, Math.round(smoothHz / hz / 2));
  const smooth = psd.map((_, k) => {
    let s = 0;
    let n = 0;
    for (let j = Math.max(0, k - half); j <= Math.min(psd.length - 1, k + half); j++, n++) s += psd[j];
    return s / n;
  });
  let best = Math.ceil(lo / hz);
  for (let k = best; k <= Math.floor(hi / hz); k++) if (smooth[k] > smooth[best]) best = k;
  const [a, b, c] = [smooth[best - 1], smooth[best], smooth[best + 1]].map(Math.log);
  const offset = (a - c) / (2 * (a - 2 * b + c));
  return (best + (Number.isFinite(offset) ? offset : 0)) * hz;
}

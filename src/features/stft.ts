/**
 * Short-time power spectra for display: one frame at any sample position (a pixel column's centre), a window of any
 * length, levels relative to a full-scale sine. Uses the same FFT and windows as the feature front end.
 */
import { fftOf } from './spectral';
import { analysisWindow } from './window';

/** Options of `stftPower`. */
export interface StftOptions {
  /** Analysis window length in samples, 2 or more. */
  windowSamples: number;
  /** FFT length, a power of two >= windowSamples; default nextPowerOfTwo(max(windowSamples, 512)). */
  fftSize?: number;
  /** Window shape; default 'hann'. */
  window?: 'hann' | 'hamming';
}

/** Power spectra of shape [frames x bins] (bins = fftSize / 2 + 1, bin k at k * sampleRate / fftSize Hz). */
export interface StftMatrix {
  data: Float32Array;
  frames: number;
  bins: number;
  fftSize: number;
  /** What a sine's power adds up to over the bins, over its peak bin's: fftSize * sum(w^2) / sum(w)^2 (1.5 for an unpadded hann window). Divide a sum of bins by it to read a sine as A^2. */
  sineSpread: number;
}

/** The smallest power of two >= n (n >= 1). */
export function nextPowerOfTwo(n: number): number {
  let p = 1;
  while (p < n) p *= 2;
  return p;
}

/**
 * Power spectra |X_t(k)|^2 scaled so that a sine of amplitude A centred on a bin reads A^2 (0 dB for a full-scale
 * sine): frame t is the window centred on sample `centres[t]` (rounded), the signal taken as zero outside itself.
 * No pre-emphasis: levels are the file's own.
 */
export function stftPower(samples: Float32Array, centres: ArrayLike<number>, options: StftOptions): StftMatrix {
  const win = Math.round(options.windowSamples);
  if (!(win >= 2)) throw new RangeError(`stftPower: windowSamples must be at least 2, got ${options.windowSamples}`);
  const size = options.fftSize ?? nextPowerOfTwo(Math.max(win, 512));
  if (size < win || (size & (size - 1)) !== 0) throw new RangeError(`stftPower: fftSize must be a power of two >= ${win}, got ${size}`);
  const window = analysisWindow(options.window ?? 'hann', win);
  let windowSum = 0;
  let squareSum = 0;
  for (let i = 0; i < win; i++) {
    windowSum += window[i];
    squareSum += window[i] * window[i];
  }
  const scale = 4 / (windowSum * windowSum);
  const fft = fftOf(size);
  const bins = size / 2 + 1;
  const frames = centres.length;
  const input = new Float64Array(size);
  const spectrum = new Float64Array(2 * size);
  const data = new Float32Array(frames * bins);
  const n = samples.length;
  const half = Math.floor(win / 2);
  for (let t = 0; t < frames; t++) {
    const start = Math.round(centres[t]) - half;
    for (let i = 0; i < win; i++) {
      const idx = start + i;
      input[i] = idx >= 0 && idx < n ? samples[idx] * window[i] : 0;
    }
    fft.realTransform(spectrum, input);
    const row = t * bins;
    for (let k = 0; k < bins; k++) {
      const re = spectrum[2 * k];
      const im = spectrum[2 * k + 1];
      data[row + k] = (re * re + im * im) * scale;
    }
  }
  return { data, frames, bins, fftSize: size, sineSpread: (size * squareSum) / (windowSum * windowSum) };
}

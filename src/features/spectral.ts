/**
 * The fast batched spectral front end: pre-emphasis, windowing, real FFT (fft.js, radix-4), power spectrum,
 * sparse mel filterbank, natural log and, for MFCC, an orthonormal DCT-II. One pass over the signal with reused
 * buffers and no per-frame allocation; frames follow the convention of frame.ts (short signals zero-padded to one
 * frame, the tail dropped).
 */
import FFT from 'fft.js';
import { dctMatrix } from './dct';
import { frameCount } from './frame';
import type { FeatureMatrix } from './matrix';
import { melFilterbank } from './mel';
import { hopSamples, windowSamples, type FeatureSpec } from './spec';
import { analysisWindow } from './window';

const ffts = new Map<number, FFT>();

/** The cached fft.js transform of `size` points (a power of two). */
export function fftOf(size: number): FFT {
  let fft = ffts.get(size);
  if (!fft) {
    fft = new FFT(size);
    ffts.set(size, fft);
  }
  return fft;
}

/**
 * Log-mel energies (cepstra = false) of shape [frames x nMels], or cepstra (true) of shape [frames x nMfcc]:
 * log(max(sum_k w_mk |X_t(k)|^2, logFloor)), then the DCT. `samples` must be at spec.sampleRate; the spec is
 * assumed valid (see validateFeatureSpec). No deltas or CMVN here.
 */
export function spectralFeatures(samples: Float32Array, spec: FeatureSpec, cepstra: boolean): FeatureMatrix {
  const win = windowSamples(spec);
  const hop = hopSamples(spec);
  const n = samples.length;
  const frames = frameCount(n, win, hop);
  const size = spec.fftSize;
  const nBins = size / 2 + 1;
  const fft = fftOf(size);
  const window = analysisWindow(spec.window, win);
  const bank = melFilterbank(spec);
  const { starts, offsets, weights } = bank;
  const nMels = spec.nMels;
  const dims = cepstra ? spec.nMfcc : nMels;
  const dct = cepstra ? dctMatrix(spec.nMfcc, nMels) : null;
  const p = spec.preemphasis;
  const floor = spec.logFloor;

  const input = new Float64Array(size); // entries past the window stay zero: the FFT's zero padding
  const spectrum = new Float64Array(2 * size);
  const power = new Float64Array(nBins);
  const mel = new Float64Array(nMels);
  const data = new Float32Array(frames * dims);

  for (let t = 0; t < frames; t++) {
    const start = t * hop;
    if (start + win <= n) {
      let prev = start > 0 ? samples[start - 1] : 0;
      for (let i = 0; i < win; i++) {
        const cur = samples[start + i];
        input[i] = (cur - p * prev) * window[i];
        prev = cur;
      }
    } else {
      // The one zero-padded frame of a signal shorter than a window.
      for (let i = 0; i < win; i++) {
        const idx = start + i;
        const y = idx < n ? samples[idx] - p * (idx > 0 ? samples[idx - 1] : 0) : 0;
        input[i] = y * window[i];
      }
    }
    fft.realTransform(spectrum, input);
    for (let k = 0; k < nBins; k++) {
      const re = spectrum[2 * k];
      const im = spectrum[2 * k + 1];
      power[k] = re * re + im * im;
    }
    const row = t * dims;
    for (let m = 0; m < nMels; m++) {
      let sum = 0;
      const end = offsets[m + 1];
      for (let j = offsets[m], k = starts[m]; j < end; j++, k++) sum += weights[j] * power[k];
      const value = Math.log(sum > floor ? sum : floor);
      if (dct) mel[m] = value;
      else data[row + m] = value;
    }
    if (dct) {
      for (let c = 0; c < dims; c++) {
        let sum = 0;
        const base = c * nMels;
        for (let m = 0; m < nMels; m++) sum += dct[base + m] * mel[m];
        data[row + c] = sum;
      }
    }
  }
  return { data, frames, dims };
}

/**
 * SpecAugment time and frequency masks on feature matrices (Park et al. 2019), for spectral front ends (log-mel,
 * MFCC); raw-waveform front ends get the waveform transforms instead. Works in place.
 */
import { randomInt, type Rng } from '../../util/random';
import { assertMatrix, type FeatureMatrix } from '../matrix';

/** SpecAugment mask settings (Park et al. 2019); widths are drawn uniformly from 0..max. */
export interface SpecAugmentOptions {
  /** Number of frequency masks; default 2; integer >= 0. */
  freqMasks?: number;
  /** Largest frequency-mask width in dims (the paper's F); default 8; integer >= 0. */
  freqWidth?: number;
  /** Number of time masks; default 2; integer >= 0. */
  timeMasks?: number;
  /** Largest time-mask width in frames (the paper's T); default 20; integer >= 0. */
  timeWidth?: number;
  /** What masked cells become: 'mean' (the matrix's mean, neutral before and after CMVN) or 'zero'; default 'mean'. */
  fill?: 'mean' | 'zero';
}

/** Default SpecAugment settings (a mild LibriSpeech-like policy for 40 bands at 10 ms). */
export const defaultSpecAugmentOptions = { freqMasks: 2, freqWidth: 8, timeMasks: 2, timeWidth: 20, fill: 'mean' } as const satisfies Required<SpecAugmentOptions>;

/**
 * Masks random bands of dimensions (all frames) and random runs of frames (all dims) of `m` ([frames x dims]),
 * IN PLACE, and returns `m`. Widths are capped at the matrix size.
 */
export function specAugment(m: FeatureMatrix, options: SpecAugmentOptions, rng: Rng): FeatureMatrix {
  assertMatrix(m, 'specAugment');
  const o = { ...defaultSpecAugmentOptions, ...options };
  for (const key of ['freqMasks', 'freqWidth', 'timeMasks', 'timeWidth'] as const) {
    if (!Number.isInteger(o[key]) || o[key] < 0) throw new RangeError(`specAugment: ${key} must be an integer >= 0, got ${o[key]}`);
  }
  const { data, frames, dims } = m;
  if (frames === 0 || dims === 0) return m;
  let value = 0;
  if (o.fill === 'mean') {
    let sum = 0;
    for (let i = 0; i < data.length; i++) sum += data[i];
    value = sum / data.length;
  }
  for (let k = 0; k < o.freqMasks; k++) {
    const width = randomInt(rng, 0, Math.min(o.freqWidth, dims));
    const start = randomInt(rng, 0, dims - width);
    for (let t = 0; t < frames; t++) data.fill(value, t * dims + start, t * dims + start + width);
  }
  for (let k = 0; k < o.timeMasks; k++) {
    const width = randomInt(rng, 0, Math.min(o.timeWidth, frames));
    const start = randomInt(rng, 0, frames - width);
    data.fill(value, start * dims, (start + width) * dims);
  }
  return m;
}

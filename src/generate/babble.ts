/**
 * Does generated audio sound like speech babble rather than a buzz or hiss? Three numbers over a clip: its RMS level,
 * the spectral flatness of its mean power spectrum (a steady buzz and speech are far below white noise's ~0.6-0.9),
 * and the modulation of its loudness in 50 ms windows (std / mean of the windows' RMS: syllables come and go, a buzz
 * does not). Issue 12's targets for a 2 s sample: RMS >= 0.03, flatness < 0.2, modulation >= 0.4.
 */
import { stftPower } from '../features/stft';

/** The three measures of one clip. */
export interface BabbleMetrics {
  /** RMS of the whole clip (full scale 1). */
  rms: number;
  /** Geometric over arithmetic mean of the mean power spectrum's bins from 100 Hz to Nyquist, 0..1. */
  flatness: number;
  /** Standard deviation over mean of the RMS of consecutive 50 ms windows. */
  modulation: number;
}

/** Issue 12's thresholds. */
export const BABBLE_TARGETS = { minRms: 0.03, maxFlatness: 0.2, minModulation: 0.4 } as const;

/** The measures of `samples` at `sampleRate` Hz (at least one 50 ms window long). */
export function babbleMetrics(samples: Float32Array, sampleRate: number): BabbleMetrics {
  const windowSamples = Math.round(0.05 * sampleRate);
  if (samples.length < windowSamples) throw new RangeError(`babbleMetrics: ${samples.length} samples is shorter than one 50 ms window`);
  let sum = 0;
  for (const x of samples) sum += x * x;
  const rms = Math.sqrt(sum / samples.length);

  const loudness: number[] = [];
  for (let start = 0; start + windowSamples <= samples.length; start += windowSamples) {
    let s = 0;
    for (let i = start; i < start + windowSamples; i++) s += samples[i] * samples[i];
    loudness.push(Math.sqrt(s / windowSamples));
  }
  const mean = loudness.reduce((a, b) => a + b, 0) / loudness.length;
  const sd = Math.sqrt(loudness.reduce((a, b) => a + (b - mean) ** 2, 0) / loudness.length);
  const modulation = mean > 0 ? sd / mean : 0;

  const frame = 512;
  const centres = Array.from({ length: Math.max(1, Math.floor((samples.length - frame) / (frame / 2)) + 1) }, (_, t) => frame / 2 + (t * frame) / 2);
  const spectra = stftPower(samples, centres, { windowSamples: frame, fftSize: frame });
  const lowBin = Math.ceil((100 * spectra.fftSize) / sampleRate);
  const bins = spectra.bins - lowBin;
  let logSum = 0;
  let linSum = 0;
  for (let k = lowBin; k < spectra.bins; k++) {
    let p = 0;
    for (let t = 0; t < spectra.frames; t++) p += spectra.data[t * spectra.bins + k];
    p = p / spectra.frames + 1e-20;
    logSum += Math.log(p);
    linSum += p;
  }
  const flatness = Math.exp(logSum / bins) / (linSum / bins);
  return { rms, flatness, modulation };
}

/** True when the clip meets every target (level, a speech-shaped spectrum, syllable-like loudness changes). */
export function soundsLikeBabble(m: BabbleMetrics): boolean {
  return m.rms >= BABBLE_TARGETS.minRms && m.flatness < BABBLE_TARGETS.maxFlatness && m.modulation >= BABBLE_TARGETS.minModulation;
}

/**
 * Log-mel back to audio: the mel filterbank inverted to a linear power spectrum (non-negative least squares by
 * multiplicative updates, started from the filterbank's transpose), then Griffin-Lim phase recovery with Perraudin's
 * momentum ("fast Griffin-Lim", as torchaudio's GriffinLim) on the STFT the front end uses (its window, hop, FFT size
 * and zero padding), resynthesis by least-squares overlap-add, and the front end's pre-emphasis undone.
 * MelVocoder is the seam where a neural vocoder plugs in: anything that turns a log-mel matrix into samples.
 */
import { fftScratch, inverseReal } from './augment/fft';
import type { FeatureMatrix } from './matrix';
import { melFilterbank } from './mel';
import { hopSamples, windowSamples, type FeatureSpec } from './spec';
import { analysisWindow } from './window';
import { makeRng } from '../util/random';

/** Turns log-mel (as extractFeatures computes it for `spec`) into mono samples at spec.sampleRate. */
export interface MelVocoder {
  /** What it is, for reports ('griffin-lim 32 it', a neural vocoder's name). */
  readonly name: string;
  /** Samples of the log-mel matrix [frames x nMels]: (frames - 1) hops plus one window long. */
  vocode(logMel: FeatureMatrix, spec: FeatureSpec): Float32Array;
}

/** Options of Griffin-Lim, beside their defaults. */
export interface GriffinLimOptions {
  /** Phase-recovery iterations; default 32; integer >= 0. */
  iterations: number;
  /** Perraudin's momentum; default 0.99 (0 = plain Griffin-Lim); [0, 1). */
  momentum: number;
  /** Multiplicative NNLS updates of the mel inversion; default 30; integer >= 0. */
  nnlsIterations: number;
  /** Seed of the initial random phase; default 1. */
  seed: number;
}

/** Defaults of GriffinLimOptions. */
export const defaultGriffinLimOptions: GriffinLimOptions = { iterations: 32, momentum: 0.99, nnlsIterations: 30, seed: 1 };

/**
 * The linear power spectrum [frames x (fftSize / 2 + 1)] whose mel energies best match exp(logMel) with every
 * power >= 0: P = W^T y / W^T 1, then P <- P * (W^T y) / (W^T W P) `iterations` times (Lee and Seung's update for
 * least squares, which keeps P non-negative). Bins no band covers stay 0.
 */
export function melToLinearPower(logMel: FeatureMatrix, spec: FeatureSpec, iterations = defaultGriffinLimOptions.nnlsIterations): Float64Array {
  const bank = melFilterbank(spec);
  const { nBins, nMels, starts, offsets, weights } = bank;
  if (logMel.dims !== nMels) throw new RangeError(`melToLinearPower: ${logMel.dims} bands, the spec has ${nMels}`);
  const colSum = new Float64Array(nBins);
  for (let m = 0; m < nMels; m++) for (let j = offsets[m], k = starts[m]; j < offsets[m + 1]; j++, k++) colSum[k] += weights[j];
  const out = new Float64Array(logMel.frames * nBins);
  const y = new Float64Array(nMels);
  const wty = new Float64Array(nBins);
  const wp = new Float64Array(nMels);
  const wtwp = new Float64Array(nBins);
  for (let t = 0; t < logMel.frames; t++) {
    const p = out.subarray(t * nBins, (t + 1) * nBins);
    wty.fill(0);
    for (let m = 0; m < nMels; m++) {
      y[m] = Math.exp(logMel.data[t * nMels + m]);
      for (let j = offsets[m], k = starts[m]; j < offsets[m + 1]; j++, k++) wty[k] += weights[j] * y[m];
    }
    for (let k = 0; k < nBins; k++) p[k] = colSum[k] > 0 ? wty[k] / colSum[k] : 0;
    for (let it = 0; it < iterations; it++) {
      wtwp.fill(0);
      for (let m = 0; m < nMels; m++) {
        let sum = 0;
        for (let j = offsets[m], k = starts[m]; j < offsets[m + 1]; j++, k++) sum += weights[j] * p[k];
        wp[m] = sum;
        for (let j = offsets[m], k = starts[m]; j < offsets[m + 1]; j++, k++) wtwp[k] += weights[j] * sum;
      }
      for (let k = 0; k < nBins; k++) if (wtwp[k] > 0) p[k] *= wty[k] / wtwp[k];
    }
  }
  return out;
}

/** y[n] = x[n] + p y[n - 1]: undoes pre-emphasis, in place. */
function deemphasize(x: Float32Array, p: number): void {
  for (let i = 1; i < x.length; i++) x[i] += p * x[i - 1];
}

/**
 * Samples whose STFT (the spec's window, hop and FFT size) has the magnitudes `magnitude` [frames x nBins], by
 * Griffin-Lim with momentum; the spec's pre-emphasis is undone at the end. Length (frames - 1) * hop + window.
 */
export function griffinLim(magnitude: Float64Array, frames: number, spec: FeatureSpec, input: Partial<GriffinLimOptions> = {}): Float32Array {
  const o = { ...defaultGriffinLimOptions, ...input };
  if (!Number.isInteger(o.iterations) || o.iterations < 0) throw new RangeError(`iterations must be an integer >= 0, got ${o.iterations}`);
  if (!(o.momentum >= 0 && o.momentum < 1)) throw new RangeError(`momentum must be in [0, 1), got ${o.momentum}`);
  const size = spec.fftSize;
  const nBins = size / 2 + 1;
  if (magnitude.length !== frames * nBins) throw new RangeError(`griffinLim: ${magnitude.length} magnitudes for ${frames} frames of ${nBins} bins`);
  const win = windowSamples(spec);
  const hop = hopSamples(spec);
  const n = frames > 0 ? (frames - 1) * hop + win : 0;
  const w = analysisWindow(spec.window, win);
  const s = fftScratch(size);
  // least-squares overlap-add normalisation: sum of squared windows over the frames covering each sample, floored at
  // a tenth of its largest: near the ends only one window's tail covers a sample, and dividing an inconsistent
  // spectrum's frame by that tail's tiny square blew the first and last samples up to full scale
  const norm = new Float64Array(n);
  for (let t = 0; t < frames; t++) for (let i = 0; i < win; i++) norm[t * hop + i] += w[i] * w[i];
  let normFloor = 0;
  for (let i = 0; i < n; i++) normFloor = Math.max(normFloor, 0.1 * norm[i]);
  for (let i = 0; i < n; i++) norm[i] = Math.max(norm[i], normFloor);

  const angles = new Float64Array(frames * nBins * 2);
  const previous = new Float64Array(frames * nBins * 2);
  const rng = makeRng(o.seed);
  for (let i = 0; i < frames * nBins; i++) {
    const phi = 2 * Math.PI * rng();
    angles[2 * i] = Math.cos(phi);
    angles[2 * i + 1] = Math.sin(phi);
  }
  const signal = new Float64Array(n);
  const synthesise = () => {
    signal.fill(0);
    for (let t = 0; t < frames; t++) {
      const spectrum = s.spectrum;
      for (let k = 0; k < nBins; k++) {
        const a = magnitude[t * nBins + k];
        spectrum[2 * k] = a * angles[2 * (t * nBins + k)];
        spectrum[2 * k + 1] = a * angles[2 * (t * nBins + k) + 1];
      }
      inverseReal(s);
      const base = t * hop;
      for (let i = 0; i < win; i++) signal[base + i] += s.time[i] * w[i];
    }
    for (let i = 0; i < n; i++) signal[i] = norm[i] > 1e-12 ? signal[i] / norm[i] : 0;
  };
  const factor = o.momentum / (1 + o.momentum);
  for (let it = 0; it < o.iterations; it++) {
    synthesise();
    for (let t = 0; t < frames; t++) {
      const base = t * hop;
      for (let i = 0; i < win; i++) s.time[i] = signal[base + i] * w[i];
      s.time.fill(0, win);
      s.fft.realTransform(s.spectrum, s.time);
      for (let k = 0; k < nBins; k++) {
        const at = 2 * (t * nBins + k);
        const re = s.spectrum[2 * k];
        const im = s.spectrum[2 * k + 1];
        const ar = re - factor * previous[at];
        const ai = im - factor * previous[at + 1];
        const mag = Math.hypot(ar, ai) + 1e-16;
        angles[at] = ar / mag;
        angles[at + 1] = ai / mag;
        previous[at] = re;
        previous[at + 1] = im;
      }
    }
  }
  synthesise();
  const out = Float32Array.from(signal);
  if (spec.preemphasis > 0) deemphasize(out, spec.preemphasis);
  return out;
}

/** Log-mel -> linear power (NNLS) -> magnitude -> Griffin-Lim: the default MelVocoder. */
export function griffinLimVocoder(options: Partial<GriffinLimOptions> = {}): MelVocoder {
  const o = { ...defaultGriffinLimOptions, ...options };
  return {
    name: `griffin-lim ${o.iterations} it`,
    vocode(logMel, spec) {
      const power = melToLinearPower(logMel, spec, o.nnlsIterations);
      for (let i = 0; i < power.length; i++) power[i] = Math.sqrt(power[i]);
      return griffinLim(power, logMel.frames, spec, o);
    },
  };
}

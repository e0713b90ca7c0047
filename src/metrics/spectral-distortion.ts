/**
 * How far a resynthesis is from its original, in the two figures vocoder papers report: log-spectral distance (LSD)
 * and mel-cepstral distortion (MCD), both in dB, over the frames the two signals share (frame t of one against frame
 * t of the other: the signals must be sample-aligned, as a vocoder's resynthesis of the same log-mel is).
 *
 * MCD's cepstra are MFCCs (orthonormal DCT-II of natural-log mel power, as the MFCC front end makes), not SPTK's
 * all-pass mel-cepstrum of log amplitude, so the same formula gives larger numbers than vocoder papers' MCDs: compare
 * figures made here with each other (and with the mu-law and Griffin-Lim references beside them).
 *
 * Both are averaged over the reference's active frames: those whose energy is within `activeRangeDb` (40) of its
 * loudest frame (silence, where a spectrum has no shape to get right, is left out: hiss in the original's pauses is
 * not measured), and both floor every level at `floorDb` (60) below the reference's loudest (bin or band), the same
 * floor for both signals, so near-silent bands do not turn faint noise into an unbounded distance.
 */
import { dctMatrix } from '../features/dct';
import { extractFeatures } from '../features/extract';
import type { FeatureMatrix } from '../features/matrix';
import { defaultFeatureSpec, hopSamples, windowSamples, type FeatureSpec } from '../features/spec';
import { stftPower } from '../features/stft';

/** Natural log of power (or ln amplitude x 2) to dB. */
const NATS_TO_DB = 10 / Math.LN10;

/** Options of the distortion measures. */
export interface DistortionOptions {
  /** Levels below the reference's loudest minus this many dB count as that floor (both signals). Default 60, as logMelDistanceDb. */
  floorDb: number;
  /** Frames whose reference energy is more than this many dB below its loudest frame's are left out (Infinity: none). Default 40. */
  activeRangeDb: number;
  /** Analysis front end: window, hop, FFT size, mel bands, cepstra kept (nMfcc, c0 included). Default: Kielo's 16 kHz log-mel with 13 cepstra. */
  spec: FeatureSpec;
}

/** Defaults of DistortionOptions. */
export const defaultDistortionOptions: DistortionOptions = { floorDb: 60, activeRangeDb: 40, spec: { ...defaultFeatureSpec('mfcc'), deltas: 0, cmvn: 'none' } };

/** The two figures for one resynthesis. */
export interface Distortion {
  /** Log-spectral distance (dB): mean over frames of the RMS over FFT bins of the difference of the power spectra in dB. */
  lsdDb: number;
  /** Mel-cepstral distortion (dB): mean over frames of 10/ln10 * sqrt(2 * sum_{k>=1} (c_k - c'_k)^2), c0 excluded. */
  mcdDb: number;
  /** Level of the other signal against the reference's (dB: 10 log10 of their energy ratio over the compared frames). */
  levelDb: number;
  /** Frames compared (the reference's active frames among those both signals have). */
  frames: number;
}

/** Frames of `n` samples with the spec's window and hop (0 when shorter than one window). */
function frameCountOf(n: number, spec: FeatureSpec): number {
  const win = windowSamples(spec);
  return n < win ? 0 : 1 + Math.floor((n - win) / hopSamples(spec));
}

/** Common frame count of two signals; throws naming the shorter when it has no whole frame. */
function commonFrames(reference: Float32Array, other: Float32Array, spec: FeatureSpec): number {
  const frames = Math.min(frameCountOf(reference.length, spec), frameCountOf(other.length, spec));
  if (frames < 1) throw new RangeError(`distortion: a signal of ${Math.min(reference.length, other.length)} samples is shorter than one ${windowSamples(spec)}-sample window`);
  return frames;
}

/** Indices of the first `frames` frames of `reference` whose energy is within rangeDb of the loudest one's. */
function activeFrames(reference: Float32Array, frames: number, spec: FeatureSpec, rangeDb: number): number[] {
  const win = windowSamples(spec);
  const hop = hopSamples(spec);
  const energy = Array.from({ length: frames }, (_, t) => {
    let sum = 0;
    for (let i = t * hop; i < t * hop + win; i++) sum += reference[i] * reference[i];
    return sum;
  });
  const loudest = energy.reduce((a, b) => Math.max(a, b), 0);
  if (!(loudest > 0)) throw new RangeError('distortion: the reference is silent');
  const threshold = loudest * 10 ** (-rangeDb / 10);
  return energy.flatMap((e, t) => (e >= threshold ? [t] : []));
}

function checkRate(sampleRate: number, spec: FeatureSpec): void {
  if (sampleRate !== spec.sampleRate) throw new RangeError(`distortion: signals at ${sampleRate} Hz, the analysis spec is at ${spec.sampleRate} Hz`);
}

/** Power spectra [frames x bins] in dB, frame t the window starting at t * hop (as the feature front end frames). */
function powerDb(samples: Float32Array, frames: number, spec: FeatureSpec): Float32Array {
  const win = windowSamples(spec);
  const hop = hopSamples(spec);
  const centres = Array.from({ length: frames }, (_, t) => t * hop + Math.floor(win / 2));
  const { data } = stftPower(samples, centres, { windowSamples: win, fftSize: spec.fftSize, window: spec.window });
  for (let i = 0; i < data.length; i++) data[i] = 10 * Math.log10(Math.max(data[i], 1e-30));
  return data;
}

/** Values of a and b floored at max(a) - floorDb (in place). */
function floorBoth(a: Float32Array, b: Float32Array, floor: number): void {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < floor) a[i] = floor;
    if (b[i] < floor) b[i] = floor;
  }
}

function maxOf(x: Float32Array): number {
  let m = -Infinity;
  for (let i = 0; i < x.length; i++) if (x[i] > m) m = x[i];
  return m;
}

/**
 * Log-spectral distance (dB) of `other` from `reference` (mono, sample-aligned, at spec.sampleRate): the spec's
 * window, hop and FFT size, no pre-emphasis. A gain g on `other` alone gives |20 log10 g| (above the floor).
 */
export function logSpectralDistance(reference: Float32Array, other: Float32Array, sampleRate: number, input: Partial<DistortionOptions> = {}): number {
  const { spec, floorDb, activeRangeDb } = { ...defaultDistortionOptions, ...input };
  checkRate(sampleRate, spec);
  const frames = commonFrames(reference, other, spec);
  const active = activeFrames(reference, frames, spec, activeRangeDb);
  const a = powerDb(reference, frames, spec);
  const b = powerDb(other, frames, spec);
  floorBoth(a, b, maxOf(a) - floorDb);
  const bins = a.length / frames;
  let total = 0;
  for (const t of active) {
    let sum = 0;
    for (let k = t * bins; k < (t + 1) * bins; k++) sum += (a[k] - b[k]) ** 2;
    total += Math.sqrt(sum / bins);
  }
  return total / active.length;
}

/**
 * Mel-cepstral distortion (dB) of two cepstra matrices [frames x dims] over their common frames, c0 excluded:
 * mean over frames of 10/ln10 * sqrt(2 * sum_{k>=1} (a_k - b_k)^2).
 */
export function cepstralDistortion(a: FeatureMatrix, b: FeatureMatrix): number {
  if (a.dims !== b.dims) throw new RangeError(`cepstralDistortion: ${a.dims} and ${b.dims} coefficients`);
  const frames = Math.min(a.frames, b.frames);
  if (frames < 1 || a.dims < 2) throw new RangeError(`cepstralDistortion: needs a frame and c1, got ${frames} frames of ${a.dims} coefficients`);
  const d = a.dims;
  let total = 0;
  for (let t = 0; t < frames; t++) {
    let sum = 0;
    for (let k = 1; k < d; k++) sum += (a.data[t * d + k] - b.data[t * d + k]) ** 2;
    total += NATS_TO_DB * Math.sqrt(2 * sum);
  }
  return total / frames;
}

/** Mel cepstra [frames.length x nMfcc] (orthonormal DCT-II of the floored natural-log mel energies) of the given frames. */
function melCepstra(logMel: FeatureMatrix, frames: number[], nMfcc: number, floorNats: number): FeatureMatrix {
  const { dims } = logMel;
  const dct = dctMatrix(nMfcc, dims);
  const data = new Float32Array(frames.length * nMfcc);
  frames.forEach((t, row) => {
    for (let k = 0; k < nMfcc; k++) {
      let c = 0;
      for (let m = 0; m < dims; m++) c += dct[k * dims + m] * Math.max(floorNats, logMel.data[t * dims + m]);
      data[row * nMfcc + k] = c;
    }
  });
  return { data, frames: frames.length, dims: nMfcc };
}

/**
 * Mel-cepstral distortion (dB) of `other` from `reference`: the spec's log-mel (its pre-emphasis, window, hop and
 * bands) floored at floorDb below the reference's loudest band, nMfcc cepstra, c0 (the level) excluded, so a gain
 * alone changes nothing.
 */
export function melCepstralDistortion(reference: Float32Array, other: Float32Array, sampleRate: number, input: Partial<DistortionOptions> = {}): number {
  const { spec, floorDb, activeRangeDb } = { ...defaultDistortionOptions, ...input };
  checkRate(sampleRate, spec);
  const active = activeFrames(reference, commonFrames(reference, other, spec), spec, activeRangeDb);
  const melSpec: FeatureSpec = { ...spec, kind: 'logmel', deltas: 0, cmvn: 'none' };
  const a = extractFeatures(reference, melSpec);
  const b = extractFeatures(other, melSpec);
  const floor = maxOf(a.data) - floorDb / NATS_TO_DB;
  return cepstralDistortion(melCepstra(a, active, spec.nMfcc, floor), melCepstra(b, active, spec.nMfcc, floor));
}

/**
 * The level of `other` against `reference` in dB over the reference's active frames (10 log10 of the ratio of their
 * energies there): how much of an LSD is a plain gain (a vocoder trained on normalised log-mel cannot know the level).
 */
export function levelDifference(reference: Float32Array, other: Float32Array, sampleRate: number, input: Partial<DistortionOptions> = {}): number {
  const { spec, activeRangeDb } = { ...defaultDistortionOptions, ...input };
  checkRate(sampleRate, spec);
  const active = activeFrames(reference, commonFrames(reference, other, spec), spec, activeRangeDb);
  const win = windowSamples(spec);
  const hop = hopSamples(spec);
  let a = 0;
  let b = 0;
  for (const t of active) {
    for (let i = t * hop; i < t * hop + win; i++) {
      a += reference[i] * reference[i];
      b += other[i] * other[i];
    }
  }
  return 10 * Math.log10(Math.max(b, 1e-30) / a);
}

/** The figures of `other` against `reference`. */
export function spectralDistortion(reference: Float32Array, other: Float32Array, sampleRate: number, input: Partial<DistortionOptions> = {}): Distortion {
  const { spec, activeRangeDb } = { ...defaultDistortionOptions, ...input };
  return {
    lsdDb: logSpectralDistance(reference, other, sampleRate, input),
    mcdDb: melCepstralDistortion(reference, other, sampleRate, input),
    levelDb: levelDifference(reference, other, sampleRate, input),
    frames: activeFrames(reference, commonFrames(reference, other, spec), spec, activeRangeDb).length,
  };
}

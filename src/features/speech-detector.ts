/**
 * A speech / no-speech decision for a whole clip, from energy and spectral shape alone (no model): 25 ms Hann frames
 * every 10 ms; each frame's energy, spectral flatness and spectral change over 30 ms in 100-4000 Hz (the band every
 * channel, telephone included, carries). A frame is speech-like when it is loud enough, not noise-like (flatness) and
 * its spectrum is moving (steady tones, chords and held notes are not). A clip is speech when enough of its frames are
 * speech-like and its energy rises and falls as syllables do (steady noise and tones do not).
 */
import FFT from 'fft.js';
import { analysisWindow } from './window';

/** Thresholds of detectSpeech; defaults in defaultSpeechDetectorOptions. */
export interface SpeechDetectorOptions {
  /** Frames quieter than this (dBFS, full scale = 0 dB for a sine of amplitude 1 ~ -3 dB) are silence. Default -65. */
  minFrameDb?: number;
  /** Spectral flatness (geometric / arithmetic mean of the power in 100-4000 Hz, 0..1) above which a frame is noise-like. Default 0.3. */
  maxFlatness?: number;
  /** Mean absolute change (dB) of the band energies over 30 ms below which a frame is steady. Default 2.5. */
  minChangeDb?: number;
  /** Band energies more than this many dB below the frame's loudest band are floored (so leakage does not count as change). Default 40. */
  bandRangeDb?: number;
  /** Frames more than this many dB below the clip's loudest frame are pauses, left out of the speech-like fraction. Default 30. */
  activeRangeDb?: number;
  /** Fraction of the active frames (loud, within activeRangeDb of the loudest) that must be speech-like; 0..1. Default 0.35. */
  minSpeechFraction?: number;
  /** Speech-like frames (10 ms each) a clip needs at least. Default 10. */
  minSpeechFrames?: number;
  /** Spread (dB) between the 90th and 10th percentile of the frame energies (all, or the loud ones) that speech must reach. Default 6. */
  minDynamicsDb?: number;
}

/** Defaults of SpeechDetectorOptions. */
export const defaultSpeechDetectorOptions: Required<SpeechDetectorOptions> = {
  minFrameDb: -65,
  maxFlatness: 0.3,
  minChangeDb: 2.5,
  bandRangeDb: 40,
  activeRangeDb: 30,
  minSpeechFraction: 0.35,
  minSpeechFrames: 10,
  minDynamicsDb: 6,
};

/** The decision and the figures it rests on. */
export interface SpeechDecision {
  speech: boolean;
  /** Frames analysed. */
  frames: number;
  /** Fraction of the active frames that are speech-like. */
  speechFraction: number;
  /** Speech-like frames. */
  speechFrames: number;
  /** Fraction of frames above minFrameDb. */
  loudFraction: number;
  /** Median spectral flatness of the loud frames (NaN without any). */
  flatness: number;
  /** 90th minus 10th percentile of the frame energies (floored at -100 dB) or of the loud ones, the larger; 0 when no frame is loud. */
  dynamicsDb: number;
}

/** Analysis band, Hz. */
const BAND = { lo: 100, hi: 4000 } as const;
/** Log-spaced bands the spectral change is measured in. */
const BANDS = 16;
/** Frames between the two spectra compared (30 ms at a 10 ms hop). */
const CHANGE_LAG = 3;

function quantile(sorted: number[], q: number): number {
  if (sorted.length === 0) return NaN;
  const i = Math.min(sorted.length - 1, Math.max(0, Math.round(q * (sorted.length - 1))));
  return sorted[i];
}

/**
 * Decides whether `samples` (mono, at `sampleRate`, at least 8 kHz) hold speech. Frames of a clip shorter than one
 * frame are zero-padded. Pure function of its input; about 1 ms per second of audio.
 */
export function detectSpeech(samples: Float32Array, sampleRate: number, options: SpeechDetectorOptions = {}): SpeechDecision {
  if (!(sampleRate >= 8000)) throw new RangeError(`detectSpeech needs a sample rate of at least 8000 Hz, got ${sampleRate}`);
  const o = { ...defaultSpeechDetectorOptions, ...options };
  const win = Math.round(0.025 * sampleRate);
  const hop = Math.round(0.01 * sampleRate);
  let size = 1;
  while (size < win) size *= 2;
  const fft = new FFT(size);
  const window = analysisWindow('hann', win);
  const frames = samples.length <= win ? 1 : 1 + Math.floor((samples.length - win) / hop);
  const binHz = sampleRate / size;
  const k0 = Math.max(1, Math.ceil(BAND.lo / binHz));
  const k1 = Math.min(size / 2, Math.floor(Math.min(BAND.hi, sampleRate / 2 - binHz) / binHz));
  // band edges (bins), log-spaced over k0..k1
  const edges = Array.from({ length: BANDS + 1 }, (_, b) => Math.round(k0 * Math.pow(k1 / k0, b / BANDS)));
  const input = new Float64Array(size);
  const out = fft.createComplexArray() as number[];
  const energyDb = new Float64Array(frames);
  const flatness = new Float64Array(frames);
  const bands = new Float64Array(frames * BANDS);
  for (let t = 0; t < frames; t++) {
    const start = t * hop;
    let sq = 0;
    input.fill(0);
    for (let i = 0; i < win; i++) {
      const x = samples[start + i] ?? 0;
      sq += x * x;
      input[i] = x * window[i];
    }
    energyDb[t] = 10 * Math.log10(sq / win + 1e-12);
    fft.realTransform(out, input);
    let logSum = 0;
    let sum = 0;
    for (let k = k0; k <= k1; k++) {
      const p = out[2 * k] * out[2 * k] + out[2 * k + 1] * out[2 * k + 1] + 1e-12;
      logSum += Math.log(p);
      sum += p;
    }
    const n = k1 - k0 + 1;
    flatness[t] = Math.exp(logSum / n) / (sum / n);
    let loudest = -Infinity;
    for (let b = 0; b < BANDS; b++) {
      let e = 1e-12;
      const hiBin = Math.max(edges[b + 1], edges[b] + 1);
      for (let k = edges[b]; k < hiBin; k++) e += out[2 * k] * out[2 * k] + out[2 * k + 1] * out[2 * k + 1];
      const db = 10 * Math.log10(e / (hiBin - edges[b]));
      bands[t * BANDS + b] = db;
      loudest = Math.max(loudest, db);
    }
    for (let b = 0; b < BANDS; b++) bands[t * BANDS + b] = Math.max(bands[t * BANDS + b], loudest - o.bandRangeDb);
  }
  let loud = 0;
  let active = 0;
  let speechLike = 0;
  const loudFlatness: number[] = [];
  let peakDb = -Infinity;
  for (let t = 0; t < frames; t++) peakDb = Math.max(peakDb, energyDb[t]);
  const activeDb = Math.max(o.minFrameDb, peakDb - o.activeRangeDb);
  for (let t = 0; t < frames; t++) {
    if (energyDb[t] < o.minFrameDb) continue;
    loud += 1;
    if (energyDb[t] < activeDb) continue;
    active += 1;
    loudFlatness.push(flatness[t]);
    if (flatness[t] > o.maxFlatness) continue;
    // change against the frame CHANGE_LAG before, or after at the start
    const u = t >= CHANGE_LAG ? t - CHANGE_LAG : t + CHANGE_LAG;
    if (u >= frames) continue;
    let change = 0;
    for (let b = 0; b < BANDS; b++) change += Math.abs(bands[t * BANDS + b] - bands[u * BANDS + b]);
    if (change / BANDS >= o.minChangeDb) speechLike += 1;
  }
  loudFlatness.sort((a, b) => a - b);
  // the larger of the spreads over every frame (floored at -100 dB: quiet speech keeps its pauses) and over the loud
  // ones (a short word in long silence); steady sounds have neither
  const allDb = Array.from(energyDb, (db) => Math.max(db, -100)).sort((a, b) => a - b);
  const loudDb = allDb.filter((db) => db >= o.minFrameDb);
  const spread = (sorted: number[]) => (sorted.length ? quantile(sorted, 0.9) - quantile(sorted, 0.1) : 0);
  const dynamicsDb = loud ? Math.max(spread(allDb), spread(loudDb)) : 0;
  const speechFraction = active ? speechLike / active : 0;
  return {
    speech: speechFraction >= o.minSpeechFraction && speechLike >= o.minSpeechFrames && dynamicsDb >= o.minDynamicsDb,
    frames,
    speechFraction,
    speechFrames: speechLike,
    loudFraction: loud / frames,
    flatness: quantile(loudFlatness, 0.5),
    dynamicsDb,
  };
}

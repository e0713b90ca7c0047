/**
 * Resynthesis: a recording's log-mel made audible again, by a WaveNet vocoder and by Griffin-Lim from the same
 * frames, each with its distortion from the recording (LSD, MCD) and how long it took. The vocoder hears the
 * frames as it was trained (per-utterance normalised when its spec says so) and gets their level back after
 * (vocodeLogMel); Griffin-Lim needs the raw log-mel (absolute levels), computed with the same front end. Both outputs are sample-aligned with the recording and
 * as long as it.
 */
import { extractFeatures, type FeatureMatrix } from '../features';
import { griffinLimVocoder } from '../features/griffin-lim';
import { spectralDistortion, type Distortion } from '../metrics/spectral-distortion';
import type { WavenetWeights } from '../models/wavenet';
import { vocodeLogMel, vocoderMelSpec, type VocodeOptions } from './vocoder';

/** One way back to audio, judged against the recording. */
export interface ResynthesisTake extends Distortion {
  samples: Float32Array;
  /** Wall-clock seconds it took. */
  seconds: number;
  /** seconds / the recording's duration (< 1: faster than real time). */
  realTimeFactor: number;
}

/** Both resyntheses of one recording. */
export interface Resynthesis {
  sampleRate: number;
  /** The recording's duration in seconds. */
  duration: number;
  frames: number;
  wavenet: ResynthesisTake;
  /** null when not asked for. */
  griffinLim: ResynthesisTake | null;
}

/** Options of resynthesize. */
export type ResynthesisOptions = Omit<VocodeOptions, 'samples'> & {
  /** Also Griffin-Lim from the same log-mel (default true). */
  griffinLim?: boolean;
  /** Griffin-Lim iterations (default that of griffinLimVocoder). */
  griffinLimIterations?: number;
  /** Names the model in errors (default 'the model'). */
  model?: string;
};

/** `samples` cut or zero-padded to `length`. */
function fitLength(samples: Float32Array, length: number): Float32Array {
  if (samples.length === length) return samples;
  const out = new Float32Array(length);
  out.set(samples.subarray(0, length));
  return out;
}

function take(recording: Float32Array, samples: Float32Array, sampleRate: number, seconds: number): ResynthesisTake {
  return { samples, seconds, realTimeFactor: seconds / (recording.length / sampleRate), ...spectralDistortion(recording, samples, sampleRate) };
}

/** The raw log-mel (no normalisation) of `recording` at the vocoder's front end. */
export function rawLogMel(weights: WavenetWeights, recording: Float32Array, model = 'the model'): FeatureMatrix {
  return extractFeatures(recording, { ...vocoderMelSpec(weights.config, model), cmvn: 'none' });
}

/** Resynthesises `recording` (mono at the vocoder's rate, at least one analysis window long) from its log-mel. */
export async function resynthesize(weights: WavenetWeights, recording: Float32Array, options: ResynthesisOptions = {}): Promise<Resynthesis> {
  const { griffinLim = true, griffinLimIterations, model = 'the model', ...vocodeOptions } = options;
  const spec = vocoderMelSpec(weights.config, model);
  const { sampleRate } = weights.config;
  const raw = rawLogMel(weights, recording, model);
  let started = performance.now();
  const neural = await vocodeLogMel(weights, raw, { ...vocodeOptions, samples: recording.length });
  const wavenet = take(recording, neural.samples, sampleRate, (performance.now() - started) / 1000);
  let classic: ResynthesisTake | null = null;
  if (griffinLim) {
    started = performance.now();
    const vocoder = griffinLimVocoder(griffinLimIterations === undefined ? {} : { iterations: griffinLimIterations });
    const samples = fitLength(vocoder.vocode(raw, { ...spec, cmvn: 'none' }), recording.length);
    classic = take(recording, samples, sampleRate, (performance.now() - started) / 1000);
  }
  return { sampleRate, duration: recording.length / sampleRate, frames: raw.frames, wavenet, griffinLim: classic };
}

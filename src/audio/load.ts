/** The one call the rest of Kielo uses to get audio: decode, mix to mono, resample. */
import type { MonoAudio } from './types';
import { decodeFile } from './decode';
import { mixToMono } from './mix';
import { resample } from './resample';

/** Default rate of loaded audio (Hz): what the speech models and 10 ms framing expect. */
export const DEFAULT_SAMPLE_RATE = 16000;

/** Options of `loadAudio`. */
export interface LoadAudioOptions {
  /** Rate to resample to (Hz), or 'native' to keep the file's own rate (default 16000). */
  sampleRate?: number | 'native';
}

/** Decodes a file, mixes it to mono (average of channels) and resamples it (default 16 kHz). */
export async function loadAudio(file: string, options: LoadAudioOptions = {}): Promise<MonoAudio> {
  const target = options.sampleRate ?? DEFAULT_SAMPLE_RATE;
  if (target !== 'native' && (!Number.isInteger(target) || target <= 0)) {
    throw new RangeError(`loadAudio: sampleRate must be a positive integer or 'native', got ${target}`);
  }
  const decoded = await decodeFile(file);
  const mono = mixToMono(decoded.channels);
  const sampleRate = target === 'native' ? decoded.sampleRate : target;
  const samples = sampleRate === decoded.sampleRate ? mono : resample(mono, decoded.sampleRate, sampleRate);
  return {
    file,
    samples,
    sampleRate,
    sourceRate: decoded.sampleRate,
    sourceChannels: decoded.channels.length,
    format: decoded.format,
    durationSec: mono.length / decoded.sampleRate,
  };
}

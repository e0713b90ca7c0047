/** What the UI needs to show and play a file, computed once per file by the back end: peaks, spectrogram, WAV. */
import { encodeWav, loadAudio, type MonoAudio } from '../audio';
import { defaultFeatureSpec, extractFeatures } from '../features';
import type { AudioData, Spectrogram, Waveform } from './contract';

/** Most spectrogram frames sent to the UI; longer files are decimated in time. */
export const MAX_SPECTROGRAM_FRAMES = 3000;
/** Dynamic range shown in the spectrogram, in dB below its maximum. */
export const SPECTROGRAM_RANGE_DB = 80;

/** Peak |x| in each of `buckets` equal stretches of `samples` (fewer buckets when the file is shorter). */
export function computePeaks(samples: Float32Array, sampleRate: number, buckets: number): Waveform {
  const n = Math.max(1, Math.min(Math.floor(buckets), samples.length));
  const peaks = new Array<number>(n).fill(0);
  for (let b = 0; b < n; b++) {
    const from = Math.floor((b * samples.length) / n);
    const to = Math.floor(((b + 1) * samples.length) / n);
    let peak = 0;
    for (let i = from; i < to; i++) peak = Math.max(peak, Math.abs(samples[i]));
    peaks[b] = Math.min(1, Math.round(peak * 1e4) / 1e4);
  }
  return { durationSec: samples.length / sampleRate, peaks };
}

/** A 40-band log-mel spectrogram scaled to 0..255 over the top SPECTROGRAM_RANGE_DB dB. */
export function computeSpectrogram(samples: Float32Array, sampleRate: number): Spectrogram {
  const spec = { ...defaultFeatureSpec('logmel'), sampleRate, fMax: sampleRate / 2 };
  const m = extractFeatures(samples, spec);
  const stride = Math.max(1, Math.ceil(m.frames / MAX_SPECTROGRAM_FRAMES));
  const frames = Math.floor(m.frames / stride);
  let max = -Infinity;
  for (const v of m.data) max = Math.max(max, v);
  const rangeNepers = (SPECTROGRAM_RANGE_DB / 10) * Math.LN10;
  const data = new Array<number>(frames * m.dims);
  for (let t = 0; t < frames; t++) {
    for (let d = 0; d < m.dims; d++) {
      const v = m.data[t * stride * m.dims + d];
      data[t * m.dims + d] = Math.round(255 * Math.max(0, Math.min(1, 1 - (max - v) / rangeNepers)));
    }
  }
  return { frames, bins: m.dims, hopSec: (spec.hopMs / 1000) * stride, maxHz: spec.fMax, data };
}

/** The audio as 16-bit WAV bytes, base64. */
export function toAudioData(samples: Float32Array, sampleRate: number): AudioData {
  return { mime: 'audio/wav', base64: Buffer.from(encodeWav(samples, sampleRate, 'pcm16')).toString('base64') };
}

/** Decoded mono 16 kHz audio of the last few files asked for (decoding is the slow part). */
export class AudioCache {
  private readonly entries = new Map<string, Promise<MonoAudio>>();

  constructor(private readonly capacity = 8) {}

  /** The file decoded to mono 16 kHz (cached). */
  get(path: string): Promise<MonoAudio> {
    let entry = this.entries.get(path);
    if (entry) this.entries.delete(path);
    else entry = loadAudio(path);
    this.entries.set(path, entry);
    entry.catch(() => this.entries.delete(path));
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }
}

/** What the UI needs to show and play a file: the audio of a view (file as it is, or model input), waveform stretches, WAV. */
import { decodeFile, encodeWav, loadAudio } from '../audio';
import type { AudioView, WaveformRequest } from './schemas';
import type { AudioData, Waveform } from './contract';

/** The audio one view shows: every channel at one rate, and the file's peak level. */
export interface ViewAudio {
  /** One array per channel, equal lengths. */
  channels: Float32Array[];
  sampleRate: number;
  durationSec: number;
  /** Largest |sample| over all channels (1 = full scale). */
  peak: number;
}

/** The audio of `view`: the file decoded at its own rate with every channel, or mixed to mono 16 kHz as models hear it. */
export async function loadViewAudio(path: string, view: AudioView): Promise<ViewAudio> {
  const { channels, sampleRate } = view === 'file' ? await decodeFile(path) : await loadAudio(path).then((a) => ({ channels: [a.samples], sampleRate: a.sampleRate }));
  let peak = 0;
  for (const c of channels) for (let i = 0; i < c.length; i++) peak = Math.max(peak, Math.abs(c[i]));
  return { channels, sampleRate, durationSec: (channels[0]?.length ?? 0) / sampleRate, peak };
}

/** The stretch [startSec, endSec] of a request, clamped to the file; a RangeError when it is empty. */
export function resolveStretch(request: { startSec?: number; endSec?: number }, durationSec: number): { startSec: number; endSec: number } {
  const startSec = Math.min(request.startSec ?? 0, durationSec);
  const endSec = Math.min(request.endSec ?? durationSec, durationSec);
  if (!(endSec > startSec)) throw new RangeError(`the stretch ${startSec}..${request.endSec ?? durationSec} s of a ${durationSec.toFixed(3)} s file is empty`);
  return { startSec, endSec };
}

const round5 = (x: number) => Math.round(x * 1e5) / 1e5;

/** Min and max of each channel over `columns` equal parts of a stretch, or its samples when there are fewer than columns. */
export function computeWaveform(audio: ViewAudio, request: WaveformRequest): Waveform {
  const { channels, sampleRate, durationSec, peak } = audio;
  const n = channels[0]?.length ?? 0;
  const { startSec, endSec } = resolveStretch(request, durationSec);
  const from = startSec * sampleRate;
  const span = (endSec - startSec) * sampleRate;
  const head = { durationSec, sampleRate, startSec, endSec, peak: round5(peak) };
  if (span <= request.columns) {
    const first = Math.floor(from);
    const last = Math.min(n - 1, Math.ceil(endSec * sampleRate));
    const exact = channels.map((c) => {
      const values = Array.from(c.subarray(first, last + 1), round5);
      return { min: values, max: values };
    });
    return { ...head, exact: true, firstSample: first, channels: exact };
  }
  const columns = request.columns;
  const envelope = channels.map((c) => {
    const min = new Array<number>(columns);
    const max = new Array<number>(columns);
    for (let col = 0; col < columns; col++) {
      const a = Math.floor(from + (col * span) / columns);
      const b = Math.min(n, Math.max(a + 1, Math.floor(from + ((col + 1) * span) / columns)));
      let lo = Infinity;
      let hi = -Infinity;
      for (let i = a; i < b; i++) {
        const x = c[i];
        if (x < lo) lo = x;
        if (x > hi) hi = x;
      }
      min[col] = round5(lo === Infinity ? 0 : lo);
      max[col] = round5(hi === -Infinity ? 0 : hi);
    }
    return { min, max };
  });
  return { ...head, exact: false, firstSample: Math.floor(from), channels: envelope };
}

/** The audio as 16-bit WAV bytes (every channel), base64. */
export function toAudioData(audio: ViewAudio): AudioData {
  return { mime: 'audio/wav', base64: Buffer.from(encodeWav(audio.channels, audio.sampleRate, 'pcm16')).toString('base64') };
}

/** The decoded audio of the last few (file, view) pairs asked for (decoding is the slow part). */
export class AudioCache {
  private readonly entries = new Map<string, Promise<ViewAudio>>();

  constructor(private readonly capacity = 8) {}

  /** The file's audio in `view` (cached). */
  get(path: string, view: AudioView): Promise<ViewAudio> {
    const key = `${view}|${path}`;
    let entry = this.entries.get(key);
    if (entry) this.entries.delete(key);
    else entry = loadViewAudio(path, view);
    this.entries.set(key, entry);
    entry.catch(() => this.entries.delete(key));
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value as string);
    return entry;
  }
}

/**
 * The studio's waveforms, spectrograms and playback audio, computed in a worker thread (audio-view-worker.ts) that
 * keeps the decoded files (audio-view.ts's AudioCache), so decoding and analysing a long file never holds up the
 * service's event loop, where every call and job event is handled.
 */
import { Worker } from 'node:worker_threads';
import { deserializeError } from '../jobs/errors';
import type { SerializedError } from '../jobs/types';
import type { AudioView, SpectrogramRequest, WaveformRequest } from './schemas';
import type { AudioData, Spectrogram, Waveform } from './contract';

/** Set in the package's bundles (scripts/build-bundles.mjs): the bundled audio-view-worker.ts, relative to this file. */
declare const KIELO_AUDIO_VIEW_WORKER: string | undefined;
/** The bundled worker, or under tsx audio-view-worker-entry.mjs (registers tsx in the thread, imports audio-view-worker.ts). */
const workerUrl = new URL(typeof KIELO_AUDIO_VIEW_WORKER === 'string' ? KIELO_AUDIO_VIEW_WORKER : './audio-view-worker-entry.mjs', import.meta.url);

/** One computation the thread does, on the file at `path`. */
export type AudioViewCall =
  | { call: 'waveform'; path: string; request: WaveformRequest }
  | { call: 'spectrogram'; path: string; request: SpectrogramRequest }
  | { call: 'audio'; path: string; view: AudioView };

/** A call as sent to the thread, numbered. */
export type AudioViewMessage = AudioViewCall & { id: number };

/** The thread's answer to call `id`: its value, or what it threw. */
export type AudioViewReply = { id: number; value: unknown } | { id: number; error: SerializedError };

/** The view thread of one service: started on first use, restarted after a crash; idle, it keeps no process alive. */
export class AudioViewThread {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  private next = 0;

  /** A stretch of the file's waveform (audio-view.ts computeWaveform). */
  waveform(path: string, request: WaveformRequest): Promise<Waveform> {
    return this.ask({ call: 'waveform', path, request }) as Promise<Waveform>;
  }

  /** A spectrogram of a stretch of the file (spectrogram-view.ts computeSpectrogram). */
  spectrogram(path: string, request: SpectrogramRequest): Promise<Spectrogram> {
    return this.ask({ call: 'spectrogram', path, request }) as Promise<Spectrogram>;
  }

  /** The file's audio in `view` as WAV bytes (audio-view.ts toAudioData). */
  audio(path: string, view: AudioView): Promise<AudioData> {
    return this.ask({ call: 'audio', path, view }) as Promise<AudioData>;
  }

  /** Stops the thread; calls still waiting reject. */
  async close(): Promise<void> {
    const worker = this.worker;
    this.worker = null;
    this.failAll(new Error('the audio view thread was closed'));
    await worker?.terminate();
  }

  private ask(call: AudioViewCall): Promise<unknown> {
    const worker = this.start();
    const id = this.next++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      worker.ref(); // keeps the process alive while a call is answered
      worker.postMessage({ ...call, id } satisfies AudioViewMessage);
    });
  }

  private start(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(workerUrl);
    worker.unref();
    worker.on('message', (reply: AudioViewReply) => {
      const waiting = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      if (this.pending.size === 0) worker.unref();
      if ('error' in reply) waiting?.reject(deserializeError(reply.error));
      else waiting?.resolve(reply.value);
    });
    const died = (error: Error) => {
      if (this.worker !== worker) return;
      this.worker = null;
      this.failAll(error);
    };
    worker.on('error', (error) => died(new Error(`the audio view thread failed: ${error.message}`)));
    worker.on('exit', (code) => died(new Error(`the audio view thread exited with code ${code}`)));
    this.worker = worker;
    return worker;
  }

  private failAll(error: Error): void {
    for (const { reject } of this.pending.values()) reject(error);
    this.pending.clear();
  }
}

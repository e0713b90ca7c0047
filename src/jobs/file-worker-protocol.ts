/** Messages between mapFiles (file-pool.ts) and its worker threads (file-worker.ts). */
import type { AudioWarning } from '../audio/warnings';
import type { FileWorkName } from './file-work';
import type { SerializedError } from './types';

/** workerData of a file worker: which work, and its setup. */
export interface FileWorkerStart {
  work: FileWorkName;
  setup: unknown;
}

/** From mapFiles: the next file (index into the caller's list). */
export type ToFileWorker = { type: 'file'; index: number; file: string };

/** From a file worker. */
export type FromFileWorker =
  /** The work is open (engine and model loaded): send a file. */
  | { type: 'ready' }
  /** open() threw: the call fails with this error (a bad model, say). */
  | { type: 'open-failed'; error: SerializedError }
  | { type: 'result'; index: number; value: unknown }
  /** The file could not be handled; the others go on. */
  | { type: 'failed'; index: number; error: SerializedError }
  | { type: 'audio-warning'; warning: AudioWarning };

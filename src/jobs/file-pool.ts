/**
 * mapFiles: per-file inference (src/jobs/file-work) over many files, spread over threads, each with its own engine
 * and loaded model: the calling thread and N - 1 worker threads. Each takes the next file when it is done with one
 * (a worker holds one more, queued), so a slow file does not hold the others back; outcomes reach the caller in
 * input order, so what a job returns and the events it sends are the same for 1 thread and N. One thread (or one
 * file) starts no worker. A worker that dies (its thread exits, or throws outside a file) fails the whole call with
 * an error naming it and the file it was on.
 */
import { Worker } from 'node:worker_threads';
import { reportAudioWarning } from '../audio/warnings';
import { defaultThreads } from '../train/parallel/threads';
import { CancelledError } from '../util/errors';
import { deserializeError } from './errors';
import { fileWorkModules, type FileWorkName, type FileWorkResult, type FileWorkSetup } from './file-work';
import type { FileProcessor } from './file-work/types';
import type { FileWorkerStart, FromFileWorker, ToFileWorker } from './file-worker-protocol';

/** Set in the package's bundles (scripts/build-bundles.mjs): the bundled file-worker.ts, relative to this file. */
declare const KIELO_FILE_WORKER: string | undefined;
/** The bundled worker, or under tsx file-worker-entry.mjs (registers tsx in the thread, imports file-worker.ts). */
const workerUrl = new URL(typeof KIELO_FILE_WORKER === 'string' ? KIELO_FILE_WORKER : './file-worker-entry.mjs', import.meta.url);

/**
 * Files each extra worker thread needs before it pays for its start-up (its own engine and model: 0.6 s bundled,
 * 1.3 s under tsx, against ~35 LID files/s per thread here; bench/infer-threads measured 120 files at 0.96x on 2
 * threads).
 */
export const FILES_PER_THREAD = 100;

/**
 * Threads per-file inference uses when the caller does not say: as training's default (KIELO_THREADS, else the
 * machine's cores, at most DEFAULT_THREADS_CAP), and, given the number of files, one thread per FILES_PER_THREAD
 * files at most (a small batch stays on one thread).
 */
export function defaultFileThreads(files = Number.POSITIVE_INFINITY): number {
  return Math.max(1, Math.min(defaultThreads(Number.POSITIVE_INFINITY), Math.floor(files / FILES_PER_THREAD)));
}

/** One file's outcome: its result, or why it failed (InputFileError, UsageError and CancelledError keep their class). */
export type FileOutcome<R> = { value: R } | { error: Error };

/** How mapFiles runs. */
export interface MapFilesOptions<R> {
  /** Threads, integer >= 1: the calling thread and threads - 1 workers (at most one thread per file). */
  threads: number;
  /** Aborting stops handing out files and ends the workers; mapFiles then rejects with CancelledError. */
  signal?: AbortSignal;
  /** What the work is, for messages: '<activity> cancelled after 3 of 10 files'. */
  activity: string;
  /** Each file's outcome, in input order (index into `files`). A throw here ends the call with that error. */
  onFile(index: number, outcome: FileOutcome<R>): void;
}

/** Runs `work` on every file, opening it once per thread with `setup`; see the header. Resolves when all are delivered. */
export async function mapFiles<K extends FileWorkName>(work: K, setup: FileWorkSetup<K>, files: string[], options: MapFilesOptions<FileWorkResult<K>>): Promise<void> {
  if (!(Number.isInteger(options.threads) && options.threads >= 1)) throw new RangeError(`threads must be an integer >= 1, got ${options.threads}`);
  if (options.signal?.aborted) throw new CancelledError(`${options.activity} cancelled before it started`);
  if (options.threads === 1 || files.length <= 1) return mapHere(work, setup, files, options);
  return mapInWorkers(work, setup, files, options);
}

/** The one-thread path: the same work module in this thread. */
async function mapHere<K extends FileWorkName>(work: K, setup: FileWorkSetup<K>, files: string[], options: MapFilesOptions<FileWorkResult<K>>): Promise<void> {
  const module = await fileWorkModules[work]();
  const processor = (await module.open(setup as never)) as FileProcessor<FileWorkResult<K>>;
  try {
    for (const [index, file] of files.entries()) {
      if (options.signal?.aborted) throw new CancelledError(`${options.activity} cancelled after ${index} of ${files.length} files`);
      let outcome: FileOutcome<FileWorkResult<K>>;
      try {
        outcome = { value: await processor.process(file) };
      } catch (error) {
        outcome = { error: asError(error) };
      }
      options.onFile(index, outcome);
    }
  } finally {
    processor.close();
  }
}

/**
 * Files a worker holds at once: the one it is on and the next, so it does not wait for this thread, whose event
 * loop is busy with a file of its own when the worker's result arrives.
 */
const WORKER_QUEUE = 2;

/** An Error of anything thrown. */
function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

/**
 * The N-thread path: this thread and min(threads, files) - 1 workers, each opening the work and taking files from
 * one counter; outcomes delivered in input order.
 */
function mapInWorkers<K extends FileWorkName>(work: K, setup: FileWorkSetup<K>, files: string[], options: MapFilesOptions<FileWorkResult<K>>): Promise<void> {
  const threads = Math.min(options.threads, files.length);
  const start: FileWorkerStart = { work, setup };
  const workers = Array.from({ length: threads - 1 }, () => new Worker(workerUrl, { workerData: start }));
  return new Promise<void>((resolve, reject) => {
    let settled = false;
    let handedOut = 0;
    let delivered = 0;
    const finished = new Map<number, FileOutcome<FileWorkResult<K>>>();
    /** The file indices each worker holds, the one it is on first. */
    const queued = new Map<Worker, number[]>(workers.map((worker) => [worker, []]));
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      options.signal?.removeEventListener('abort', onAbort);
      for (const worker of workers) void worker.terminate();
      if (error) reject(error);
      else resolve();
    };
    const onAbort = (): void => finish(new CancelledError(`${options.activity} cancelled after ${delivered} of ${files.length} files`));
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const handOut = (worker: Worker): void => {
      const queue = queued.get(worker)!;
      while (queue.length < WORKER_QUEUE && handedOut < files.length) {
        const index = handedOut++;
        queue.push(index);
        worker.postMessage({ type: 'file', index, file: files[index] } satisfies ToFileWorker);
      }
    };
    const record = (index: number, outcome: FileOutcome<FileWorkResult<K>>): void => {
      finished.set(index, outcome);
      while (!settled && finished.has(delivered)) {
        const next = finished.get(delivered)!;
        finished.delete(delivered);
        try {
          options.onFile(delivered, next);
        } catch (error) {
          finish(asError(error));
          return;
        }
        delivered++;
      }
      if (delivered === files.length) finish();
    };
    /** Threads are numbered from 1, this one; workers from 2. */
    const crashed = (w: number, what: string): Error => {
      const index = queued.get(workers[w])![0];
      const where = index === undefined ? 'before it was given a file (loading the engine and model)' : `on ${files[index]}`;
      return new Error(`${options.activity} failed: worker thread ${w + 2} of ${threads} ${what} ${where}`);
    };
    workers.forEach((worker, w) => {
      worker.on('message', (message: FromFileWorker) => {
        if (settled) return;
        if (message.type === 'ready') {
          handOut(worker);
        } else if (message.type === 'open-failed') {
          finish(deserializeError(message.error));
        } else if (message.type === 'audio-warning') {
          reportAudioWarning(message.warning.file, message.warning.message);
        } else {
          queued.get(worker)!.shift();
          record(message.index, message.type === 'result' ? { value: message.value as FileWorkResult<K> } : { error: deserializeError(message.error) });
          handOut(worker);
        }
      });
      worker.on('error', (error) => finish(crashed(w, `failed (${error.message})`)));
      worker.on('exit', (code) => finish(crashed(w, `exited with code ${code}`)));
    });
    // this thread takes files from the same counter, yielding between files so the workers' results come in
    void (async () => {
      let processor: FileProcessor<FileWorkResult<K>>;
      try {
        processor = (await (await fileWorkModules[work]()).open(setup as never)) as FileProcessor<FileWorkResult<K>>;
      } catch (error) {
        finish(asError(error));
        return;
      }
      try {
        while (!settled && handedOut < files.length) {
          const index = handedOut++;
          let outcome: FileOutcome<FileWorkResult<K>>;
          try {
            outcome = { value: await processor.process(files[index]) };
          } catch (error) {
            outcome = { error: asError(error) };
          }
          if (!settled) record(index, outcome);
          await new Promise((next) => setImmediate(next));
        }
      } finally {
        processor.close();
      }
    })().catch((error: unknown) => finish(asError(error)));
  });
}

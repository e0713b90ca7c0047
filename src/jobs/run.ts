/** runJob: runs a task in a worker thread with progress events and cancellation (used by the CLI and the service). */
import { Worker } from 'node:worker_threads';
import { CancelledError, UsageError } from '../util/errors';
import { deserializeError } from './errors';
import { taskModules } from './tasks';
import { reportAudioWarning } from '../audio/warnings';
import type { FromWorker, JobHooks, JobStart, TaskEvent, TaskName, TaskParams, TaskResult, ToWorker } from './types';

/** Set in the package's bundles (scripts/build-bundles.mjs): the bundled worker, relative to this file. */
declare const KIELO_JOB_WORKER: string | undefined;
/** The worker's entry: the bundled worker.ts, or under tsx worker-entry.mjs (registers tsx in the thread, imports worker.ts). */
const workerUrl = new URL(typeof KIELO_JOB_WORKER === 'string' ? KIELO_JOB_WORKER : './worker-entry.mjs', import.meta.url);

/** The task names, sorted. */
export function taskNames(): TaskName[] {
  return (Object.keys(taskModules) as TaskName[]).sort();
}

/** Throws UsageError unless `task` is listed in src/jobs/tasks/index.ts (callers outside TypeScript may send any string). */
function checkTask(task: string): asserts task is TaskName {
  if (!Object.hasOwn(taskModules, task)) throw new UsageError(`unknown job task '${task}' (available: ${taskNames().join(', ')})`);
}

/**
 * Runs `task` with `params` in a new worker thread (TypeScript via tsx, registered inside the thread, so it works
 * under vitest, bin/kielo.mjs and Electron's Node alike). Resolves with the task's result; rejects with the task's
 * error (CancelledError, InputFileError and UsageError keep their class), or an Error when the thread dies. Aborting
 * `hooks.signal` asks the task to stop; it rejects with CancelledError once the task has ended (after its
 * checkpoint), or after `cancelGraceMs` by terminating the thread.
 */
export async function runJob<K extends TaskName>(task: K, params: TaskParams<K>, hooks: JobHooks<TaskEvent<K>> = {}): Promise<TaskResult<K>> {
  checkTask(task);
  if (hooks.signal?.aborted) throw new CancelledError(`job '${task}' cancelled before it started`);
  const start: JobStart = { task, params };
  const worker = new Worker(workerUrl, { workerData: start });
  return new Promise<TaskResult<K>>((resolve, reject) => {
    let settled = false;
    let graceTimer: NodeJS.Timeout | undefined;
    const finish = (outcome: () => void): void => {
      if (settled) return;
      settled = true;
      clearTimeout(graceTimer);
      hooks.signal?.removeEventListener('abort', onAbort);
      outcome();
    };
    const onAbort = (): void => {
      worker.postMessage({ type: 'cancel' } satisfies ToWorker);
      graceTimer = setTimeout(() => {
        finish(() => reject(new CancelledError(`job '${task}' cancelled (terminated after ${hooks.cancelGraceMs ?? 30_000} ms)`)));
        void worker.terminate();
      }, hooks.cancelGraceMs ?? 30_000);
    };
    hooks.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'event') {
        try {
          hooks.onEvent?.(message.event as TaskEvent<K>);
        } catch (error) {
          finish(() => reject(error as Error));
          void worker.terminate();
        }
      } else if (message.type === 'audio-warning') {
        reportAudioWarning(message.warning.file, message.warning.message);
      } else if (message.type === 'result') {
        finish(() => resolve(message.result as TaskResult<K>));
      } else {
        finish(() => reject(deserializeError(message.error)));
      }
    });
    worker.on('error', (error) => finish(() => reject(new Error(`job '${task}' failed: ${error.message}`))));
    worker.on('exit', (code) => finish(() => reject(new Error(`job '${task}' worker exited with code ${code} before finishing`))));
  });
}

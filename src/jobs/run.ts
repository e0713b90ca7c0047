/** runJob: runs a job kind in a worker thread with progress events and cancellation (used by the CLI and the app). */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { CancelledError, UsageError } from '../util/errors';
import { deserializeError } from './errors';
import type { FromWorker, JobEvent, JobHooks, JobParams, JobResult, JobStart, ToWorker } from './types';

const tasksDir = new URL('./tasks/', import.meta.url);
/** The worker's entry: plain ESM that registers tsx in the thread and imports worker.ts (see worker-entry.mjs). */
const workerUrl = new URL('./worker-entry.mjs', import.meta.url);

/** The job kinds available: the modules in src/jobs/tasks/. */
export function jobKinds(): string[] {
  return readdirSync(fileURLToPath(tasksDir))
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => name.slice(0, -3))
    .sort();
}

/** Throws UsageError unless `kind` names a module in src/jobs/tasks/. */
function checkKind(kind: string): void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(kind) || !existsSync(new URL(`${kind}.ts`, tasksDir))) {
    throw new UsageError(`unknown job kind '${kind}' (available: ${jobKinds().join(', ')})`);
  }
}

/**
 * Runs job `kind` (src/jobs/tasks/<kind>.ts) with `params` in a new worker thread (TypeScript via tsx,
 * registered inside the thread, so it works under vitest, bin/kielo.mjs and Electron's Node alike). Resolves with
 * the task's result; rejects with the task's error (CancelledError, InputFileError and UsageError keep their class),
 * or an Error when the thread dies. Aborting `hooks.signal` asks the task to stop; it rejects with CancelledError once
 * the task has ended (after its checkpoint), or after `cancelGraceMs` by terminating the thread.
 */
export async function runJob<K extends string>(kind: K, params: JobParams<K>, hooks: JobHooks<JobEvent<K>> = {}): Promise<JobResult<K>> {
  checkKind(kind);
  if (hooks.signal?.aborted) throw new CancelledError(`job '${kind}' cancelled before it started`);
  const start: JobStart = { kind, params };
  const worker = new Worker(workerUrl, { workerData: start });
  return new Promise<JobResult<K>>((resolve, reject) => {
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
        finish(() => reject(new CancelledError(`job '${kind}' cancelled (terminated after ${hooks.cancelGraceMs ?? 30_000} ms)`)));
        void worker.terminate();
      }, hooks.cancelGraceMs ?? 30_000);
    };
    hooks.signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: FromWorker) => {
      if (message.type === 'event') {
        try {
          hooks.onEvent?.(message.event as JobEvent<K>);
        } catch (error) {
          finish(() => reject(error as Error));
          void worker.terminate();
        }
      } else if (message.type === 'result') {
        finish(() => resolve(message.result as JobResult<K>));
      } else {
        finish(() => reject(deserializeError(message.error)));
      }
    });
    worker.on('error', (error) => finish(() => reject(new Error(`job '${kind}' failed: ${error.message}`))));
    worker.on('exit', (code) => finish(() => reject(new Error(`job '${kind}' worker exited with code ${code} before finishing`))));
  });
}

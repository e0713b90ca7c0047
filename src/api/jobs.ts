/** Running background jobs: ids, cancellation, and the lifecycle events every front end follows. */
import { randomUUID } from 'node:crypto';
import type { JobHandle } from './contract';
import type { JobEventHub } from './events';
import type { TaskContext, TaskRunner } from './tasks';
import type { TaskEvent, TaskName, TaskParams, TaskResult } from '../jobs';
import { CancelledError, UsageError, messageOf } from '../util/errors';

/** What the owner of a job does with its progress and outcome. */
export interface JobHooks<K extends TaskName> {
  runId: string | null;
  onEvent?(event: TaskEvent<K>, jobId: string): void;
  onLog?(line: string): void;
  /** Turns the task's result into what the 'done' event shows (default: the result itself). */
  onDone?(result: TaskResult<K>): Promise<unknown> | unknown;
  onCancelled?(): Promise<void> | void;
  onFailed?(error: string): Promise<void> | void;
}

/** The jobs of one service: start, cancel, and wait (tests). */
export class JobManager {
  private readonly running = new Map<string, { abort: AbortController; done: Promise<void>; runId: string | null }>();

  constructor(
    private readonly hub: JobEventHub,
    private readonly runner: TaskRunner,
  ) {}

  /** Starts a task in the background and returns its handle at once. */
  start<K extends TaskName>(task: K, params: TaskParams<K>, hooks: JobHooks<K>): JobHandle {
    const jobId = randomUUID().slice(0, 12);
    const abort = new AbortController();
    const { runId } = hooks;
    const ctx: TaskContext<TaskEvent<K>> = {
      signal: abort.signal,
      onEvent: (event) => hooks.onEvent?.(event, jobId),
      onLog: (line) => {
        hooks.onLog?.(line);
        this.hub.emit({ type: 'progress', jobId, fraction: -1, message: line });
      },
    };
    this.hub.emit({ type: 'started', jobId, task, runId });
    const done = (async () => {
      try {
        const result = await this.runner(task, params, ctx);
        const shown = hooks.onDone ? await hooks.onDone(result) : result;
        this.hub.emit({ type: 'done', jobId, runId, result: shown ?? null });
      } catch (error) {
        if (error instanceof CancelledError || abort.signal.aborted) {
          await hooks.onCancelled?.();
          this.hub.emit({ type: 'cancelled', jobId, runId });
        } else {
          await hooks.onFailed?.(messageOf(error));
          this.hub.emit({ type: 'failed', jobId, runId, error: messageOf(error) });
        }
      } finally {
        this.running.delete(jobId);
      }
    })();
    this.running.set(jobId, { abort, done, runId });
    return { jobId, runId };
  }

  /** Asks a job to stop (training checkpoints first). */
  cancel(jobId: string): void {
    const job = this.running.get(jobId);
    if (!job) throw new UsageError(`no running job '${jobId}'`);
    job.abort.abort(new CancelledError());
  }

  /** Whether a job is running for this run id. */
  isRunning(runId: string): boolean {
    return [...this.running.values()].some((job) => job.runId === runId);
  }

  /** Cancels every job and waits until all have ended. */
  async stopAll(): Promise<void> {
    const jobs = [...this.running.values()];
    for (const job of jobs) job.abort.abort(new CancelledError());
    await Promise.all(jobs.map((j) => j.done));
  }

  /** Waits for every job (tests, shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.running.values()].map((j) => j.done));
  }
}

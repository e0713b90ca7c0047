/** Running background jobs: ids, cancellation, and the lifecycle events every front end follows. */
import { randomUUID } from 'node:crypto';
import type { JobHandle } from './contract';
import type { JobEventHub } from './events';
import type { TaskContext, TaskRunner } from './tasks';
import { countOf, progressMeter } from './progress';
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
    private readonly taskRunner: TaskRunner,
  ) {}

  /** Starts a task in the background and returns its handle at once. */
  start<K extends TaskName>(task: K, params: TaskParams<K>, hooks: JobHooks<K>): JobHandle {
    const { handle, result } = this.launch(task, params, hooks);
    result.catch(() => {}); // the outcome goes out as an event; nobody waits on this promise
    return handle;
  }

  /**
   * Runs a task the caller waits for (evaluate, transcribe, compare) as a job all the same: its start, progress and
   * end go to every front end, and cancelJob stops it (the promise then rejects with CancelledError).
   */
  call<K extends TaskName>(task: K, params: TaskParams<K>, onEvent?: (event: TaskEvent<K>) => void): Promise<TaskResult<K>> {
    return this.launch(task, params, { runId: null, onEvent, onDone: () => null }).result;
  }

  /** A TaskRunner whose tasks run as jobs (call): what the service's waited-for calls use. */
  readonly runner: TaskRunner = (task, params, ctx) => this.call(task, params, (event) => ctx.onEvent(event));

  private launch<K extends TaskName>(task: K, params: TaskParams<K>, hooks: JobHooks<K>): { handle: JobHandle; result: Promise<TaskResult<K>> } {
    const jobId = randomUUID().slice(0, 12);
    const abort = new AbortController();
    const { runId } = hooks;
    const meter = progressMeter();
    const ctx: TaskContext<TaskEvent<K>> = {
      signal: abort.signal,
      onEvent: (event) => {
        const count = countOf(task, event);
        const progress = count && meter(count);
        if (count && progress) this.hub.emit({ type: 'progress', jobId, fraction: count.done / count.total, message: count.message, progress });
        hooks.onEvent?.(event, jobId);
      },
      onLog: (line) => {
        hooks.onLog?.(line);
        this.hub.emit({ type: 'progress', jobId, fraction: -1, message: line });
      },
    };
    this.hub.emit({ type: 'started', jobId, task, runId });
    const result = this.taskRunner(task, params, ctx);
    const done = (async () => {
      try {
        const value = await result;
        const shown = hooks.onDone ? await hooks.onDone(value) : value;
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
    // a cancelled call rejects with CancelledError whatever the task threw on its way out
    return { handle: { jobId, runId }, result: result.catch((error: unknown) => Promise.reject(abort.signal.aborted && !(error instanceof CancelledError) ? new CancelledError(`${task} cancelled`) : error)) };
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

/**
 * How the service runs long work off its own thread: a TaskRunner runs one src/jobs task with that task's own
 * parameter type and resolves with its typed result. The default is runJob (a worker thread with typed progress
 * events); tests pass their own. Either way the service's thread never waits on TensorFlow.js.
 */
import { runJob, type TaskEvent, type TaskName, type TaskParams, type TaskResult } from '../jobs';

/** What a running task may report, and how it is cancelled. */
export interface TaskContext<E = unknown> {
  /** The task's progress events, as it sends them. */
  onEvent(event: E): void;
  /** A human progress line (the task's 'log' events, files skipped). */
  onLog(line: string): void;
  signal: AbortSignal;
}

/** Runs one task to completion and resolves with its result. */
export type TaskRunner = <K extends TaskName>(task: K, params: TaskParams<K>, ctx: TaskContext<TaskEvent<K>>) => Promise<TaskResult<K>>;

/** The human line of an event, when it has one: a 'log' message, or a file left out and why. */
export function logLineOf(event: unknown): string | null {
  const e = event as { type?: string; message?: unknown; file?: unknown; reason?: unknown };
  if (e?.type === 'log' && typeof e.message === 'string') return e.message;
  if (e?.type === 'skipped' && typeof e.file === 'string') return `skipped ${e.file}: ${String(e.reason)}`;
  return null;
}

/** The default runner: the task in a worker thread (src/jobs runJob); log lines also go to ctx.onLog. */
export const defaultTaskRunner: TaskRunner = (task, params, ctx) =>
  runJob(task, params, {
    signal: ctx.signal,
    onEvent: (event) => {
      const line = logLineOf(event);
      if (line !== null) ctx.onLog(line);
      ctx.onEvent(event);
    },
  });

/** A context for a short task whose events nobody follows. */
export function quietContext(): TaskContext<never> {
  const ignore = () => {};
  return { onEvent: ignore, onLog: ignore, signal: new AbortController().signal };
}

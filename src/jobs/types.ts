/**
 * Job contracts. A task is a module src/jobs/tasks/<name>.ts exporting `run(params, ctx)`, listed in
 * src/jobs/tasks/index.ts; its parameter, event and result types are read off that function, so the CLI, the service
 * and the worker all use the one parameter type a task declares. Params, events and results cross a thread boundary:
 * plain structured-clone data (no functions, no tensors).
 */
import type { AudioWarning } from '../audio/warnings';
import type { taskModules } from './tasks';

/** The job tasks by name. */
export type TaskName = keyof typeof taskModules;

type TaskModuleOf<K extends TaskName> = Awaited<ReturnType<(typeof taskModules)[K]>>;
type RunOf<K extends TaskName> = TaskModuleOf<K>['run'];

/** The one parameter type of a task. */
export type TaskParams<K extends TaskName> = Parameters<RunOf<K>>[0];
/** A task's progress event. */
export type TaskEvent<K extends TaskName> = Parameters<RunOf<K>>[1] extends JobContext<infer E> ? E : never;
/** A task's result. */
export type TaskResult<K extends TaskName> = Awaited<ReturnType<RunOf<K>>>;

/** One task with its parameters, typed together (a union over every task). */
export type TaskRequest = { [K in TaskName]: { task: K; params: TaskParams<K> } }[TaskName];

/** What a task's run() gets besides its params. */
export interface JobContext<E = unknown> {
  /** Sends a progress event to the caller (structured-clone data). */
  onEvent(event: E): void;
  /** Aborted when the caller cancels: stop at the next safe point (after a checkpoint) and throw CancelledError. */
  signal: AbortSignal;
}

/** The shape of a task module src/jobs/tasks/<name>.ts. */
export interface JobTaskModule<P = unknown, E = unknown, R = unknown> {
  run(params: P, ctx: JobContext<E>): Promise<R>;
}

/** Caller-side hooks of runJob. */
export interface JobHooks<E = unknown> {
  /** Receives the task's progress events in order. */
  onEvent?: (event: E) => void;
  /** Aborting asks the task to stop (it checkpoints and ends); after `cancelGraceMs` the thread is terminated. */
  signal?: AbortSignal;
  /** How long a cancelled task may take to finish cleanly before its thread is terminated. Default 30000; >= 0. */
  cancelGraceMs?: number;
}

/** Messages from the parent to a job's worker. */
export type ToWorker = { type: 'cancel' };

/** An error as it crosses the thread boundary. */
export interface SerializedError {
  name: string;
  message: string;
  /** For InputFileError. */
  file?: string;
  reason?: string;
}

/** Messages from a job's worker to the parent. */
export type FromWorker =
  | { type: 'event'; event: unknown }
  /** A file the task read with a caveat: runJob re-sends it on the audio warning channel of the calling thread. */
  | { type: 'audio-warning'; warning: AudioWarning }
  | { type: 'result'; result: unknown }
  | { type: 'error'; error: SerializedError };

/** workerData of a job's worker. */
export interface JobStart {
  task: TaskName;
  params: unknown;
}

/**
 * Job contracts. A job kind is a module src/jobs/tasks/<kind>.ts exporting `run(params, ctx)`; the worker imports it
 * by name, so adding a kind needs no edit here. For typed runJob calls, a task module also augments JobRegistry:
 *
 *   declare module '../types' {
 *     interface JobRegistry { 'train-lid': { params: TrainLidParams; event: TrainEvent; result: TrainLidResult } }
 *   }
 *
 * Params, events and results cross a thread boundary: plain structured-clone data (no functions, no tensors).
 */

/** Kinds with their params, event and result types; task modules add themselves by declaration merging. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface JobRegistry {}

/** A registered kind's params (unknown for unregistered kinds). */
export type JobParams<K extends string> = K extends keyof JobRegistry ? (JobRegistry[K] extends { params: infer P } ? P : unknown) : unknown;
/** A registered kind's progress event (unknown for unregistered kinds). */
export type JobEvent<K extends string> = K extends keyof JobRegistry ? (JobRegistry[K] extends { event: infer E } ? E : unknown) : unknown;
/** A registered kind's result (unknown for unregistered kinds). */
export type JobResult<K extends string> = K extends keyof JobRegistry ? (JobRegistry[K] extends { result: infer R } ? R : unknown) : unknown;

/** What a task's run() gets besides its params. */
export interface JobContext<E = unknown> {
  /** Sends a progress event to the caller (structured-clone data). */
  onEvent(event: E): void;
  /** Aborted when the caller cancels: stop at the next safe point (after a checkpoint) and throw CancelledError. */
  signal: AbortSignal;
}

/** The shape of a task module src/jobs/tasks/<kind>.ts. */
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
  | { type: 'result'; result: unknown }
  | { type: 'error'; error: SerializedError };

/** workerData of a job's worker. */
export interface JobStart {
  kind: string;
  params: unknown;
}

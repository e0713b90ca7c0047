/** The jobs layer: long work in worker threads with typed progress events and cancellation. */
export { runJob, taskNames } from './run';
export { defaultFileThreads } from './file-pool';
export type { JobContext, JobHooks, JobTaskModule, TaskEvent, TaskName, TaskParams, TaskRequest, TaskResult } from './types';

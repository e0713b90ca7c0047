/** The jobs layer: long work in worker threads with typed progress events and cancellation. */
export { runJob, jobKinds } from './run';
export type { JobContext, JobEvent, JobHooks, JobParams, JobRegistry, JobResult, JobTaskModule } from './types';

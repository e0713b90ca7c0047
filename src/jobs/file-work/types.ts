/**
 * Per-file work that mapFiles (../file-pool.ts) spreads over worker threads: a module src/jobs/file-work/<name>.ts
 * exporting `open(setup)`, listed in ./index.ts. open() runs once per thread (engine, model); the processor it
 * returns then takes files one at a time. Setup and results cross a thread boundary: structured-clone data.
 */

/** What open() returns: one file's result at a time, and close() to free the model. */
export interface FileProcessor<R> {
  /** The result for one file; throws for a file that cannot be handled (the others go on). */
  process(file: string): Promise<R>;
  close(): void;
}

/** The shape of a module src/jobs/file-work/<name>.ts. */
export interface FileWorkModule<S = unknown, R = unknown> {
  open(setup: S): Promise<FileProcessor<R>>;
}

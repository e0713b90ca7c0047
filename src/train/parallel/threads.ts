/** How many threads a training run uses when the user does not say. */
import { availableParallelism } from 'node:os';

/** The default's cap: beyond it a step's shards get too small to keep a core busy. */
export const DEFAULT_THREADS_CAP = 8;

/** The machine's cores, at most DEFAULT_THREADS_CAP and at most the batch size (each replica gets >= 1 example). */
export function defaultThreads(batchSize: number): number {
  return Math.max(1, Math.min(availableParallelism(), DEFAULT_THREADS_CAP, batchSize));
}

/** How many threads a training run uses when the user does not say. */
import { availableParallelism } from 'node:os';
import { UsageError } from '../../util/errors';
import { MAX_THREADS } from '../config';

/** The default's cap: beyond it a step's shards get too small to keep a core busy. */
export const DEFAULT_THREADS_CAP = 8;

/**
 * KIELO_THREADS when set (a fixed count, e.g. for tests whose results must not depend on the machine), else the
 * machine's cores, at most DEFAULT_THREADS_CAP; never more than the batch size (each replica gets >= 1 example).
 */
export function defaultThreads(batchSize: number): number {
  const forced = process.env.KIELO_THREADS;
  if (forced !== undefined && forced !== '') {
    const n = Number(forced);
    if (!(Number.isInteger(n) && n >= 1 && n <= MAX_THREADS)) throw new UsageError(`KIELO_THREADS must be an integer 1..${MAX_THREADS}, got '${forced}'`);
    return Math.min(n, batchSize);
  }
  return Math.max(1, Math.min(availableParallelism(), DEFAULT_THREADS_CAP, batchSize));
}

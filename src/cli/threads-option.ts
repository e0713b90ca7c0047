/** The --threads option of the commands that run a model over many files (classify, eval, transcribe): mapFiles' threads. */
import { FILE_THREADS_CAP } from '../jobs/file-pool';
import { MAX_THREADS } from '../train/config';
import type { OptionSpec } from './command';
import { numberOption, type OptionValues } from './options';

/** The parseArgs spec of --threads. */
export const threadsSpec = { threads: { type: 'string' } } satisfies OptionSpec;

/** Its help line. */
export const threadsHelp = `  --threads N       threads the files are spread over, a model in each; 1..${MAX_THREADS} (default: the cores, at most ${FILE_THREADS_CAP})`;

/** The --threads value, undefined when absent (the default); UsageError naming the range otherwise. */
export function threadsOption(values: OptionValues): number | undefined {
  return numberOption(values, 'threads', { integer: true, min: 1, max: MAX_THREADS });
}

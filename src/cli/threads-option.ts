/** The --threads option of the commands that run a model over many files (classify, eval, transcribe): mapFiles' threads. */
import { MAX_THREADS } from '../train/config';
import { DEFAULT_THREADS_CAP } from '../train/parallel/threads';
import type { OptionSpec } from './command';
import { numberOption, type OptionValues } from './options';

/** The parseArgs spec of --threads. */
export const threadsSpec = { threads: { type: 'string' } } satisfies OptionSpec;

/** Its help line. */
export const threadsHelp = [
  `  --threads N       threads the files are spread over, a model in each, 1..${MAX_THREADS}`,
  `                    (default: KIELO_THREADS, else the cores, at most ${DEFAULT_THREADS_CAP})`,
].join('\n');

/** The --threads value, undefined when absent (the default); UsageError naming the range otherwise. */
export function threadsOption(values: OptionValues): number | undefined {
  return numberOption(values, 'threads', { integer: true, min: 1, max: MAX_THREADS });
}

/**
 * Per-file work 'selftest', for tests of mapFiles without a model: a "file" is NAME or NAME:MS; processing it waits
 * MS milliseconds and says which thread did it. A NAME starting with 'bad' throws an InputFileError for that file.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { threadId } from 'node:worker_threads';
import { InputFileError } from '../../util/errors';
import type { FileProcessor } from './types';

/** Nothing to set up but an optional delay before the work opens (a slow model load). */
export interface SelftestFileSetup {
  openDelayMs?: number;
}

/** One file's outcome: the file and the thread (0: the main thread of the process). */
export interface SelftestFileResult {
  file: string;
  threadId: number;
}

/** Opens after openDelayMs. */
export async function open(setup: SelftestFileSetup): Promise<FileProcessor<SelftestFileResult>> {
  if (setup.openDelayMs) await sleep(setup.openDelayMs);
  return {
    async process(file) {
      const [name, ms] = file.split(':');
      if (ms) await sleep(Number(ms));
      if (name.startsWith('bad')) throw new InputFileError(file, 'bad on purpose');
      return { file, threadId };
    },
    close() {},
  };
}

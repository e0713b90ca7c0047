/**
 * The 'classify-batch' job: classifies files with a LID model, spread over worker threads (mapFiles: a model per
 * thread, results in input order). A file that cannot be read gives {file, error} in its place (the batch goes on);
 * progress events count the files.
 */
import { currentEngine, initEngine, type EngineName } from '../../engine';
import type { ClassifyOptions, LidClassification } from '../../train/lid-infer';
import { InputFileError, messageOf } from '../../util/errors';
import { defaultFileThreads, mapFiles } from '../file-pool';
import type { JobContext } from '../types';

/** Parameters of classify-batch: the model, the files and the engine, plus classifyFile's options (minConfidence, speechDetector, vad). */
export interface ClassifyBatchParams extends Omit<ClassifyOptions, 'speech'> {
  /** Model directory written by train-lid. */
  model: string;
  files: string[];
  /** Engine; default 'auto'. */
  engine?: EngineName | 'auto';
  /** Threads the files are spread over (the job's and threads - 1 workers), integer >= 1. Default: the machine's cores, at most 8 and one per 100 files (defaultFileThreads). */
  threads?: number;
}

/** A file that could not be classified. */
export interface ClassifyFailure {
  file: string;
  error: string;
}

/** One progress event per file: files done of the total, and the file just classified. */
export interface ClassifyBatchEvent {
  type: 'progress';
  done: number;
  total: number;
  file: string;
}

/** Classifies every file; results in input order, failures in place, never thrown (except a bad model). */
export async function run(params: ClassifyBatchParams, ctx: JobContext<ClassifyBatchEvent>): Promise<(LidClassification | ClassifyFailure)[]> {
  const { model, files, engine, threads, ...options } = params;
  await initEngine(engine ?? 'auto');
  const results: (LidClassification | ClassifyFailure)[] = [];
  await mapFiles('classify', { model, engine: currentEngine()!.name, options }, files, {
    threads: threads ?? defaultFileThreads(files.length),
    signal: ctx.signal,
    activity: 'classification',
    onFile: (index, outcome) => {
      const file = files[index];
      if ('value' in outcome) results.push(outcome.value);
      else results.push({ file, error: outcome.error instanceof InputFileError ? outcome.error.reason : messageOf(outcome.error) });
      ctx.onEvent({ type: 'progress', done: index + 1, total: files.length, file });
    },
  });
  return results;
}

/**
 * The 'classify-batch' job: loads a LID model once and classifies files in a worker thread. A file that cannot be
 * read gives {file, error} in its place (the batch goes on); progress events count the files.
 */
import { initEngine, type EngineName } from '../../engine';
import { classifyFile, loadLid, type ClassifyOptions, type LidClassification } from '../../train/lid-infer';
import { CancelledError, InputFileError, messageOf } from '../../util/errors';
import type { JobContext } from '../types';

/** Parameters of classify-batch: the model, the files and the engine, plus classifyFile's options (minConfidence, speechDetector, vad). */
export interface ClassifyBatchParams extends Omit<ClassifyOptions, 'speech'> {
  /** Model directory written by train-lid. */
  model: string;
  files: string[];
  /** Engine; default 'auto'. */
  engine?: EngineName | 'auto';
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

/** Classifies every file, in order; failures are returned in place, never thrown (except a bad model). */
export async function run(params: ClassifyBatchParams, ctx: JobContext<ClassifyBatchEvent>): Promise<(LidClassification | ClassifyFailure)[]> {
  const { model, files, engine, ...options } = params;
  await initEngine(engine ?? 'auto');
  const lid = await loadLid(model);
  const results: (LidClassification | ClassifyFailure)[] = [];
  for (const [i, file] of files.entries()) {
    if (ctx.signal.aborted) throw new CancelledError('classification cancelled');
    try {
      results.push(await classifyFile(lid, file, options));
    } catch (error) {
      results.push({ file, error: error instanceof InputFileError ? error.reason : messageOf(error) });
    }
    ctx.onEvent({ type: 'progress', done: i + 1, total: files.length, file });
  }
  return results;
}

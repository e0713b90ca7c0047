/**
 * The 'classify-batch' job: loads a LID model once and classifies files in a worker thread. A file that cannot be
 * read gives {file, error} in its place (the batch goes on); progress events count the files.
 */
import { initEngine, type EngineName } from '../../engine';
import { classifyFile, loadLid, type LidClassification } from '../../train/lid-infer';
import type { SpeechDetectorOptions } from '../../features/speech-detector';
import { CancelledError, InputFileError, messageOf } from '../../util/errors';
import type { JobContext } from '../types';

/** Parameters of classify-batch. */
export interface ClassifyBatchParams {
  /** Model directory written by train-lid. */
  model: string;
  files: string[];
  /** Engine; default 'auto'. */
  engine?: EngineName | 'auto';
  /** Top calibrated posterior a label needs (below it: unsure, label null); [0, 1]. Default 0.5 (DEFAULT_MIN_CONFIDENCE). */
  minConfidence?: number;
  /** Speech detector thresholds, or false to take every file for speech. Default the detector's defaults. */
  speechDetector?: SpeechDetectorOptions | false;
}

/** A file that could not be classified. */
export interface ClassifyFailure {
  file: string;
  error: string;
}

/** One progress event per file. */
export interface ClassifyBatchEvent {
  type: 'progress';
  fraction: number;
  message: string;
}

/** Classifies every file, in order; failures are returned in place, never thrown (except a bad model). */
export async function run(params: ClassifyBatchParams, ctx: JobContext<ClassifyBatchEvent>): Promise<(LidClassification | ClassifyFailure)[]> {
  await initEngine(params.engine ?? 'auto');
  const lid = await loadLid(params.model);
  const results: (LidClassification | ClassifyFailure)[] = [];
  for (const [i, file] of params.files.entries()) {
    if (ctx.signal.aborted) throw new CancelledError('classification cancelled');
    try {
      results.push(await classifyFile(lid, file, { minConfidence: params.minConfidence, speechDetector: params.speechDetector }));
    } catch (error) {
      results.push({ file, error: error instanceof InputFileError ? error.reason : messageOf(error) });
    }
    ctx.onEvent({ type: 'progress', fraction: (i + 1) / params.files.length, message: `classified ${i + 1}/${params.files.length}: ${file}` });
  }
  return results;
}

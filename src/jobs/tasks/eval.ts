/**
 * The 'eval' job: scores a LID model on a labelled folder in a worker thread, its files classified over worker
 * threads (mapFiles: a model per thread, results in input order); unreadable files are events, the rest are scored.
 */
import { currentEngine, initEngine, type EngineName } from '../../engine';
import { evaluateLid, loadLid, type EvaluateLidOptions, type LidEvaluation } from '../../train/lid-infer';
import { defaultFileThreads, mapFiles } from '../file-pool';
import type { JobContext } from '../types';

/** Parameters of eval: the model, the folder and the engine, plus evaluateLid's scoring options (split, skipUnknownLabels, groupBy, groupPattern, minConfidence, vad). */
export interface EvalParams extends Omit<EvaluateLidOptions, 'signal' | 'onBadFile' | 'onProgress' | 'classifyFiles'> {
  /** Model directory written by train-lid. */
  model: string;
  /** Labelled folder DIR/<label>/**. */
  data: string;
  /** Engine. Default 'auto' (the fastest that loads). */
  engine?: EngineName | 'auto';
  /** Threads the files are spread over (the job's and threads - 1 workers), integer >= 1. Default: the machine's cores, at most 8 and one per 100 files (defaultFileThreads). */
  threads?: number;
}

/** Progress of eval: files scored so far, and files that could not be read. */
export type EvalEvent = { type: 'progress'; done: number; total: number } | { type: 'skipped'; file: string; reason: string };

/** Classifies every file and reports accuracy, confusion, EER, Cavg, calibration and coverage (see evaluateLid). */
export async function run(params: EvalParams, ctx: JobContext<EvalEvent>): Promise<LidEvaluation> {
  const { model, data, engine, threads, ...scoring } = params;
  await initEngine(engine ?? 'auto');
  const lid = await loadLid(model);
  try {
    return await evaluateLid(lid, data, {
      ...scoring,
      signal: ctx.signal,
      onBadFile: (file, reason) => ctx.onEvent({ type: 'skipped', file, reason }),
      onProgress: (done, total) => ctx.onEvent({ type: 'progress', done, total }),
      // one thread: evaluateLid classifies with the model loaded here
      classifyFiles: threads === 1 ? undefined : (files, options, onFile) => mapFiles('classify', { model, engine: currentEngine()!.name, options }, files, {
        threads: threads ?? defaultFileThreads(files.length), signal: ctx.signal, activity: 'evaluation', onFile,
      }),
    });
  } finally {
    lid.model.dispose();
  }
}

/** The 'eval' job: scores a LID model on a labelled folder in a worker thread; unreadable files are events, the rest are scored. */
import { initEngine, type EngineName } from '../../engine';
import { evaluateLid, loadLid, type EvaluateLidOptions, type LidEvaluation } from '../../train/lid-infer';
import type { JobContext } from '../types';

/** Parameters of eval: the model, the folder and the engine, plus evaluateLid's scoring options (split, skipUnknownLabels, groupBy, groupPattern, minConfidence, vad). */
export interface EvalParams extends Omit<EvaluateLidOptions, 'signal' | 'onBadFile' | 'onProgress'> {
  /** Model directory written by train-lid. */
  model: string;
  /** Labelled folder DIR/<label>/**. */
  data: string;
  /** Engine. Default 'auto' (the fastest that loads). */
  engine?: EngineName | 'auto';
}

/** Progress of eval: files scored so far, and files that could not be read. */
export type EvalEvent = { type: 'progress'; done: number; total: number } | { type: 'skipped'; file: string; reason: string };

/** Classifies every file and reports accuracy, confusion, EER, Cavg, calibration and coverage (see evaluateLid). */
export async function run(params: EvalParams, ctx: JobContext<EvalEvent>): Promise<LidEvaluation> {
  const { model, data, engine, ...scoring } = params;
  await initEngine(engine ?? 'auto');
  const lid = await loadLid(model);
  return evaluateLid(lid, data, {
    ...scoring,
    signal: ctx.signal,
    onBadFile: (file, reason) => ctx.onEvent({ type: 'skipped', file, reason }),
    onProgress: (done, total) => ctx.onEvent({ type: 'progress', done, total }),
  });
}

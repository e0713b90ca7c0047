/** The 'eval' job: scores a LID model on a labelled folder in a worker thread; unreadable files are events, the rest are scored. */
import { initEngine, type EngineName } from '../../engine';
import { evaluateLid, loadLid, type EvalGroupBy, type LidEvaluation } from '../../train/lid-infer';
import type { JobContext } from '../types';

/** Parameters of eval. */
export interface EvalParams {
  /** Model directory written by train-lid. */
  model: string;
  /** Labelled folder DIR/<label>/**. */
  data: string;
  /** 'auto' scores the manifest's test split when DIR has one, 'all' every file. Default 'auto'. */
  split?: 'auto' | 'all';
  /** Score only the label folders the model knows, counting the others in the result's skippedLabels. Default false (an error before any decoding). */
  skipUnknownLabels?: boolean;
  /** Also report accuracy per speaker or source (byGroup). Default none. */
  groupBy?: EvalGroupBy;
  /** Regular expression whose first capture group, matched against a file's path under DIR, is its group. Default: the manifest's column, else DIR/<label>/<group>/. */
  groupPattern?: string;
  /** Threshold of the report's `answered` (top calibrated posterior, as classify's); [0, 1]. Default 0.5. */
  minConfidence?: number;
  /** Engine. Default 'auto' (the fastest that loads). */
  engine?: EngineName | 'auto';
}

/** Progress of eval: files scored so far, and files that could not be read. */
export type EvalEvent = { type: 'progress'; done: number; total: number } | { type: 'skipped'; file: string; reason: string };

/** Classifies every file and reports accuracy, confusion, EER, Cavg, calibration and coverage (see evaluateLid). */
export async function run(params: EvalParams, ctx: JobContext<EvalEvent>): Promise<LidEvaluation> {
  await initEngine(params.engine ?? 'auto');
  const lid = await loadLid(params.model);
  return evaluateLid(lid, params.data, {
    split: params.split,
    skipUnknownLabels: params.skipUnknownLabels,
    groupBy: params.groupBy,
    groupPattern: params.groupPattern,
    minConfidence: params.minConfidence,
    signal: ctx.signal,
    onBadFile: (file, reason) => ctx.onEvent({ type: 'skipped', file, reason }),
    onProgress: (done, total) => ctx.onEvent({ type: 'progress', done, total }),
  });
}

/**
 * The studio's model comparison: two or more LID models scored on the same test files, side by side, each compared
 * with the first on the files both scored (src/metrics/compare.ts says how and why).
 */
import { COMPARISON_METHOD, compareAccuracy, wilsonInterval } from '../metrics/compare';
import type { AccuracyDifference, ComparedModel, EpochPoint, EvalResults, ModelComparison, ModelInfo } from './contract';

/** What the comparison needs from the service: an evaluation of a model, and a run's curves. */
export interface CompareSources {
  evaluate(model: ModelInfo): Promise<EvalResults>;
  history(runId: string): Promise<EpochPoint[]>;
}

/** Right/wrong of `evaluation` on each of `files` (all of which it scored). */
function outcomesOn(evaluation: EvalResults, files: string[]): boolean[] {
  const right = new Map(evaluation.files.map((f) => [f.file, f.predicted === f.label]));
  return files.map((file) => right.get(file) === true);
}

/** The difference of `model` against `reference` on the files both scored. */
export function accuracyDifference(reference: ComparedModel, model: ComparedModel): AccuracyDifference {
  const scored = new Set(model.evaluation.files.map((f) => f.file));
  const shared = reference.evaluation.files.map((f) => f.file).filter((file) => scored.has(file));
  const c = compareAccuracy(outcomesOn(reference.evaluation, shared), outcomesOn(model.evaluation, shared));
  return {
    model: model.model, reference: reference.model, n: c.n, difference: c.difference, low: c.low, high: c.high,
    onlyReference: c.onlyA, onlyModel: c.onlyB, pValue: c.pValue,
  };
}

/** Scores each model (one after another: each evaluation is a job of its own) and compares each with the first. */
export async function compareModels(models: ModelInfo[], dataset: string, sources: CompareSources): Promise<ModelComparison> {
  const compared: ComparedModel[] = [];
  for (const model of models) {
    const evaluation = await sources.evaluate(model);
    const right = evaluation.files.filter((f) => f.predicted === f.label).length;
    const runId = model.source === 'run' ? model.id : null;
    compared.push({
      model: model.id, name: model.name, runId, evaluation,
      accuracyInterval: wilsonInterval(right, evaluation.files.length),
      history: runId ? await sources.history(runId) : [],
    });
  }
  const [reference, ...others] = compared;
  return { dataset, models: compared, differences: others.map((m) => accuracyDifference(reference, m)), method: COMPARISON_METHOD };
}

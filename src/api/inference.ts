/** Short inference calls of the studio (classify one file, evaluate a model, read its filters), normalised to the contract. */
import type { ClassifyResult, EvalGrouping, EvalResults, FilterResponses, ModelInfo } from './contract';
import { quietContext, type TaskRunner } from './tasks';
import { UsageError } from '../util/errors';
import { loadModel } from '../models/io';
import { modelFilters } from '../models/filters';

/** Classifies files with a LID model, off the service thread (one classify-batch task); a file that fails gives its error. */
export async function classifyFiles(runner: TaskRunner, model: ModelInfo, paths: string[]): Promise<(ClassifyResult | { file: string; error: string })[]> {
  const items = await runner('classify-batch', { model: model.dir, files: paths }, quietContext());
  return items.map((item) => {
    if ('error' in item) return { file: item.file, error: item.error };
    const segments = item.segments.map((s) => ({ start: s.start, end: s.end, label: s.label }));
    return {
      file: item.file, model: model.id, label: item.label, speech: item.speech, unsure: item.unsure, bestGuess: item.bestGuess,
      confidence: item.confidence, posteriors: item.posteriors, durationSec: item.durationSec, segments,
    };
  });
}

/** Classifies one file with a LID model, off the service thread (the classify-batch task). */
export async function classifyFile(runner: TaskRunner, model: ModelInfo, path: string): Promise<ClassifyResult> {
  const [item] = await classifyFiles(runner, model, [path]);
  if (!item) throw new Error(`${path}: the classifier returned no result`);
  if ('error' in item) throw new UsageError(item.error);
  return item;
}

/**
 * Scores a LID model on a labelled folder, off the service thread (the eval task). Label folders the model does not
 * know are left out and listed (the studio has no flag to set; the result shows what was skipped). With groupBy, accuracy
 * per speaker or source too.
 */
export async function evaluateModel(runner: TaskRunner, model: ModelInfo, dataset: string, groupBy?: EvalGrouping): Promise<EvalResults> {
  const r = await runner('eval', { model: model.dir, data: dataset, skipUnknownLabels: true, ...(groupBy ? { groupBy } : {}) }, quietContext());
  if (r.eer === null || r.cavg === null) throw new UsageError(`${dataset}: too few files of each label to score ${model.name}`);
  const { minConfidence, n, coverage, accuracy } = r.answered;
  return {
    model: model.id, n: r.n, accuracy: r.accuracy, labels: r.labels, confusion: r.confusion, eer: r.eer, cavg: r.cavg,
    ece: r.ece, answered: { minConfidence, n, coverage, accuracy }, skippedLabels: r.skippedLabels, files: r.files,
    perClass: r.perClass, byDuration: r.byDuration, split: r.split, temperature: r.temperature, nll: r.nll, uncalibrated: r.uncalibrated,
    speechFiles: r.speechFiles, failed: r.failed,
    ...(r.groupBy && r.byGroup ? { byGroup: { groupBy: r.groupBy, groupsFrom: r.groupsFrom ?? '', groups: r.byGroup } } : {}),
  };
}

/** FFT length of the filter responses shown (257 frequency bins at 16 kHz: 31 Hz apart). */
const FILTER_FFT = 512;

/** Learned first-layer filters of a LID model beside the mel bank of the same size. Needs initEngine first. */
export async function loadFilters(model: ModelInfo): Promise<FilterResponses> {
  const { model: layers, metadata } = await loadModel(model.dir);
  try {
    const spec = metadata.featureSpec as { sampleRate?: number } | undefined;
    const analysis = modelFilters(layers, spec?.sampleRate ?? 16000, FILTER_FFT);
    return { model: model.id, ...analysis };
  } catch (error) {
    throw new UsageError(`${model.name}: ${(error as Error).message}`);
  } finally {
    layers.dispose();
  }
}

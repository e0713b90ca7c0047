/** Short inference calls of the studio (classify one file, evaluate a model, read its filters), normalised to the contract. */
import type { ClassifyResult, EvalResults, FilterResponses, ModelInfo, Segment } from './contract';
import { runCli, type TaskRunner } from './tasks';
import { UsageError } from '../util/errors';
import { loadModel } from '../models/io';
import { modelFilters } from '../models/filters';

/** Reduces one `kielo classify` item (or classify-batch result) to the contract's ClassifyResult. */
export function toClassifyResult(item: unknown, model: string): ClassifyResult {
  const r = item as { file?: string; label?: string; posteriors?: Record<string, number>; segments?: Segment[]; error?: string; reason?: string };
  if (!r || typeof r !== 'object') throw new Error('the classifier returned no result');
  if (r.error || r.reason) throw new UsageError(String(r.error ?? r.reason));
  const posteriors = r.posteriors ?? {};
  const segments = (r.segments ?? []).map((s) => ({ start: s.start, end: s.end, label: s.label }));
  return { file: String(r.file ?? ''), model, label: String(r.label ?? ''), posteriors, segments };
}

/** Classifies one file with a LID model, off the service thread. */
export async function classifyFile(runner: TaskRunner, model: ModelInfo, path: string): Promise<ClassifyResult> {
  const ignore = () => {};
  const result = await runner('classify-batch', { model: model.dir, files: [path] }, ['classify', '--model', model.dir, path], {
    onEvent: ignore,
    onLog: ignore,
    signal: new AbortController().signal,
  });
  const items = Array.isArray(result) ? result : (result as { results?: unknown[] })?.results ?? [result];
  return toClassifyResult(items[0], model.id);
}

/** `kielo eval` of a LID model on a labelled folder. */
export async function evaluateModel(model: ModelInfo, dataset: string): Promise<EvalResults> {
  const ignore = () => {};
  const r = (await runCli(['eval', '--model', model.dir, '--data', dataset], { onEvent: ignore, onLog: ignore, signal: new AbortController().signal })) as Omit<EvalResults, 'model'>;
  return { model: model.id, n: r.n, accuracy: r.accuracy, labels: r.labels, confusion: r.confusion, eer: r.eer, cavg: r.cavg };
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

/** A run's or an evaluation's numbers as CSV tables (renderer/export/download.ts writes them; JSON is the object itself). */
import type { EpochPoint, EvalResults, FileOutcome, ModelComparison } from '../contract';
import { toCsv } from './download';

/** The confusion matrix with true labels down and predicted labels across. */
export function confusionCsv(labels: readonly string[], confusion: readonly (readonly number[])[]): string {
  return toCsv(['true \\ predicted', ...labels], labels.map((label, i) => [label, ...confusion[i]]));
}

/** One row per scored file: its true label, the model's answer, the answer's posterior, and whether it was right. */
export function fileOutcomesCsv(files: readonly FileOutcome[]): string {
  return toCsv(['file', 'label', 'predicted', 'confidence', 'correct'], files.map((f) => [f.file, f.label, f.predicted, f.confidence, f.predicted === f.label]));
}

/** Precision, recall and file count of each label of an evaluation (empty where undefined). */
export function perClassCsv(e: EvalResults): string {
  return toCsv(['label', 'precision', 'recall', 'files'], e.labels.map((l) => [l, e.perClass[l]?.precision ?? null, e.perClass[l]?.recall ?? null, e.perClass[l]?.support ?? 0]));
}

/** An evaluation's summary numbers as metric,value rows. */
export function evaluationMetricsCsv(e: EvalResults): string {
  return toCsv(['metric', 'value'], [
    ['model', e.model], ['files', e.n], ['accuracy', e.accuracy], ['eer', e.eer], ['cavg', e.cavg], ['ece', e.ece],
    ['answered_min_confidence', e.answered.minConfidence], ['answered_coverage', e.answered.coverage], ['answered_accuracy', e.answered.accuracy],
  ]);
}

/** A run's curves: one row per epoch (empty cells where a measure was not taken). */
export function historyCsv(history: readonly EpochPoint[]): string {
  return toCsv(['epoch', 'train_loss', 'val_loss', 'train_accuracy', 'val_accuracy', 'seconds'], history.map((p) => [
    p.epoch, p.trainLoss, p.valLoss ?? null, p.trainAccuracy ?? null, p.valAccuracy ?? null, p.seconds,
  ]));
}

/** A comparison: one row per model with its accuracy, interval and its difference from the first model. */
export function comparisonCsv(c: ModelComparison): string {
  const differenceOf = new Map(c.differences.map((d) => [d.model, d]));
  return toCsv(
    ['model', 'files', 'accuracy', 'accuracy_low', 'accuracy_high', 'eer', 'cavg', 'reference', 'paired_files', 'difference', 'difference_low', 'difference_high', 'only_reference_right', 'only_model_right', 'mcnemar_p'],
    c.models.map((m) => {
      const d = differenceOf.get(m.model);
      return [
        m.model, m.evaluation.n, m.evaluation.accuracy, m.accuracyInterval[0], m.accuracyInterval[1], m.evaluation.eer, m.evaluation.cavg,
        d?.reference ?? null, d?.n ?? null, d?.difference ?? null, d?.low ?? null, d?.high ?? null, d?.onlyReference ?? null, d?.onlyModel ?? null, d?.pValue ?? null,
      ];
    }),
  );
}

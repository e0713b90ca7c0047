/**
 * Closed-set classification metrics: accuracy, confusion matrix, per-class precision and recall, and a report that
 * adds EER and Cavg (src/metrics/eer.ts, cavg.ts) overall and by duration (<= 3 s, 3-10 s, > 10 s).
 * Classes are indices 0..N-1 into a label list.
 */
import { cavgFromConfusion } from './cavg';
import { equalErrorRate, pooledScores } from './eer';

/** Index of the largest value of each row (the first one on ties). */
export function argmaxRows(rows: ArrayLike<number>[]): number[] {
  return rows.map((row) => {
    let best = 0;
    for (let c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
    return best;
  });
}

function checkSameLength(actual: ArrayLike<number>, predicted: ArrayLike<number>): void {
  if (actual.length !== predicted.length) throw new RangeError(`actual has ${actual.length} items, predicted ${predicted.length}`);
}

/** Fraction of items whose predicted class equals the actual one; NaN for no items. */
export function accuracy(actual: ArrayLike<number>, predicted: ArrayLike<number>): number {
  checkSameLength(actual, predicted);
  let correct = 0;
  for (let i = 0; i < actual.length; i++) if (actual[i] === predicted[i]) correct++;
  return actual.length ? correct / actual.length : NaN;
}

/** Counts of shape [nClasses][nClasses]: confusion[a][p] = items of actual class a predicted as p. */
export function confusionMatrix(actual: ArrayLike<number>, predicted: ArrayLike<number>, nClasses: number): number[][] {
  checkSameLength(actual, predicted);
  const matrix = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));
  for (let i = 0; i < actual.length; i++) {
    const [a, p] = [actual[i], predicted[i]];
    if (!(a >= 0 && a < nClasses && p >= 0 && p < nClasses)) throw new RangeError(`item ${i}: class ${a} or ${p} outside 0..${nClasses - 1}`);
    matrix[a][p]++;
  }
  return matrix;
}

/** Per-class precision, recall and support from a confusion matrix; null where undefined (no predictions / no items). */
export interface PerClassScores {
  /** Correct predictions of class c over all predictions of c. */
  precision: (number | null)[];
  /** Correct predictions of class c over all items of c. */
  recall: (number | null)[];
  /** Items of each actual class. */
  support: number[];
}

/** Precision and recall per class of `confusion` (rows actual, columns predicted). */
export function perClassScores(confusion: number[][]): PerClassScores {
  const n = confusion.length;
  const support = confusion.map((row) => row.reduce((a, b) => a + b, 0));
  const predicted = Array.from({ length: n }, (_, c) => confusion.reduce((sum, row) => sum + row[c], 0));
  return {
    precision: predicted.map((p, c) => (p ? confusion[c][c] / p : null)),
    recall: support.map((s, c) => (s ? confusion[c][c] / s : null)),
    support,
  };
}

/** The duration groups reports use. */
export const DURATION_GROUPS = ['<=3s', '3-10s', '>10s'] as const;
/** One duration group. */
export type DurationGroup = (typeof DURATION_GROUPS)[number];

/** The group of a clip of `seconds`: up to 3 s, over 3 up to 10 s, over 10 s. */
export function durationGroup(seconds: number): DurationGroup {
  return seconds <= 3 ? '<=3s' : seconds <= 10 ? '3-10s' : '>10s';
}

/** Indices of items per duration group (every group present, possibly empty). */
export function groupByDuration(durations: ArrayLike<number>): Record<DurationGroup, number[]> {
  const groups: Record<DurationGroup, number[]> = { '<=3s': [], '3-10s': [], '>10s': [] };
  for (let i = 0; i < durations.length; i++) groups[durationGroup(durations[i])].push(i);
  return groups;
}

/** Metrics of a set of scored items. */
export interface ClassificationReport extends PerClassScores {
  n: number;
  accuracy: number;
  labels: string[];
  /** confusion[actual][predicted]. */
  confusion: number[][];
  /** Pooled EER over target/non-target posteriors; null with fewer than 2 classes or no items. */
  eer: number | null;
  /** Closed-set Cavg with argmax decisions; null when fewer than 2 classes have items. */
  cavg: number | null;
}

/**
 * The full report for items with `posteriors` (one row of labels.length class scores each) and true classes
 * `actual`: decisions by argmax; EER from pooled scores; Cavg from the argmax confusion matrix.
 */
export function classificationReport(labels: string[], posteriors: ArrayLike<number>[], actual: ArrayLike<number>): ClassificationReport {
  if (posteriors.length !== actual.length) throw new RangeError(`${posteriors.length} posterior rows for ${actual.length} labels`);
  posteriors.forEach((row, i) => {
    if (row.length !== labels.length) throw new RangeError(`posterior row ${i} has ${row.length} scores for ${labels.length} labels`);
  });
  const predicted = argmaxRows(posteriors);
  const confusion = confusionMatrix(actual, predicted, labels.length);
  const classesPresent = confusion.filter((row) => row.some((v) => v > 0)).length;
  const { target, nontarget } = pooledScores(posteriors, actual);
  return {
    n: actual.length,
    accuracy: accuracy(actual, predicted),
    labels,
    confusion,
    ...perClassScores(confusion),
    eer: target.length && nontarget.length ? equalErrorRate(target, nontarget) : null,
    cavg: classesPresent >= 2 ? cavgFromConfusion(confusion) : null,
  };
}

/** classificationReport per duration group (groups without items are left out). */
export function reportByDuration(labels: string[], posteriors: ArrayLike<number>[], actual: ArrayLike<number>, durations: ArrayLike<number>): Partial<Record<DurationGroup, ClassificationReport>> {
  const result: Partial<Record<DurationGroup, ClassificationReport>> = {};
  for (const [group, indices] of Object.entries(groupByDuration(durations)) as [DurationGroup, number[]][]) {
    if (indices.length) result[group] = classificationReport(labels, indices.map((i) => posteriors[i]), indices.map((i) => actual[i]));
  }
  return result;
}

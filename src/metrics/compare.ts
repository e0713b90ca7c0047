/**
 * Comparing two classifiers on the same test files. The outcomes are paired (both models score each file), so the
 * uncertainty of the accuracy difference comes from the files where they disagree: a paired bootstrap over files gives
 * its interval, McNemar's exact test its p-value. Two unpaired binomial intervals would ignore the pairing and make a
 * real difference look like noise. A Wilson interval gives each model's own accuracy.
 */
import { makeRng } from '../util/random';

/** How often two models are right on the same files. */
export interface PairedCounts {
  n: number;
  bothRight: number;
  /** Files only A (the reference) got right. */
  onlyA: number;
  /** Files only B got right. */
  onlyB: number;
  bothWrong: number;
}

/** Counts of the four outcomes of paired right/wrong lists (same files, same order). */
export function pairedCounts(a: readonly boolean[], b: readonly boolean[]): PairedCounts {
  if (a.length !== b.length) throw new RangeError(`pairedCounts: ${a.length} outcomes of A, ${b.length} of B`);
  const counts: PairedCounts = { n: a.length, bothRight: 0, onlyA: 0, onlyB: 0, bothWrong: 0 };
  a.forEach((right, i) => {
    if (right && b[i]) counts.bothRight++;
    else if (right) counts.onlyA++;
    else if (b[i]) counts.onlyB++;
    else counts.bothWrong++;
  });
  return counts;
}

/**
 * McNemar's exact test: the two-sided p-value of `onlyA` against `onlyB` discordant files under "both models are
 * equally accurate" (each discordant file is a fair coin): 2 P(X <= min), X ~ Binomial(onlyA + onlyB, 1/2), capped at 1.
 */
export function mcnemarExact(onlyA: number, onlyB: number): number {
  const m = onlyA + onlyB;
  if (m === 0) return 1;
  const k = Math.min(onlyA, onlyB);
  let logTerm = -m * Math.LN2; // log P(X = 0)
  let tail = 0;
  for (let i = 0; i <= k; i++) {
    tail += Math.exp(logTerm);
    logTerm += Math.log(m - i) - Math.log(i + 1);
  }
  return Math.min(1, 2 * tail);
}

/** The 95% (or `z`) Wilson score interval of `k` successes in `n` trials; [0, 1] for no trials. */
export function wilsonInterval(k: number, n: number, z = 1.959963984540054): [number, number] {
  if (n === 0) return [0, 1];
  const p = k / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denominator;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denominator;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

/** Options of pairedBootstrap. */
export interface BootstrapOptions {
  /** Resamples of the files. Default 2000. */
  resamples?: number;
  /** Coverage of the interval. Default 0.95. */
  level?: number;
  /** Seed of the resampling, so an interval repeats. Default 1. */
  seed?: number;
}

/**
 * The accuracy of B minus that of A and its percentile interval from resampling the files with replacement (each
 * resample keeps a file's pair of outcomes together).
 */
export function pairedBootstrap(a: readonly boolean[], b: readonly boolean[], options: BootstrapOptions = {}): { difference: number; low: number; high: number } {
  const { resamples = 2000, level = 0.95, seed = 1 } = options;
  const n = pairedCounts(a, b).n;
  if (n === 0) return { difference: NaN, low: NaN, high: NaN };
  const d = a.map((right, i) => Number(b[i]) - Number(right));
  const difference = d.reduce((sum, x) => sum + x, 0) / n;
  const rng = makeRng(seed);
  const means = new Float64Array(resamples);
  for (let r = 0; r < resamples; r++) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += d[Math.floor(rng() * n)];
    means[r] = sum / n;
  }
  means.sort();
  const at = (q: number) => means[Math.min(resamples - 1, Math.max(0, Math.round(q * (resamples - 1))))];
  return { difference, low: at((1 - level) / 2), high: at((1 + level) / 2) };
}

/** What compareAccuracy says: B's accuracy minus A's, its 95% paired-bootstrap interval, McNemar's p and the counts. */
export interface AccuracyComparison extends PairedCounts {
  difference: number;
  low: number;
  high: number;
  pValue: number;
}

/** B against A on the same files (right/wrong per file, same order). */
export function compareAccuracy(a: readonly boolean[], b: readonly boolean[], options: BootstrapOptions = {}): AccuracyComparison {
  const counts = pairedCounts(a, b);
  return { ...counts, ...pairedBootstrap(a, b, options), pValue: mcnemarExact(counts.onlyA, counts.onlyB) };
}

/** The sentence a screen shows for how compareAccuracy measured uncertainty. */
export const COMPARISON_METHOD =
  'Difference in accuracy on the files both models scored, with a 95% paired bootstrap interval (2000 resamples of the files); ' +
  "p from McNemar's exact test on the files only one model got right. Each accuracy has a 95% Wilson interval.";

/**
 * Calibration of class posteriors: temperature scaling (Guo et al. 2017: softmax(z / T), T fitted by minimising the
 * negative log-likelihood on held-out data), expected calibration error (top-label, equal-width bins), and coverage /
 * accuracy of the items a classifier answers at a confidence threshold. Rows are plain arrays of class scores.
 */

/** Logits are floored here when taken from posteriors (log 0 would be -Infinity). */
const LOG_FLOOR = -100;

/** Logits (natural logs, floored) of posterior rows: softmax of them gives the rows back. */
export function logitsOfPosteriors(posteriors: ArrayLike<number>[]): number[][] {
  return posteriors.map((row) => Array.from(row, (p) => (p > 0 ? Math.max(Math.log(p), LOG_FLOOR) : LOG_FLOOR)));
}

/** softmax(logits / temperature) of one row; temperature > 0 (1 leaves softmax(logits)). */
export function softmaxAt(logits: ArrayLike<number>, temperature = 1): number[] {
  if (!(temperature > 0)) throw new RangeError(`temperature must be > 0, got ${temperature}`);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) max = Math.max(max, logits[i] / temperature);
  const out = Array.from(logits, (z) => Math.exp(z / temperature - max));
  const sum = out.reduce((a, b) => a + b, 0);
  return out.map((e) => e / sum);
}

/** Posterior rows recalibrated at `temperature`: softmax(log p / T). T = 1 returns the rows as they are. */
export function calibratePosteriors(posteriors: ArrayLike<number>[], temperature: number): number[][] {
  if (temperature === 1) return posteriors.map((row) => Array.from(row));
  return logitsOfPosteriors(posteriors).map((row) => softmaxAt(row, temperature));
}

/** Mean negative log-likelihood (nats) of the true classes under softmax(logits / T); NaN for no items. */
export function nllAt(logits: ArrayLike<number>[], actual: ArrayLike<number>, temperature = 1): number {
  if (logits.length !== actual.length) throw new RangeError(`${logits.length} logit rows for ${actual.length} labels`);
  if (!(temperature > 0)) throw new RangeError(`temperature must be > 0, got ${temperature}`);
  let total = 0;
  for (let i = 0; i < logits.length; i++) {
    const row = logits[i];
    let max = -Infinity;
    for (let c = 0; c < row.length; c++) max = Math.max(max, row[c] / temperature);
    let sum = 0;
    for (let c = 0; c < row.length; c++) sum += Math.exp(row[c] / temperature - max);
    total += max + Math.log(sum) - row[actual[i]] / temperature;
  }
  return logits.length ? total / logits.length : NaN;
}

/** Search range of fitTemperature: T in [MIN, MAX]. */
export const TEMPERATURE_RANGE = { min: 0.05, max: 20 } as const;

/** A fitted temperature with the NLL it gives and the NLL at T = 1. */
export interface TemperatureFit {
  temperature: number;
  nllBefore: number;
  nllAfter: number;
  n: number;
}

/**
 * The temperature T minimising nllAt(logits, actual, T): a golden-section search over log T in TEMPERATURE_RANGE
 * (the NLL of temperature scaling is unimodal in T). No items, or one class, gives T = 1.
 */
export function fitTemperature(logits: ArrayLike<number>[], actual: ArrayLike<number>, iterations = 80): TemperatureFit {
  const nllBefore = nllAt(logits, actual, 1);
  if (logits.length === 0 || (logits[0]?.length ?? 0) < 2) return { temperature: 1, nllBefore, nllAfter: nllBefore, n: logits.length };
  const f = (u: number) => nllAt(logits, actual, Math.exp(u));
  const g = (Math.sqrt(5) - 1) / 2;
  let a = Math.log(TEMPERATURE_RANGE.min);
  let b = Math.log(TEMPERATURE_RANGE.max);
  let c = b - g * (b - a);
  let d = a + g * (b - a);
  let fc = f(c);
  let fd = f(d);
  for (let k = 0; k < iterations && b - a > 1e-9; k++) {
    if (fc < fd) {
      [b, d, fd] = [d, c, fc];
      c = b - g * (b - a);
      fc = f(c);
    } else {
      [a, c, fc] = [c, d, fd];
      d = a + g * (b - a);
      fd = f(d);
    }
  }
  let temperature = Math.exp((a + b) / 2);
  let nllAfter = nllAt(logits, actual, temperature);
  // never worse than leaving the posteriors alone
  if (!(nllAfter <= nllBefore)) [temperature, nllAfter] = [1, nllBefore];
  return { temperature, nllBefore, nllAfter, n: logits.length };
}

/** The top label's posterior of each row and whether it is the true class. */
function topOf(posteriors: ArrayLike<number>[], actual: ArrayLike<number>): { confidence: number; correct: boolean }[] {
  if (posteriors.length !== actual.length) throw new RangeError(`${posteriors.length} posterior rows for ${actual.length} labels`);
  return posteriors.map((row, i) => {
    let best = 0;
    for (let c = 1; c < row.length; c++) if (row[c] > row[best]) best = c;
    return { confidence: row[best], correct: best === actual[i] };
  });
}

/**
 * Top-label expected calibration error: items binned by their top posterior into `bins` equal-width bins over [0, 1]
 * (a confidence of exactly b/bins goes to the bin below it, 1 to the last), ECE = sum over bins of
 * (items in bin / n) * |accuracy in bin - mean confidence in bin|. NaN for no items.
 */
export function expectedCalibrationError(posteriors: ArrayLike<number>[], actual: ArrayLike<number>, bins = 15): number {
  if (!(Number.isInteger(bins) && bins >= 1)) throw new RangeError(`bins must be an integer >= 1, got ${bins}`);
  const tops = topOf(posteriors, actual);
  if (tops.length === 0) return NaN;
  const count = new Array<number>(bins).fill(0);
  const conf = new Array<number>(bins).fill(0);
  const hits = new Array<number>(bins).fill(0);
  for (const t of tops) {
    const b = Math.min(bins - 1, Math.max(0, Math.ceil(t.confidence * bins) - 1));
    count[b] += 1;
    conf[b] += t.confidence;
    hits[b] += t.correct ? 1 : 0;
  }
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b]) ece += Math.abs(hits[b] - conf[b]) / tops.length;
  return ece;
}

/** What a classifier answers at a threshold: the share of items answered, and the accuracy on those. */
export interface Answered {
  /** The threshold on the top posterior: items below it are not answered. */
  minConfidence: number;
  /** Items answered. */
  n: number;
  /** Answered items / all items (NaN for no items). */
  coverage: number;
  /** Accuracy on the answered items (null when none is answered). */
  accuracy: number | null;
}

/**
 * Coverage and accuracy of the items whose top posterior is at least `minConfidence` and whose `eligible` flag is not
 * false (e.g. clips judged to be speech); the others count as not answered.
 */
export function answeredAt(posteriors: ArrayLike<number>[], actual: ArrayLike<number>, minConfidence: number, eligible?: ArrayLike<boolean>): Answered {
  const tops = topOf(posteriors, actual);
  let n = 0;
  let correct = 0;
  tops.forEach((t, i) => {
    if (t.confidence >= minConfidence && (eligible?.[i] ?? true)) {
      n += 1;
      correct += t.correct ? 1 : 0;
    }
  });
  return { minConfidence, n, coverage: tops.length ? n / tops.length : NaN, accuracy: n ? correct / n : null };
}

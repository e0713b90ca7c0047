import { describe, expect, it } from 'vitest';
import {
  answeredAt, calibratePosteriors, expectedCalibrationError, fitTemperature, logitsOfPosteriors, nllAt, softmaxAt,
} from '../../src/metrics/calibration';
import { gaussian, makeRng } from '../../src/util/random';

/** n items of k classes: logits z ~ 3 N(0, 1), true classes drawn from softmax(z / trueT). */
function synthetic(n: number, k: number, trueT: number, seed = 7): { logits: number[][]; actual: number[] } {
  const rng = makeRng(seed);
  const logits: number[][] = [];
  const actual: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = Array.from({ length: k }, () => 3 * gaussian(rng));
    const p = softmaxAt(z, trueT);
    let u = rng();
    let c = 0;
    while (c < k - 1 && u >= p[c]) u -= p[c++];
    logits.push(z);
    actual.push(c);
  }
  return { logits, actual };
}

/** Two-class rows [c, 1 - c]; `correct` of them have true class 0, the rest class 1. */
function rows(confidence: number, count: number, correct: number): { posteriors: number[][]; actual: number[] } {
  return {
    posteriors: Array.from({ length: count }, () => [confidence, 1 - confidence]),
    actual: Array.from({ length: count }, (_, i) => (i < correct ? 0 : 1)),
  };
}

describe('temperature scaling', () => {
  it('recovers a known temperature from synthetic logits and lowers the NLL', () => {
    for (const trueT of [0.5, 2.5]) {
      const { logits, actual } = synthetic(20000, 5, trueT);
      const fit = fitTemperature(logits, actual);
      expect(fit.temperature).toBeGreaterThan(trueT * 0.93);
      expect(fit.temperature).toBeLessThan(trueT * 1.07);
      expect(fit.nllAfter).toBeLessThan(fit.nllBefore - 0.05);
      expect(fit.nllAfter).toBeCloseTo(nllAt(logits, actual, fit.temperature), 12);
      // the minimum: nudging T either way does not lower the NLL
      expect(nllAt(logits, actual, fit.temperature * 1.05)).toBeGreaterThan(fit.nllAfter);
      expect(nllAt(logits, actual, fit.temperature / 1.05)).toBeGreaterThan(fit.nllAfter);
    }
  });

  it('leaves already calibrated logits near T = 1 and never returns a worse NLL than T = 1', () => {
    const { logits, actual } = synthetic(20000, 5, 1, 3);
    const fit = fitTemperature(logits, actual);
    expect(Math.abs(fit.temperature - 1)).toBeLessThan(0.06);
    expect(fit.nllAfter).toBeLessThanOrEqual(fit.nllBefore);
    expect(fitTemperature([], []).temperature).toBe(1);
  });

  it('computes NLL by hand and recalibrates posteriors through their logs', () => {
    expect(nllAt([[Math.log(0.8), Math.log(0.2)]], [0])).toBeCloseTo(-Math.log(0.8), 12);
    // p^(1/T) normalised: T = 2 turns [0.8, 0.2] into [2/3, 1/3]
    const [row] = calibratePosteriors([[0.8, 0.2]], 2);
    expect(row[0]).toBeCloseTo(2 / 3, 12);
    expect(calibratePosteriors([[0.8, 0.2]], 1)).toEqual([[0.8, 0.2]]);
    expect(logitsOfPosteriors([[1, 0]])[0][1]).toBe(-100);
    expect(() => softmaxAt([1, 2], 0)).toThrow(/temperature must be > 0, got 0/);
  });
});

describe('expected calibration error', () => {
  it('is 0 for a perfectly calibrated set', () => {
    const a = rows(0.8, 10, 8);
    const b = rows(0.6, 5, 3);
    expect(expectedCalibrationError([...a.posteriors, ...b.posteriors], [...a.actual, ...b.actual])).toBeCloseTo(0, 12);
  });

  it('is large for an over-confident set, exactly as the formula says', () => {
    // 10 items at 0.95 with 5 right: |0.5 - 0.95| = 0.45 for all of them
    const over = rows(0.95, 10, 5);
    expect(expectedCalibrationError(over.posteriors, over.actual)).toBeCloseTo(0.45, 12);
    // half of them calibrated (0.6, 6 of 10 right): 0.5 * 0.45 + 0.5 * 0
    const ok = rows(0.6, 10, 6);
    expect(expectedCalibrationError([...over.posteriors, ...ok.posteriors], [...over.actual, ...ok.actual])).toBeCloseTo(0.225, 12);
  });

  it('bins by the top label with equal-width bins (a confidence on an edge goes to the bin below)', () => {
    // 15 bins: 0.6 lies on an edge and goes to (0.533, 0.6], 0.61 to (0.6, 0.667]; one right, one wrong:
    // separate bins give 0.5 * |1 - 0.6| + 0.5 * |0 - 0.61| = 0.505, one shared bin |0.5 - 0.605| = 0.105
    const p = [[0.6, 0.4], [0.61, 0.39]];
    expect(expectedCalibrationError(p, [0, 1])).toBeCloseTo(0.505, 12);
    expect(expectedCalibrationError(p, [0, 1], 1)).toBeCloseTo(0.105, 12);
    // the top label counts, whichever class it is
    expect(expectedCalibrationError([[0.1, 0.9]], [1])).toBeCloseTo(0.1, 12);
    expect(Number.isNaN(expectedCalibrationError([], []))).toBe(true);
    expect(() => expectedCalibrationError(p, [0, 1], 0)).toThrow(/bins must be an integer >= 1, got 0/);
  });

  it('drops after temperature scaling an over-confident synthetic set', () => {
    const { logits, actual } = synthetic(5000, 5, 3, 11);
    const before = expectedCalibrationError(logits.map((z) => softmaxAt(z)), actual);
    const fit = fitTemperature(logits, actual);
    const after = expectedCalibrationError(logits.map((z) => softmaxAt(z, fit.temperature)), actual);
    expect(before).toBeGreaterThan(0.15);
    expect(after).toBeLessThan(0.03);
  });
});

describe('answered at a threshold', () => {
  it('counts coverage and accuracy of the items at or above the threshold and eligible', () => {
    const posteriors = [[0.9, 0.1], [0.45, 0.55], [0.3, 0.7], [0.8, 0.2]];
    const actual = [0, 0, 1, 1];
    expect(answeredAt(posteriors, actual, 0.6)).toEqual({ minConfidence: 0.6, n: 3, coverage: 0.75, accuracy: 2 / 3 });
    expect(answeredAt(posteriors, actual, 0.6, [true, true, true, false])).toEqual({ minConfidence: 0.6, n: 2, coverage: 0.5, accuracy: 1 });
    expect(answeredAt(posteriors, actual, 0.95).accuracy).toBeNull();
  });
});

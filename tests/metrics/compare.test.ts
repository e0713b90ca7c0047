import { describe, expect, it } from 'vitest';
import { compareAccuracy, mcnemarExact, pairedBootstrap, pairedCounts, wilsonInterval } from '../../src/metrics/compare';

/** Outcome lists with the given counts of (A right, B right) pairs, in blocks. */
function outcomes(bothRight: number, onlyA: number, onlyB: number, bothWrong: number): [boolean[], boolean[]] {
  const a = [...Array(bothRight).fill(true), ...Array(onlyA).fill(true), ...Array(onlyB).fill(false), ...Array(bothWrong).fill(false)];
  const b = [...Array(bothRight).fill(true), ...Array(onlyA).fill(false), ...Array(onlyB).fill(true), ...Array(bothWrong).fill(false)];
  return [a, b];
}

describe('pairedCounts', () => {
  it('counts the four outcomes and refuses lists of different lengths', () => {
    expect(pairedCounts([true, true, false, false, true], [true, false, true, false, true])).toEqual({ n: 5, bothRight: 2, onlyA: 1, onlyB: 1, bothWrong: 1 });
    expect(() => pairedCounts([true], [true, false])).toThrow('1 outcomes of A, 2 of B');
  });
});

describe('mcnemarExact', () => {
  it('matches the binomial tails computed by hand', () => {
    // 1 vs 6: 2 (C(7,0) + C(7,1)) / 2^7 = 2 * 8 / 128
    expect(mcnemarExact(1, 6)).toBeCloseTo(0.125, 12);
    expect(mcnemarExact(6, 1)).toBeCloseTo(0.125, 12);
    // 0 vs 5: 2 / 32
    expect(mcnemarExact(0, 5)).toBeCloseTo(0.0625, 12);
    // 2 vs 10: 2 (1 + 12 + 66) / 4096
    expect(mcnemarExact(2, 10)).toBeCloseTo(158 / 4096, 12);
    // a tie is no evidence: capped at 1
    expect(mcnemarExact(3, 3)).toBe(1);
    expect(mcnemarExact(0, 0)).toBe(1);
  });

  it('stays finite for thousands of discordant files (2^-m underflows as a plain product)', () => {
    const p = mcnemarExact(1000, 1200);
    expect(p).toBeGreaterThan(0);
    expect(p).toBeLessThan(1e-4);
  });
});

describe('wilsonInterval', () => {
  it('matches the interval computed by hand for 8 of 10 and keeps 10 of 10 inside [0, 1]', () => {
    const [low, high] = wilsonInterval(8, 10);
    expect(low).toBeCloseTo(0.4902, 4);
    expect(high).toBeCloseTo(0.9433, 4);
    const [, top] = wilsonInterval(10, 10);
    expect(top).toBeCloseTo(1, 12);
    expect(top).toBeLessThanOrEqual(1);
    expect(wilsonInterval(0, 0)).toEqual([0, 1]);
  });
});

describe('pairedBootstrap', () => {
  it('has no width when the models agree on every file', () => {
    const [a, b] = outcomes(30, 0, 0, 10);
    expect(pairedBootstrap(a, b)).toEqual({ difference: 0, low: 0, high: 0 });
  });

  it("is close to the normal interval of the paired difference for many files", () => {
    // d = (40 - 20) / 400 = 0.05; Var(d_i) = 60/400 - 0.05^2 = 0.1475; SE = sqrt(0.1475 / 400) = 0.019203
    const [a, b] = outcomes(300, 20, 40, 40);
    const { difference, low, high } = pairedBootstrap(a, b);
    expect(difference).toBeCloseTo(0.05, 12);
    expect(low).toBeCloseTo(0.05 - 1.96 * 0.019203, 2);
    expect(high).toBeCloseTo(0.05 + 1.96 * 0.019203, 2);
    expect(pairedBootstrap(a, b)).toEqual(pairedBootstrap(a, b)); // seeded: the same interval every time
  });

  it('is narrower than two unpaired intervals would suggest when the models mostly agree', () => {
    // A 80%, B 85% on 200 files, disagreeing on 10: unpaired, the standard error is 0.038 and the interval
    // [-0.024, 0.124] holds 0; paired it is 0.0154, about [0.020, 0.080]
    const [a, b] = outcomes(160, 0, 10, 30);
    const { low, high } = pairedBootstrap(a, b);
    expect(low).toBeGreaterThan(0.01);
    expect(high - low).toBeLessThan(0.07);
  });
});

describe('compareAccuracy', () => {
  it('puts counts, difference, interval and p-value together, B minus A', () => {
    const [a, b] = outcomes(5, 1, 6, 2);
    const c = compareAccuracy(a, b);
    expect(c).toMatchObject({ n: 14, bothRight: 5, onlyA: 1, onlyB: 6, bothWrong: 2 });
    expect(c.difference).toBeCloseTo(5 / 14, 12);
    expect(c.pValue).toBeCloseTo(0.125, 12);
    expect(c.low).toBeLessThanOrEqual(c.difference);
    expect(c.high).toBeGreaterThanOrEqual(c.difference);
  });
});

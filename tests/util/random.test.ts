import { describe, expect, it } from 'vitest';
import { gaussian, fillGaussian, makeRng, randomInt, shuffleInPlace } from '../../src/util/random';

describe('makeRng', () => {
  it('repeats exactly for a seed and differs between seeds', () => {
    const a = makeRng(42);
    const b = makeRng(42);
    const c = makeRng(43);
    const sa = Array.from({ length: 5 }, a);
    expect(Array.from({ length: 5 }, b)).toEqual(sa);
    expect(Array.from({ length: 5 }, c)).not.toEqual(sa);
  });

  it('gives uniform numbers in [0, 1) with mean 1/2 and variance 1/12', () => {
    const rng = makeRng(7);
    const n = 100_000;
    let sum = 0;
    let sq = 0;
    let min = 1;
    let max = 0;
    for (let i = 0; i < n; i++) {
      const u = rng();
      min = Math.min(min, u);
      max = Math.max(max, u);
      sum += u;
      sq += u * u;
    }
    expect(min).toBeGreaterThanOrEqual(0);
    expect(max).toBeLessThan(1);
    expect(sum / n).toBeCloseTo(0.5, 2);
    expect(sq / n - (sum / n) ** 2).toBeCloseTo(1 / 12, 2);
  });

  it('rejects a non-finite seed', () => {
    expect(() => makeRng(Number.NaN)).toThrow(/seed/);
  });
});

describe('randomInt, gaussian, shuffleInPlace', () => {
  it('randomInt covers [lo, hi] inclusively and nothing else', () => {
    const rng = makeRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(randomInt(rng, -2, 3));
    expect([...seen].sort((a, b) => a - b)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(() => randomInt(rng, 3, 2)).toThrow(/lo=3, hi=2/);
  });

  it('gaussian has mean 0 and variance 1', () => {
    const rng = makeRng(3);
    const n = 100_000;
    let sum = 0;
    let sq = 0;
    for (let i = 0; i < n; i++) {
      const g = gaussian(rng);
      sum += g;
      sq += g * g;
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(sq / n).toBeGreaterThan(0.97);
    expect(sq / n).toBeLessThan(1.03);
  });

  it('fillGaussian has mean 0, variance 1, uncorrelated neighbours (the two values of a pair), and is seeded', () => {
    const n = 100_001; // odd: the last value comes from a pair of its own
    const x = fillGaussian(new Float32Array(n), makeRng(4));
    let sum = 0;
    let sq = 0;
    let lag = 0;
    for (let i = 0; i < n; i++) {
      sum += x[i];
      sq += x[i] * x[i];
      if (i + 1 < n) lag += x[i] * x[i + 1];
    }
    expect(Math.abs(sum / n)).toBeLessThan(0.02);
    expect(sq / n).toBeGreaterThan(0.97);
    expect(sq / n).toBeLessThan(1.03);
    expect(Math.abs(lag / n)).toBeLessThan(0.02);
    expect(x[n - 1]).not.toBe(0);
    expect(Array.from(fillGaussian(new Float32Array(5), makeRng(4)))).toEqual(Array.from(x.slice(0, 5)));
  });

  it('shuffleInPlace permutes, is seeded, and moves items', () => {
    const items = Array.from({ length: 50 }, (_, i) => i);
    const a = shuffleInPlace([...items], makeRng(5));
    const b = shuffleInPlace([...items], makeRng(5));
    expect(a).toEqual(b);
    expect([...a].sort((x, y) => x - y)).toEqual(items);
    expect(a).not.toEqual(items);
  });
});

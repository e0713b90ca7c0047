import { describe, expect, it } from 'vitest';
import { cmvn } from '../../src/features/cmvn';
import { columnStats } from './signals';
import { makeRng } from '../../src/util/random';

describe('cmvn', () => {
  it('gives every dimension zero mean and unit variance, in place', () => {
    const rng = makeRng(9);
    const frames = 300;
    const dims = 4;
    const data = new Float32Array(frames * dims);
    for (let t = 0; t < frames; t++) for (let d = 0; d < dims; d++) data[t * dims + d] = 10 * d - 7 + (d + 1) * 5 * rng();
    const m = { data, frames, dims };
    expect(cmvn(m)).toBe(m);
    const { mean, std } = columnStats(m);
    for (let d = 0; d < dims; d++) {
      expect(Math.abs(mean[d])).toBeLessThan(1e-6);
      expect(std[d]).toBeCloseTo(1, 5);
    }
  });

  it('turns a constant dimension into zeros and leaves an empty matrix alone', () => {
    const m = { data: Float32Array.from([5, 1, 5, 2, 5, 3]), frames: 3, dims: 2 };
    cmvn(m);
    expect([m.data[0], m.data[2], m.data[4]]).toEqual([0, 0, 0]);
    expect(m.data[1]).toBeCloseTo(-Math.sqrt(1.5), 5);
    expect(cmvn({ data: new Float32Array(0), frames: 0, dims: 3 }).frames).toBe(0);
  });
});

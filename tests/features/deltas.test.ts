import { describe, expect, it } from 'vitest';
import { appendDeltas } from '../../src/features/deltas';
import { row } from './signals';

/** A [frames x 2] matrix whose columns are ramps of slope 3 and -0.5. */
function ramp(frames: number) {
  const data = new Float32Array(frames * 2);
  for (let t = 0; t < frames; t++) {
    data[t * 2] = 3 * t + 1;
    data[t * 2 + 1] = -0.5 * t;
  }
  return { data, frames, dims: 2 };
}

describe('appendDeltas', () => {
  it('gives the slope of a linear ramp as its delta and zero delta-delta, away from the edges', () => {
    const d = appendDeltas(ramp(20), 2);
    expect(d.dims).toBe(6);
    for (let t = 4; t < 16; t++) {
      const r = row(d, t);
      expect(r[0]).toBe(3 * t + 1); // statics first, unchanged
      expect(r[2]).toBeCloseTo(3, 6);
      expect(r[3]).toBeCloseTo(-0.5, 6);
      expect(r[4]).toBeCloseTo(0, 6);
      expect(r[5]).toBeCloseTo(0, 6);
    }
  });

  it('repeats the edge frames: the first delta of a ramp is (1*1 + 2*2) / 10 of the slope', () => {
    const d = appendDeltas(ramp(20), 1);
    expect(d.dims).toBe(4);
    // t = 0: n=1 -> c1 - c0 = 3; n=2 -> c2 - c0 = 6; (1*3 + 2*6) / 10 = 1.5
    expect(row(d, 0)[2]).toBeCloseTo(1.5, 6);
    expect(row(d, 19)[2]).toBeCloseTo(1.5, 6);
  });

  it('returns the input for order 0 and handles one frame (all deltas zero)', () => {
    const m = ramp(5);
    expect(appendDeltas(m, 0)).toBe(m);
    const one = appendDeltas(ramp(1), 2);
    expect(Array.from(one.data)).toEqual([1, -0, 0, 0, 0, 0]);
  });

  it('rejects a matrix whose data does not match frames x dims', () => {
    expect(() => appendDeltas({ data: new Float32Array(5), frames: 2, dims: 3 }, 1)).toThrow(/5 values.*2 x 3/);
  });
});

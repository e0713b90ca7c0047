/** Peak normalisation: the peak lands on the level asked, silence stays silence, bad levels are refused. */
import { describe, expect, it } from 'vitest';
import { withPeakDb } from '../../src/audio';

describe('withPeakDb', () => {
  it('scales so the largest absolute sample is at the level, keeping the shape', () => {
    const x = Float32Array.of(0.1, -0.25, 0.05);
    const y = withPeakDb(x, -6);
    expect(Math.max(...y.map(Math.abs))).toBeCloseTo(10 ** (-6 / 20), 6);
    expect(y[0] / y[1]).toBeCloseTo(x[0] / x[1], 6);
    expect(x[1]).toBeCloseTo(-0.25, 6); // the input is not changed
    expect(Array.from(withPeakDb(new Float32Array(3), -6))).toEqual([0, 0, 0]);
    expect(() => withPeakDb(x, 3)).toThrow(/<= 0, got 3/);
    expect(() => withPeakDb(x, Number.NaN)).toThrow(/dBFS/);
  });
});

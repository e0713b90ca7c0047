import { describe, expect, it } from 'vitest';
import { fftConvolve, reverberate, roomImpulse } from '../../../src/features/augment';
import { makeRng } from '../../../src/util/random';
import { power, whiteNoise } from '../signals';

const rate = 16000;

/** RT60 of an impulse response's tail (from sample `from`) by Schroeder integration, fitted from -5 to -25 dB (T20 x 3). */
function rt60Of(h: Float32Array, from: number): number {
  const edc = new Float64Array(h.length);
  let sum = 0;
  for (let i = h.length - 1; i >= from; i--) edc[i] = sum += h[i] * h[i];
  const level = (i: number) => 10 * Math.log10(edc[i] / edc[from]);
  const points: [number, number][] = [];
  for (let i = from; i < h.length; i++) {
    const l = level(i);
    if (l <= -5 && l >= -25) points.push([(i - from) / rate, l]);
  }
  const n = points.length;
  const mt = points.reduce((s, [t]) => s + t, 0) / n;
  const ml = points.reduce((s, [, l]) => s + l, 0) / n;
  const slope = points.reduce((s, [t, l]) => s + (t - mt) * (l - ml), 0) / points.reduce((s, [t]) => s + (t - mt) ** 2, 0);
  return -60 / slope;
}

describe('roomImpulse', () => {
  it('decays 60 dB in about RT60 (within 10%)', () => {
    for (const rt60 of [0.25, 0.5, 1]) {
      const h = roomImpulse(rt60, 0, makeRng(rt60 * 100), rate);
      expect(h).toHaveLength(Math.ceil(rt60 * rate));
      expect(Math.abs(rt60Of(h, 32) / rt60 - 1)).toBeLessThan(0.1);
    }
  });

  it('has the asked direct-to-reverberant ratio', () => {
    for (const drr of [-3, 0, 12]) {
      const h = roomImpulse(0.4, drr, makeRng(3), rate);
      let tail = 0;
      for (let i = 1; i < h.length; i++) tail += h[i] * h[i];
      expect(10 * Math.log10((h[0] * h[0]) / tail)).toBeCloseTo(drr, 3);
    }
  });

  it('rejects an RT60 outside 0.05..3 s', () => {
    expect(() => roomImpulse(5, 0, makeRng(1))).toThrow('roomImpulse: rt60 must be in 0.05..3 s, got 5');
  });
});

describe('fftConvolve', () => {
  it('is the linear convolution when x has room for the tail, and circular (wrapping the tail) when not', () => {
    const x = whiteNoise(300, 1, 1);
    const h = whiteNoise(50, 1, 2);
    const direct = (i: number, signal: Float32Array) => {
      let s = 0;
      for (let j = 0; j < h.length && j <= i; j++) s += h[j] * signal[i - j];
      return s;
    };
    const padded = new Float32Array(400);
    padded.set(x);
    const y = fftConvolve(padded, h);
    for (let i = 0; i < padded.length; i++) expect(y[i]).toBeCloseTo(direct(i, padded), 4);
    const tight = new Float32Array(256); // a power of two: the tail of its end wraps onto its start
    tight.set(x.subarray(0, 256));
    const c = fftConvolve(tight, h);
    expect(c[3]).toBeCloseTo(direct(3, tight) + direct(256 + 3, Float32Array.from({ length: 320 }, (_, i) => (i < 256 ? tight[i] : 0))), 4);
  });
});

describe('reverberate', () => {
  it('keeps length and mean-square level, repeats for a seed, leaves the input untouched', () => {
    const x = whiteNoise(32000, 0.1, 4);
    const before = Float32Array.from(x);
    const y = reverberate(x, 0.5, 3, makeRng(9));
    expect(y).toHaveLength(x.length);
    expect(power(y) / power(x)).toBeCloseTo(1, 4);
    expect(reverberate(x, 0.5, 3, makeRng(9))).toEqual(y);
    expect(reverberate(x, 0.5, 3, makeRng(10))).not.toEqual(y);
    expect(x).toEqual(before);
    expect(reverberate(new Float32Array(50), 0.3, 0, makeRng(1))).toEqual(new Float32Array(50));
  });

  it("an impulse comes back as the room's response, scaled", () => {
    const x = new Float32Array(2 * rate);
    x[100] = 1;
    const y = reverberate(x, 0.6, 0, makeRng(2));
    const h = roomImpulse(0.6, 0, makeRng(2));
    const g = y[100] / h[0];
    for (const i of [1, 500, 5000, 9000]) expect(y[100 + i]).toBeCloseTo(g * h[i], 5);
    expect(y[50]).toBeCloseTo(0, 6);
  });
});

import { describe, expect, it } from 'vitest';
import { addNoise, applyGain, randomCrop, specAugment, speedPerturb } from '../../src/features/augment';
import { makeRng } from '../../src/util/random';
import { power, sine, whiteNoise } from './signals';

/** Frequency of a tone from its rising zero crossings (linearly interpolated) over the middle of the signal. */
function toneFrequency(x: Float32Array, rate: number): number {
  const crossings: number[] = [];
  const from = Math.floor(x.length * 0.2);
  const to = Math.floor(x.length * 0.8);
  for (let i = from; i < to; i++) {
    if (x[i - 1] < 0 && x[i] >= 0) crossings.push(i - 1 + x[i - 1] / (x[i - 1] - x[i]));
  }
  return ((crossings.length - 1) * rate) / (crossings[crossings.length - 1] - crossings[0]);
}

function snrDb(clean: Float32Array, noisy: Float32Array): number {
  const noise = noisy.map((v, i) => v - clean[i]);
  return 10 * Math.log10(power(clean) / power(noise));
}

describe('addNoise', () => {
  it('reaches the asked SNR within 0.1 dB with white noise, and repeats for a seed', () => {
    const x = sine(440, 0.3, 1);
    for (const snr of [-5, 0, 10, 30]) {
      const y = addNoise(x, snr, makeRng(snr + 100));
      expect(Math.abs(snrDb(x, y) - snr)).toBeLessThan(0.1);
    }
    expect(addNoise(x, 5, makeRng(1))).toEqual(addNoise(x, 5, makeRng(1)));
    expect(addNoise(x, 5, makeRng(1))).not.toEqual(addNoise(x, 5, makeRng(2)));
  });

  it('adds white noise by default: flat spectrum, zero mean, also on clips longer than its 16 s table', () => {
    const x = sine(440, 0.3, 20); // 20 s: the table wraps
    const y = addNoise(x, 0, makeRng(7));
    const noise = y.map((v, i) => v - x[i]);
    let mean = 0;
    let low = 0; // power of first differences vs sums: equal for white noise (lag-1 correlation 0)
    let high = 0;
    for (let i = 1; i < noise.length; i++) {
      mean += noise[i];
      low += (noise[i] + noise[i - 1]) ** 2;
      high += (noise[i] - noise[i - 1]) ** 2;
    }
    expect(Math.abs(mean / noise.length)).toBeLessThan(0.01 * Math.sqrt(power(noise)));
    expect(low / high).toBeGreaterThan(0.95);
    expect(low / high).toBeLessThan(1.05);
    expect(Math.abs(snrDb(x, y))).toBeLessThan(0.1);
  });

  it('uses supplied noise (repeated when shorter) and leaves the input untouched', () => {
    const x = sine(300, 0.5, 0.5);
    const before = Float32Array.from(x);
    const babble = sine(2000, 1, 0.1); // shorter than x
    const y = addNoise(x, 3, makeRng(4), babble);
    expect(Math.abs(snrDb(x, y) - 3)).toBeLessThan(0.1);
    expect(x).toEqual(before);
  });

  it('returns silence unchanged and rejects silent or empty noise', () => {
    expect(addNoise(new Float32Array(100), 10, makeRng(1))).toEqual(new Float32Array(100));
    expect(() => addNoise(sine(100, 1, 0.1), 10, makeRng(1), new Float32Array(50))).toThrow(/silent/);
    expect(() => addNoise(sine(100, 1, 0.1), 10, makeRng(1), new Float32Array(0))).toThrow(/empty/);
  });
});

describe('applyGain', () => {
  it('scales power by 10^(db/10)', () => {
    const x = whiteNoise(1000, 0.1, 5);
    expect(10 * Math.log10(power(applyGain(x, 6)) / power(x))).toBeCloseTo(6, 4);
    expect(10 * Math.log10(power(applyGain(x, -20)) / power(x))).toBeCloseTo(-20, 4);
  });
});

describe('speedPerturb', () => {
  it('scales duration by 1/factor and the pitch of a tone by factor', () => {
    const x = sine(1000, 0.5, 1);
    for (const factor of [0.9, 1.1, 1.25]) {
      const y = speedPerturb(x, factor);
      expect(y.length).toBe(Math.ceil(x.length / factor));
      expect(toneFrequency(y, 16000)).toBeCloseTo(1000 * factor, 0);
      expect(power(y)).toBeCloseTo(power(x), 2); // the tone passes at full level
    }
    expect(() => speedPerturb(x, 3)).toThrow(/0\.5\.\.2, got 3/);
  });
});

describe('randomCrop', () => {
  it('cuts a random stretch of exactly the asked length from a long signal', () => {
    const x = Float32Array.from({ length: 1000 }, (_, i) => i + 1);
    const y = randomCrop(x, 300, makeRng(8));
    expect(y.length).toBe(300);
    for (let i = 1; i < 300; i++) expect(y[i]).toBe(y[0] + i);
  });

  it('pads a short signal with zeros around it', () => {
    const x = Float32Array.from([1, 2, 3]);
    const y = randomCrop(x, 10, makeRng(9));
    expect(y.length).toBe(10);
    const start = y.indexOf(1);
    expect(Array.from(y.subarray(start, start + 3))).toEqual([1, 2, 3]);
    expect(y.reduce((a, b) => a + b, 0)).toBe(6);
  });
});

describe('specAugment', () => {
  it('masks whole bands and whole frame runs in place, with the matrix mean by default', () => {
    const frames = 100;
    const dims = 40;
    const data = Float32Array.from({ length: frames * dims }, (_, i) => 1 + (i % 7));
    const m = { data, frames, dims };
    const mean = data.reduce((a, b) => a + b, 0) / data.length;
    expect(specAugment(m, { freqMasks: 1, freqWidth: 10, timeMasks: 1, timeWidth: 10 }, makeRng(3))).toBe(m);
    const masked = (t: number, d: number) => Math.abs(data[t * dims + d] - mean) < 1e-5;
    const maskedBands = Array.from({ length: dims }, (_, d) => d).filter((d) => Array.from({ length: frames }, (_, t) => t).every((t) => masked(t, d)));
    const maskedFrames = Array.from({ length: frames }, (_, t) => t).filter((t) => Array.from({ length: dims }, (_, d) => d).every((d) => masked(t, d)));
    // Bands and frames are masked as contiguous runs of at most the width.
    expect(maskedBands.length).toBeLessThanOrEqual(10);
    expect(maskedFrames.length).toBeLessThanOrEqual(10);
    expect(maskedBands.length + maskedFrames.length).toBeGreaterThan(0);
    if (maskedBands.length) expect(maskedBands[maskedBands.length - 1] - maskedBands[0]).toBe(maskedBands.length - 1);
  });

  it('repeats for a seed, fills zeros on request, and leaves the matrix alone with no masks', () => {
    const make = () => ({ data: Float32Array.from({ length: 50 * 20 }, (_, i) => 1 + (i % 5)), frames: 50, dims: 20 });
    const a = specAugment(make(), { fill: 'zero' }, makeRng(5));
    const b = specAugment(make(), { fill: 'zero' }, makeRng(5));
    expect(a.data).toEqual(b.data);
    expect(a.data.some((v) => v === 0)).toBe(true);
    const c = specAugment(make(), { freqMasks: 0, timeMasks: 0 }, makeRng(5));
    expect(c.data).toEqual(make().data);
    expect(() => specAugment(make(), { timeMasks: -1 }, makeRng(1))).toThrow(/timeMasks.*-1/);
  });
});

import { describe, expect, it } from 'vitest';
import { biquad, filterInPlace, pitchShift, vtlp, vtlpSourceBins } from '../../../src/features/augment';
import { shortTimeProcess } from '../../../src/features/augment/stft';
import { whiteNoise } from '../signals';
import { peakHz, welch } from './spectrum';

const rate = 16000;

/** A whispered vowel: white noise through formant resonances at 1000 and 2500 Hz. */
function whisper(seconds: number, seed: number): Float32Array {
  const x = whiteNoise(seconds * rate, 0.05, seed);
  return filterInPlace(x, [biquad('peaking', 1000, rate, 5, 24), biquad('peaking', 2500, rate, 5, 18)]);
}

/** A voiced vowel: a pulse train at f0 through the same resonances. */
function voiced(f0: number, seconds: number): Float32Array {
  const x = new Float32Array(seconds * rate);
  for (let i = 0; i < x.length; i += rate / f0) x[Math.floor(i)] = 1;
  return filterInPlace(x, [biquad('peaking', 1000, rate, 5, 24), biquad('peaking', 2500, rate, 5, 18)]);
}

/** Fundamental frequency from the autocorrelation peak between 80 and 400 Hz (parabola-interpolated). */
function f0Of(x: Float32Array): number {
  const from = Math.floor(rate / 400);
  const to = Math.ceil(rate / 80);
  const ac = (lag: number) => {
    let s = 0;
    for (let i = rate / 2; i + lag < x.length - rate / 2; i++) s += x[i] * x[i + lag];
    return s;
  };
  let best = from;
  let bestValue = -Infinity;
  for (let lag = from; lag <= to; lag++) {
    const v = ac(lag);
    if (v > bestValue) [best, bestValue] = [lag, v];
  }
  const [a, b, c] = [ac(best - 1), bestValue, ac(best + 1)];
  return rate / (best + (a - c) / (2 * (a - 2 * b + c)));
}

describe('vtlp', () => {
  it('moves a formant peak by the warp factor within 5%', () => {
    const x = whisper(4, 5);
    expect(peakHz(welch(x), 600, 1600, 250) / 1000).toBeCloseTo(1, 1);
    for (const alpha of [0.85, 0.9, 1.1, 1.2]) {
      const moved = peakHz(welch(vtlp(x, alpha)), 600, 1600, 250);
      expect(Math.abs(moved / (1000 * alpha) - 1)).toBeLessThan(0.05);
    }
  });

  it('keeps the pitch of a voiced vowel (within 1%) and the length, and leaves the input untouched', () => {
    const x = voiced(120, 2);
    const before = Float32Array.from(x);
    for (const alpha of [0.9, 1.15]) {
      const y = vtlp(x, alpha);
      expect(y).toHaveLength(x.length);
      expect(Math.abs(f0Of(y) / 120 - 1)).toBeLessThan(0.01);
    }
    expect(x).toEqual(before);
    expect(vtlp(x, 1)).toEqual(x);
    expect(vtlp(new Float32Array(0), 1.1)).toHaveLength(0);
    expect(vtlp(new Float32Array(100), 1.1)).toEqual(new Float32Array(100)); // silence stays silence
  });

  it('warps piecewise-linearly: f -> alpha f below the boundary, Nyquist to Nyquist', () => {
    const up = vtlpSourceBins(1.2, 512);
    expect(up[120]).toBeCloseTo(100, 9);
    expect(up[256]).toBeCloseTo(256, 9);
    const down = vtlpSourceBins(0.8, 512);
    expect(down[80]).toBeCloseTo(100, 9);
    expect(down[256]).toBeCloseTo(256, 9);
    for (let k = 1; k <= 256; k++) expect(up[k]).toBeGreaterThan(up[k - 1]);
  });

  it('rejects warp factors outside 0.65..1.5', () => {
    expect(() => vtlp(new Float32Array(10), 2)).toThrow('vtlp: alpha must be in 0.65..1.5, got 2');
    expect(() => vtlp(new Float32Array(10), NaN)).toThrow(/got NaN/);
  });
});

describe('shortTimeProcess', () => {
  it('gives back its input when no frame is changed', () => {
    const x = whiteNoise(5000, 0.3, 2);
    const y = shortTimeProcess(x, 512, () => {});
    let worst = 0;
    for (let i = 0; i < x.length; i++) worst = Math.max(worst, Math.abs(y[i] - x[i]));
    expect(worst).toBeLessThan(1e-6);
  });
});

describe('pitchShift', () => {
  it('moves the pitch by 2^(s/12) (within 1%) and keeps the formant (within 5%)', () => {
    for (const semitones of [-3, 2]) {
      const beta = Math.round(2 ** (semitones / 12) * 100) / 100;
      const y = pitchShift(voiced(120, 2), semitones);
      expect(y).toHaveLength(Math.ceil((2 * rate) / beta));
      expect(Math.abs(f0Of(y) / (120 * beta) - 1)).toBeLessThan(0.01);
      const formant = peakHz(welch(pitchShift(whisper(4, 9), semitones)), 600, 1600, 250);
      expect(Math.abs(formant / 1000 - 1)).toBeLessThan(0.05);
    }
  });

  it('rejects shifts beyond 6 semitones', () => {
    expect(() => pitchShift(new Float32Array(10), 7)).toThrow('pitchShift: semitones must be in -6..6, got 7');
  });
});

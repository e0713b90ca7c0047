/** LSD and MCD: zero for identical signals, the known values of a gain, of independent noises, and of cepstra. */
import { describe, expect, it } from 'vitest';
import { cepstralDistortion, levelDifference, logSpectralDistance, melCepstralDistortion, spectralDistortion } from '../../src/metrics/spectral-distortion';
import { fillGaussian, makeRng } from '../../src/util/random';
import { sine } from '../audio/fixtures';

const RATE = 16000;
const noise = (seconds: number, seed: number, scale = 0.1) => fillGaussian(new Float32Array(seconds * RATE), makeRng(seed)).map((x) => x * scale);
const scaled = (x: Float32Array, g: number) => x.map((v) => v * g);

describe('spectral distortion', () => {
  it('is 0 for identical signals, and a gain g gives LSD |20 log10 g| and MCD 0 (c0 excluded)', () => {
    const x = noise(1, 3);
    expect(spectralDistortion(x, x, RATE)).toEqual({ lsdDb: 0, mcdDb: 0, levelDb: 0, frames: 98 });
    expect(levelDifference(x, scaled(x, 2), RATE)).toBeCloseTo(20 * Math.log10(2), 5);
    expect(logSpectralDistance(x, scaled(x, 2), RATE)).toBeCloseTo(20 * Math.log10(2), 3);
    // (a deeper floor, so that no bin of the quieter copy reaches it)
    expect(logSpectralDistance(x, scaled(x, 0.1), RATE, { floorDb: 100 })).toBeCloseTo(20, 3);
    expect(melCepstralDistortion(x, scaled(x, 2), RATE)).toBeLessThan(1e-3);
  });

  it('independent white noises of one power differ by the log of a ratio of exponentials: 10/ln10 * pi/sqrt(3) = 7.88 dB', () => {
    const lsd = logSpectralDistance(noise(2, 1), noise(2, 2), RATE);
    expect(lsd).toBeGreaterThan(7.88 - 0.3);
    expect(lsd).toBeLessThan(7.88 + 0.3);
    // a tone against noise is far; a one-sample shift of a tone is near
    const tone = sine(440, RATE, 1, 0.5);
    expect(logSpectralDistance(tone, noise(1, 4), RATE)).toBeGreaterThan(20);
    expect(logSpectralDistance(tone, tone.subarray(1), RATE)).toBeLessThan(0.5);
    expect(melCepstralDistortion(tone, noise(1, 4), RATE)).toBeGreaterThan(10);
  });

  it('MCD of cepstra: c1 off by 1 in every frame gives 10/ln10 * sqrt(2); c0 does not count; common frames only', () => {
    const a = { data: new Float32Array(3 * 4), frames: 3, dims: 4 };
    const b = { data: Float32Array.from([9, 1, 0, 0, -9, 1, 0, 0, 5, 1, 0, 0, 7, 7, 7, 7]), frames: 4, dims: 4 };
    expect(cepstralDistortion(a, b)).toBeCloseTo((10 / Math.LN10) * Math.SQRT2, 6);
    const c = { data: Float32Array.from([0, 1, 2, 0, 0, 0, 0, 0]), frames: 2, dims: 4 };
    expect(cepstralDistortion(a, c)).toBeCloseTo(((10 / Math.LN10) * Math.sqrt(10)) / 2, 6);
    expect(() => cepstralDistortion(a, { data: new Float32Array(3), frames: 1, dims: 3 })).toThrow(/4 and 3 coefficients/);
  });

  it("compares the reference's active frames only, floored 60 dB below its loudest", () => {
    // half a second of tone, then digital silence: frames 0-49 (starting every 160 samples, 400 long) hold some tone
    // and the hiss starts after the last of them
    const x = new Float32Array(RATE);
    x.set(sine(300, RATE, 0.5, 0.5));
    const hiss = noise(1, 5, 0.05);
    const hissInPause = x.map((v, i) => (i >= 49 * 160 + 400 ? hiss[i] : v));
    expect(spectralDistortion(x, hissInPause, RATE)).toEqual({ lsdDb: 0, mcdDb: 0, levelDb: 0, frames: 50 });
    // bins far below the tone's peak are floored on both sides: a faint hiss (-100 dB) under the tone costs nothing
    const faint = x.map((v, i) => v + 1e-5 * hiss[i]);
    expect(logSpectralDistance(x, faint, RATE)).toBeLessThan(0.01);
    expect(melCepstralDistortion(x, faint, RATE)).toBeLessThan(0.01);
    // ...an audible one (-20 dB) does
    const audible = x.map((v, i) => v + hiss[i]);
    expect(logSpectralDistance(x, audible, RATE)).toBeGreaterThan(10);
    expect(melCepstralDistortion(x, audible, RATE)).toBeGreaterThan(10);
    // an unbounded active range takes the silent frames in too (all 98), where the hiss is far above the floor
    expect(spectralDistortion(x, hissInPause, RATE, { activeRangeDb: Infinity }).frames).toBe(98);
    expect(logSpectralDistance(x, hissInPause, RATE, { activeRangeDb: Infinity })).toBeGreaterThan(10);
  });

  it('refuses a silent reference', () => {
    expect(() => logSpectralDistance(new Float32Array(RATE), noise(1, 1), RATE)).toThrow('distortion: the reference is silent');
  });

  it('refuses signals at another rate or shorter than one window', () => {
    expect(() => logSpectralDistance(noise(1, 1), noise(1, 2), 8000)).toThrow(/8000 Hz, the analysis spec is at 16000 Hz/);
    expect(() => melCepstralDistortion(noise(1, 1), new Float32Array(100), RATE)).toThrow(/100 samples is shorter than one 400-sample window/);
  });
});

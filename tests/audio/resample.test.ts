/** The resampler: passband gain, anti-aliasing, no images, no delay, lengths and odd ratios. */
import { describe, expect, it } from 'vitest';
import { resample } from '../../src/audio';
import { sine } from './fixtures';

/** RMS of x away from its edges (where the filter sees zeros beyond the signal). */
function innerRms(x: Float32Array, edge = 400): number {
  let sum = 0;
  for (let i = edge; i < x.length - edge; i++) sum += x[i] * x[i];
  return Math.sqrt(sum / (x.length - 2 * edge));
}

const db = (ratio: number) => 20 * Math.log10(ratio);

describe('resample', () => {
  it('keeps a 1 kHz tone within 0.5 dB from 44.1 kHz to 16 kHz', () => {
    const out = resample(sine(1000, 44100, 1, 0.5), 44100, 16000);
    expect(out.length).toBe(16000);
    expect(Math.abs(db(innerRms(out) / (0.5 / Math.SQRT2)))).toBeLessThan(0.05);
  });

  it('attenuates a 10 kHz tone in 44.1 kHz input by at least 40 dB at 16 kHz (it would alias to 6 kHz)', () => {
    const out = resample(sine(10000, 44100, 1, 0.5), 44100, 16000);
    const attenuation = -db(innerRms(out) / (0.5 / Math.SQRT2));
    expect(attenuation).toBeGreaterThanOrEqual(40);
    expect(attenuation).toBeGreaterThanOrEqual(70); // the design gives ~80 dB; guard against regressions
  });

  it('passes 6.5 kHz (0.81 of the new Nyquist) within 0.5 dB from 48 kHz to 16 kHz', () => {
    const out = resample(sine(6500, 48000, 1, 0.5), 48000, 16000);
    expect(Math.abs(db(innerRms(out) / (0.5 / Math.SQRT2)))).toBeLessThan(0.5);
  });

  it('upsamples 8 kHz to 16 kHz without images: a 1 kHz tone stays a pure 1 kHz tone', () => {
    const out = resample(sine(1000, 8000, 1, 0.5), 8000, 16000);
    expect(out.length).toBe(16000);
    const ideal = sine(1000, 16000, 1, 0.5);
    let maxError = 0;
    for (let i = 400; i < out.length - 400; i++) maxError = Math.max(maxError, Math.abs(out[i] - ideal[i]));
    // An image at 7 kHz, or any delay, would show up as a large difference from the ideal tone.
    expect(maxError).toBeLessThan(1e-3);
  });

  it('has no delay: output n is the input at time n * from / to', () => {
    const out = resample(sine(300, 48000, 0.5, 0.8), 48000, 16000);
    const ideal = sine(300, 16000, 0.5, 0.8);
    let maxError = 0;
    for (let i = 200; i < out.length - 200; i++) maxError = Math.max(maxError, Math.abs(out[i] - ideal[i]));
    expect(maxError).toBeLessThan(1e-4);
  });

  it('keeps DC exactly away from the edges', () => {
    const out = resample(new Float32Array(22050).fill(0.5), 22050, 16000);
    let maxError = 0;
    for (let i = 300; i < out.length - 300; i++) maxError = Math.max(maxError, Math.abs(out[i] - 0.5));
    expect(maxError).toBeLessThan(1e-5);
  });

  it('gives ceil(n * to / from) samples, and a copy at equal rates', () => {
    expect(resample(new Float32Array(44101), 44100, 16000).length).toBe(Math.ceil((44101 * 16000) / 44100));
    expect(resample(new Float32Array(1), 44100, 16000).length).toBe(1);
    expect(resample(new Float32Array(0), 44100, 16000).length).toBe(0);
    const x = new Float32Array([1, 2, 3]);
    const same = resample(x, 16000, 16000);
    expect(Array.from(same)).toEqual([1, 2, 3]);
    expect(same).not.toBe(x);
  });

  it('handles ratios with a huge numerator (44100 -> 16001) through rounded phases', () => {
    const out = resample(sine(1000, 44100, 1, 0.5), 44100, 16001);
    expect(out.length).toBe(16001);
    const ideal = sine(1000, 16001, 1, 0.5);
    let maxError = 0;
    for (let i = 400; i < out.length - 400; i++) maxError = Math.max(maxError, Math.abs(out[i] - ideal[i]));
    expect(maxError).toBeLessThan(1e-3);
  });

  it('rejects rates that are not positive integers', () => {
    expect(() => resample(new Float32Array(4), 0, 16000)).toThrow(/fromRate must be a positive integer, got 0/);
    expect(() => resample(new Float32Array(4), 16000, 1.5)).toThrow(/toRate must be a positive integer, got 1.5/);
  });
});

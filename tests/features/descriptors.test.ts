import { describe, expect, it } from 'vitest';
import { computeDescriptors, descriptorNames } from '../../src/features/descriptors';
import { columnStats, sine, whiteNoise } from './signals';

describe('meyda descriptors', () => {
  it('gives rms = A / sqrt 2 for a sine of amplitude A (whole periods per frame)', () => {
    // 1000 Hz at 16 kHz: a 512-sample frame holds exactly 32 periods.
    for (const amp of [0.1, 0.5, 0.9]) {
      const d = computeDescriptors(sine(1000, amp, 0.25), ['rms']);
      for (const v of d.data) expect(v).toBeCloseTo(amp / Math.SQRT2, 5);
    }
  });

  it('puts the spectral centroid of a sine at its frequency (in Hz) and counts its zero crossings', () => {
    const d = computeDescriptors(sine(1000, 0.5, 0.25, 16000, 0.3), ['spectralCentroid', 'zcr', 'spectralFlatness']);
    const { mean } = columnStats(d);
    expect(mean[0]).toBeGreaterThan(950);
    expect(mean[0]).toBeLessThan(1050);
    expect(mean[1]).toBeGreaterThanOrEqual(63); // 32 periods: 64 sign changes, 63 or 64 inside a frame
    expect(mean[1]).toBeLessThanOrEqual(64);
    expect(mean[2]).toBeLessThan(0.01); // a pure tone is anything but flat
  });

  it('finds white noise flat and bright: flatness near its Rayleigh value 0.846, centroid near a quarter of the rate', () => {
    const d = computeDescriptors(whiteNoise(16000, 0.1, 4), ['spectralFlatness', 'spectralCentroid', 'spectralRolloff']);
    const { mean } = columnStats(d);
    // Magnitudes of white noise are Rayleigh: geometric / arithmetic mean = sqrt(2) e^(-gamma / 2) / sqrt(pi / 2).
    expect(mean[0]).toBeCloseTo((Math.SQRT2 * Math.exp(-0.5772156649 / 2)) / Math.sqrt(Math.PI / 2), 1);
    expect(mean[1]).toBeGreaterThan(3500);
    expect(mean[1]).toBeLessThan(4500);
    expect(mean[2]).toBeGreaterThan(7000);
  });

  it('computes every registered descriptor, with names as columns and 0 (not NaN) for silent frames', () => {
    const d = computeDescriptors(new Float32Array(2000));
    expect(d.names).toEqual(descriptorNames);
    expect(d.dims).toBe(descriptorNames.length);
    expect(d.frames).toBe(1 + Math.floor((2000 - 512) / 160));
    for (const v of d.data) expect(Number.isFinite(v)).toBe(true);
  });

  it('rejects a frame size that is not a power of two and an unknown name', () => {
    expect(() => computeDescriptors(new Float32Array(1000), ['rms'], { frameSize: 400 })).toThrow(/power of two.*400/);
    expect(() => computeDescriptors(new Float32Array(1000), ['loud' as never])).toThrow(/unknown descriptor 'loud'/);
  });
});

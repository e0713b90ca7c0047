import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../src/features/extract';
import { defaultFeatureSpec } from '../../src/features/spec';
import { columnStats, row, whiteNoise } from './signals';

const mfccStatic = { ...defaultFeatureSpec('mfcc'), deltas: 0 as const, cmvn: 'none' as const };

describe('MFCC', () => {
  it('is the orthonormal DCT-II of the log-mel bands', () => {
    const x = whiteNoise(8000, 0.1, 11);
    const mel = extractFeatures(x, { ...mfccStatic, kind: 'logmel' });
    const mfcc = extractFeatures(x, mfccStatic);
    expect(mfcc.dims).toBe(13);
    expect(mfcc.frames).toBe(mel.frames);
    const M = mel.dims;
    for (const t of [0, 10, mel.frames - 1]) {
      const l = row(mel, t);
      for (let k = 0; k < 13; k++) {
        let c = 0;
        for (let m = 0; m < M; m++) c += l[m] * Math.cos((Math.PI * k * (m + 0.5)) / M);
        c *= Math.sqrt((k === 0 ? 1 : 2) / M);
        expect(row(mfcc, t)[k]).toBeCloseTo(c, 3);
      }
    }
  });

  it('is flat for white noise: with unit-area mel filters, c1..c12 are near 0 while c0 carries the level', () => {
    const spec = { ...mfccStatic, preemphasis: 0, melNorm: 'slaney' as const };
    const noise = whiteNoise(32000, 0.1, 12);
    const { mean } = columnStats(extractFeatures(noise, spec));
    // The log-mel of white noise is level across bands (up to the small downward bias of the log of an average of
    // few bins in the narrow low bands), so only c0 = sqrt(40) * level is large.
    expect(Math.abs(mean[0])).toBeGreaterThan(15);
    for (let k = 1; k < 13; k++) expect(Math.abs(mean[k]), `c${k}`).toBeLessThan(0.8);
    // The same noise through pre-emphasis (a ~30 dB high-frequency tilt) is not flat: c1 becomes large.
    const tilted = columnStats(extractFeatures(noise, { ...spec, preemphasis: 0.97 })).mean;
    expect(Math.abs(tilted[1])).toBeGreaterThan(5);
  });

  it('appends deltas and applies CMVN by default: 39 dims, zero mean, unit variance', () => {
    const m = extractFeatures(whiteNoise(16000, 0.1, 13), defaultFeatureSpec('mfcc'));
    expect(m.dims).toBe(39);
    const { mean, std } = columnStats(m);
    for (let d = 0; d < 39; d++) {
      expect(Math.abs(mean[d])).toBeLessThan(1e-5);
      expect(std[d]).toBeCloseTo(1, 4);
    }
  });
});

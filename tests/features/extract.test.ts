import { describe, expect, it } from 'vitest';
import { extractFeatures, preemphasize } from '../../src/features/extract';
import { frameSignal } from '../../src/features/frame';
import { defaultFeatureSpec } from '../../src/features/spec';
import { whiteNoise } from './signals';

describe('extractFeatures', () => {
  it("'frames' gives the raw windows of frameSignal, pre-emphasised when the spec asks", () => {
    const x = whiteNoise(5000, 0.2, 21);
    const raw = extractFeatures(x, defaultFeatureSpec('frames'));
    expect(raw.dims).toBe(400);
    expect(raw.data).toEqual(frameSignal(x).data);
    const emphasised = extractFeatures(x, { ...defaultFeatureSpec('frames'), preemphasis: 0.9 });
    expect(emphasised.data).toEqual(frameSignal(preemphasize(x, 0.9)).data);
    expect(emphasised.data[401]).toBeCloseTo(x[161] - 0.9 * x[160], 6);
  });

  it('derives window and hop from the spec: 16 ms / 8 ms at 8 kHz is 128 / 64 samples', () => {
    const spec = { ...defaultFeatureSpec('logmel'), sampleRate: 8000, windowMs: 16, hopMs: 8, fftSize: 256, nMels: 23, fMax: 4000 };
    const m = extractFeatures(whiteNoise(8000, 0.1, 22), spec);
    expect(m.frames).toBe(1 + Math.floor((8000 - 128) / 64));
    expect(m.dims).toBe(23);
  });

  it('validates the spec it is given, naming the bad field', () => {
    expect(() => extractFeatures(new Float32Array(1000), { ...defaultFeatureSpec('mfcc'), nMfcc: 0 })).toThrow(/FeatureSpec\.nMfcc/);
  });

  it('leaves its input untouched', () => {
    const x = whiteNoise(3000, 0.1, 23);
    const copy = Float32Array.from(x);
    for (const kind of ['frames', 'logmel', 'mfcc'] as const) extractFeatures(x, { ...defaultFeatureSpec(kind), preemphasis: 0.97 });
    expect(x).toEqual(copy);
  });
});

import { describe, expect, it } from 'vitest';
import { extractPatches, overlapAddPatches, patchSamples, patchStarts, generativeFeatureSpec } from '../../../src/models/generative';

describe('log-mel patches', () => {
  it('starts a patch every hop plus one flush with the end, none for a file shorter than a patch', () => {
    expect(patchStarts(100, { frames: 32, hop: 16 })).toEqual([0, 16, 32, 48, 64, 68]);
    expect(patchStarts(64, { frames: 32, hop: 32 })).toEqual([0, 32]);
    expect(patchStarts(31, { frames: 32, hop: 16 })).toEqual([]);
  });

  it('cuts rows of frames x bands and overlap-adds them back to the same matrix', () => {
    const frames = 50;
    const dims = 3;
    const data = Float32Array.from({ length: frames * dims }, (_, i) => Math.sin(i));
    const patch = { frames: 8, hop: 3 };
    const p = extractPatches({ data, frames, dims }, patch);
    expect(p.count).toBe(p.starts.length);
    expect(Array.from(p.data.subarray(8 * dims, 9 * dims))).toEqual(Array.from(data.subarray(3 * dims, 4 * dims))); // patch 1, frame 0 = frame 3
    const back = overlapAddPatches(p.data, p.starts, patch, dims, frames);
    for (let i = 0; i < data.length; i++) expect(back.data[i]).toBeCloseTo(data[i], 5);
  });

  it('spans 32 frames of the default spec in 0.335 s', () => {
    expect(patchSamples({ frames: 32, hop: 16 }, generativeFeatureSpec())).toBe(31 * 160 + 400);
  });
});

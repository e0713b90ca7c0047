import { describe, expect, it } from 'vitest';
import { initEngine } from '../../src/engine';
import { lengthBucketedBatches, makeBatch, warpBands } from '../../src/train/asr-data';
import { makeRng } from '../../src/util/random';

describe('ASR batches', () => {
  it('puts every utterance in exactly one batch, groups similar lengths, and repeats for a seed', () => {
    const lengths = Array.from({ length: 203 }, (_, i) => ((i * 7919) % 500) + 10);
    const batches = lengthBucketedBatches(lengths, 16, makeRng(3));
    expect(batches.flat().sort((a, b) => a - b)).toEqual(lengths.map((_, i) => i));
    expect(Math.max(...batches.map((b) => b.length))).toBe(16);
    // within a batch the spread of lengths is far below the spread of the whole set (window of 8 batches sorted)
    const spread = (b: number[]) => Math.max(...b.map((i) => lengths[i])) - Math.min(...b.map((i) => lengths[i]));
    expect(batches.reduce((s, b) => s + spread(b), 0) / batches.length).toBeLessThan(0.3 * 490);
    expect(lengthBucketedBatches(lengths, 16, makeRng(3))).toEqual(batches);
  });

  it('zero-pads features into [batch, frames, dims] and maps lengths to output frames', async () => {
    await initEngine('cpu');
    const a = { data: Float32Array.from({ length: 6 }, (_, i) => i + 1), frames: 3, dims: 2 };
    const b = { data: Float32Array.from([9, 9]), frames: 1, dims: 2 };
    const batch = makeBatch([a, b], [[2], [3, 4]], (n) => Math.ceil(n / 2));
    expect(batch.x.shape).toEqual([2, 3, 2]);
    expect(Array.from(batch.x.dataSync())).toEqual([1, 2, 3, 4, 5, 6, 9, 9, 0, 0, 0, 0]);
    expect(batch.outputLengths).toEqual([2, 1]);
    batch.x.dispose();
  });

  it('warps the band axis monotonically, keeps both ends and moves the inner bands by at most maxShift', () => {
    const dims = 40, frames = 3;
    const ramp = { data: Float32Array.from({ length: frames * dims }, (_, i) => i % dims), frames, dims };
    expect(Array.from(warpBands(ramp, 0, makeRng(1)).data)).toEqual(Array.from(ramp.data));
    let moved = 0;
    for (let seed = 1; seed <= 20; seed++) {
      const w = warpBands(ramp, 4, makeRng(seed));
      // a ramp 0..39 reads back the warp w(b) itself: fixed ends, increasing, within maxShift of b
      const row = Array.from(w.data.subarray(dims, 2 * dims));
      expect(row[0]).toBe(0);
      expect(row[dims - 1]).toBeCloseTo(dims - 1, 5);
      row.forEach((v, b) => {
        expect(Math.abs(v - b)).toBeLessThanOrEqual(4 + 1e-5);
        if (b > 0) expect(v).toBeGreaterThan(row[b - 1]);
      });
      moved = Math.max(moved, Math.max(...row.map((v, b) => Math.abs(v - b))));
      expect(Array.from(w.data.subarray(0, dims))).toEqual(row);
    }
    expect(moved).toBeGreaterThan(2);
    expect(() => warpBands(ramp, 7, makeRng(1))).toThrow(/maxShift/);
  });
});

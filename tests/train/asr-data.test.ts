import { describe, expect, it } from 'vitest';
import { initEngine } from '../../src/engine';
import { lengthBucketedBatches, makeBatch } from '../../src/train/asr-data';
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
});

import { describe, expect, it } from 'vitest';
import { buildWavenet, readWavenetWeights, type WavenetWeights } from '../../src/models/wavenet';
import { createGenerator, FastWavenet, FastWavenetSimd, generateAudio, sampleLogits } from '../../src/generate';
import { tf } from '../../src/engine';
import { CancelledError, UsageError } from '../../src/util/errors';

async function smallModel(labels: string[] = []): Promise<WavenetWeights> {
  const model = buildWavenet({ layersPerStack: 4, stacks: 1, residualChannels: 8, skipChannels: 16, labels }, 4);
  for (const v of model.params.values()) tf.tidy(() => v.assign(v.mul(2)));
  const weights = await readWavenetWeights(model);
  model.dispose();
  return weights;
}

describe('sampleLogits', () => {
  it('draws each class with its softmax probability at temperature 1, the argmax at 0', () => {
    const logits = Float32Array.of(Math.log(0.5), Math.log(0.3), Math.log(0.2));
    const scratch = new Float64Array(3);
    const counts = [0, 0, 0];
    for (let i = 0; i < 10000; i++) counts[sampleLogits(logits, 3, 1, (i + 0.5) / 10000, scratch)]++;
    expect(counts).toEqual([5000, 3000, 2000]);
    expect(sampleLogits(logits, 3, 0, 0.99, scratch)).toBe(0);
    // Low temperature sharpens: at T = 0.25 class 0 gets 0.5^4 / (0.5^4 + 0.3^4 + 0.2^4) = 87%.
    let zeros = 0;
    for (let i = 0; i < 1000; i++) if (sampleLogits(logits, 3, 0.25, (i + 0.5) / 1000, scratch) === 0) zeros++;
    expect(zeros).toBe(Math.round((1000 * 0.0625) / (0.0625 + 0.0081 + 0.0016)));
  });
});

describe('generateAudio', () => {
  it('repeats for a seed, differs across seeds, and the JS and SIMD generators agree', async () => {
    const weights = await smallModel();
    const a = await generateAudio(weights, { samples: 3000, seed: 7 });
    const b = await generateAudio(weights, { samples: 3000, seed: 7, plainJs: true });
    const c = await generateAudio(weights, { samples: 3000, seed: 8 });
    expect(a.samples).toEqual(b.samples);
    expect(a.samples).not.toEqual(c.samples);
    expect(a.sampleRate).toBe(16000);
    expect(a.samples.every((v) => v >= -1 && v <= 1)).toBe(true);
    expect(createGenerator(weights)).toBeInstanceOf(FastWavenetSimd);
    expect(createGenerator(weights, undefined, true)).toBeInstanceOf(FastWavenet);
  });

  it('conditions on a label by name (the first by default) and rejects unknown labels', async () => {
    const weights = await smallModel(['fi', 'en']);
    const fi = await generateAudio(weights, { samples: 2000, label: 'fi', temperature: 0 });
    const en = await generateAudio(weights, { samples: 2000, label: 'en', temperature: 0 });
    expect(fi.samples).not.toEqual(en.samples);
    expect(fi.label).toBe('fi');
    const unnamed = await generateAudio(weights, { samples: 2000, temperature: 0 });
    expect(unnamed.label).toBe('fi');
    expect(unnamed.samples).toEqual(fi.samples);
    await expect(generateAudio(weights, { samples: 10, label: 'sv' })).rejects.toThrow(UsageError);
    expect((await generateAudio(await smallModel(), { samples: 10 })).label).toBeNull();
    await expect(generateAudio(weights, { samples: 10, label: 'sv' })).rejects.toThrow(/unknown label 'sv': this model knows fi, en/);
  });

  it('primes from audio: the continuation depends on the prime', async () => {
    const weights = await smallModel();
    const prime = Float32Array.from({ length: 400 }, (_, t) => 0.5 * Math.sin(t / 5));
    const primed = await generateAudio(weights, { samples: 500, temperature: 0, prime });
    const plain = await generateAudio(weights, { samples: 500, temperature: 0 });
    expect(primed.samples).toHaveLength(500);
    expect(primed.samples).not.toEqual(plain.samples);
  });

  it('reports progress and stops with CancelledError when aborted', async () => {
    const weights = await smallModel();
    const progress: number[] = [];
    const abort = new AbortController();
    const run = generateAudio(weights, {
      samples: 100000,
      progressEvery: 1000,
      signal: abort.signal,
      onProgress: (done) => {
        progress.push(done);
        if (done === 3000) abort.abort();
      },
    });
    await expect(run).rejects.toThrow(CancelledError);
    expect(progress).toEqual([1000, 2000, 3000]);
    const done: number[] = [];
    await generateAudio(weights, { samples: 2500, progressEvery: 1000, onProgress: (d, total) => done.push(d / total) });
    expect(done).toEqual([0.4, 0.8, 1]);
  });

  it('rejects bad options with the bad value', async () => {
    const weights = await smallModel();
    await expect(generateAudio(weights, { samples: 0 })).rejects.toThrow(/samples must be a positive integer, got 0/);
    await expect(generateAudio(weights, { samples: 5, temperature: -1 })).rejects.toThrow(/temperature must be >= 0, got -1/);
  });
});

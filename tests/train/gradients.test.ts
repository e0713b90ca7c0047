import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine, tf } from '../../src/engine';
import { addStep, clipGradients, emptyTotals, gradientStats, layerGroups, layerOf } from '../../src/train/gradients';
import { trainModel } from '../../src/train/loop';
import { makeBlobs, makeMlpTask } from './fixtures';

beforeAll(async () => {
  await initEngine('cpu');
});

describe('gradient statistics helpers', () => {
  it('groups variables into layers by the name before the last slash', () => {
    expect(layerOf('lid/conv1/kernel')).toBe('lid/conv1');
    expect(layerOf('scale')).toBe('scale');
    expect(layerGroups(['a/k', 'a/b', 'c/k'])).toEqual({ layers: ['a', 'c'], layerIndex: [0, 0, 1] });
  });

  it('averages per-variable, per-layer and global norms over steps', () => {
    const totals = emptyTotals(3, 2);
    expect(addStep(totals, [9, 16, 144], [0, 0, 1])).toBe(13); // sqrt(9 + 16 + 144)
    expect(addStep(totals, [0, 0, 25], [0, 0, 1])).toBe(5);
    const stats = gradientStats(totals, ['a/k', 'a/b', 'c/k'], ['a', 'c']);
    expect(stats).toEqual({ globalMean: 9, globalMax: 13, perVariable: { 'a/k': 1.5, 'a/b': 2, 'c/k': 8.5 }, perLayer: { a: 2.5, c: 8.5 } });
  });

  it('clips by global norm to exactly the limit and by value elementwise', async () => {
    const grads = [tf.tensor1d([3, 0]), tf.tensor1d([0, 4])]; // global norm 5
    const scaled = clipGradients(grads, { mode: 'norm', value: 1 }, 5);
    expect(Array.from(await tf.concat(scaled).data()).map((v) => +v.toFixed(6))).toEqual([0.6, 0, 0, 0.8]);
    expect(clipGradients(grads, { mode: 'norm', value: 10 }, 5)).toBe(grads);
    const clamped = clipGradients(grads, { mode: 'value', value: 2 }, 5);
    expect(Array.from(await tf.concat(clamped).data())).toEqual([2, 0, 0, 2]);
    tf.dispose([...grads, ...scaled, ...clamped]);
  });
});

describe('per-layer gradient norms make vanishing and exploding gradients visible', () => {
  const train = makeBlobs(128, 8, 1);
  const valid = makeBlobs(32, 8, 2);
  /** Mean gradient norm per layer (input first) of an 8-hidden-layer MLP at initialisation. */
  async function layerNorms(activation: 'sigmoid' | 'relu', initScale: number): Promise<number[]> {
    const task = makeMlpTask({ sizes: [8, ...Array<number>(8).fill(32), 2], activation, initScale, seed: 3, train, valid, batchSize: 32 });
    const result = await trainModel(task, { epochs: 1, optimizer: { name: 'sgd', learningRate: 1e-6 } });
    task.dispose();
    return Object.values(result.history[0].gradients.perLayer);
  }

  it('a sigmoid MLP at LeCun scale (weights ~ N(0, 1/fanIn)) shows vanishing gradients in early layers', async () => {
    const norms = await layerNorms('sigmoid', 1);
    expect(norms).toHaveLength(9);
    expect(norms[0] / norms[8]).toBeLessThan(1e-3); // measured 3.3e-5: each sigmoid layer multiplies by <= 0.25
    for (let l = 1; l < 9; l++) expect(norms[l]).toBeGreaterThan(norms[l - 1]);
  });

  it('a sigmoid MLP initialised far too large (64x) shows exploding gradients in early layers', async () => {
    const norms = await layerNorms('sigmoid', 64);
    expect(norms[0] / norms[8]).toBeGreaterThan(10); // measured 184
  });

  it('a ReLU MLP with He initialisation keeps gradient norms within one order of magnitude', async () => {
    const norms = await layerNorms('relu', Math.SQRT2);
    expect(Math.max(...norms) / Math.min(...norms)).toBeLessThan(10); // measured 3.7
    expect(norms[0] / norms[8]).toBeGreaterThan(0.1); // measured 0.27
  });
});

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainLid } from '../../src/train/lid';
import { quickTraining, writeToneNoiseSet } from './lid-fixtures';

let data = '';
beforeAll(async () => {
  data = await writeToneNoiseSet(8, 41);
});
afterAll(async () => {
  await rm(data, { recursive: true, force: true });
});

/** Epoch-1 mean gradient norm of the first TDNN layer over that of the logits layer. */
async function firstOverLast(activation: 'sigmoid' | 'relu', initScale: number): Promise<number> {
  const result = await trainLid({
    ...quickTraining, data, out: join(data, `m-${activation}-${initScale}`), engine: 'wasm', frontend: 'sinc', epochs: 1, activation, initScale,
    model: { ...quickTraining.model, channels: [16, 16, 16], dilations: [1, 1, 1] }, cacheDir: join(data, 'cache'),
  });
  const layers = result.history[0].gradients.perLayer;
  expect(Object.keys(layers)).toEqual(['filterbank', 'tdnn/layer1', 'tdnn/layer2', 'tdnn/layer3', 'embedding', 'logits']);
  return layers['tdnn/layer1'] / layers.logits;
}

describe('per-layer gradient norms of a LID run', () => {
  it('show vanishing gradients in a sigmoid network initialised too large, and not in a ReLU one', async () => {
    const sigmoid = await firstOverLast('sigmoid', 30);
    const relu = await firstOverLast('relu', 1);
    expect(sigmoid).toBeLessThan(0.1);
    expect(relu).toBeGreaterThan(0.2);
    expect(relu / sigmoid).toBeGreaterThan(5);
  });
});

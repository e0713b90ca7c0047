import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../src/engine';
import { readWavenetWeights } from '../../../src/models/wavenet';
import type { TrainEvent } from '../../../src/train/loop';
import { fitWavenet, type FitWavenetOptions, type WavenetData } from '../../../src/train/wavenet';
import { makeRng } from '../../../src/util/random';

const RATE = 8000;

/** Labelled tones with a little noise: label 0 at 400 Hz, label 1 at 640 Hz. */
function clips(count: number, seed: number): WavenetData['train'] {
  const rng = makeRng(seed);
  return Array.from({ length: count }, (_, i) => {
    const f = i % 2 ? 640 : 400;
    const phase = 2 * Math.PI * rng();
    return { label: i % 2, samples: Float32Array.from({ length: RATE / 4 }, (_, t) => 0.5 * Math.sin((2 * Math.PI * f * t) / RATE + phase) + 0.01 * (rng() - 0.5)) };
  });
}
const data: WavenetData = { sampleRate: RATE, labels: ['low', 'high'], train: clips(6, 1), validation: clips(2, 2) };

async function run(threads: number, options: Partial<FitWavenetOptions>) {
  const events: TrainEvent[] = [];
  const { model, result } = await fitWavenet(data, { batchSize: 5, outputs: 64, validationCrops: 4, ...options, train: { threads, ...options.train } }, { onEvent: (e) => events.push(e) });
  const weights = await readWavenetWeights(model);
  model.dispose();
  return { result, weights, started: events.find((e) => e.type === 'started'), losses: events.flatMap((e) => (e.type === 'batch' ? [e.loss] : [])) };
}

describe('fitWavenet with threads (wasm)', () => {
  beforeAll(async () => {
    await initEngine('wasm');
  });

  it('a label-conditioned model: 20 steps with 2 threads give the one-thread losses within float-summation tolerance', async () => {
    const options = { model: { layersPerStack: 4, stacks: 1, residualChannels: 8, skipChannels: 16, classes: 64 }, stepsPerEpoch: 10, train: { epochs: 2 } };
    const one = await run(1, options);
    const two = await run(2, options);
    expect(two.started).toMatchObject({ threads: 2 });
    expect(two.losses).toHaveLength(20);
    two.losses.forEach((loss, i) => expect(Math.abs(loss - one.losses[i]) / one.losses[i]).toBeLessThan(1e-4));
    expect(two.losses.some((loss, i) => loss !== one.losses[i])).toBe(true); // the sums were split
    expect(two.losses.at(-1)!).toBeLessThan(two.losses[0]);
    expect((await run(2, options)).losses).toEqual(two.losses);
  });

  it('a mel-conditioned model (a vocoder) trains the same on 2 threads', async () => {
    const options = { model: { layersPerStack: 3, stacks: 1, residualChannels: 4, skipChannels: 8, classes: 32, condition: 'mel' as const }, outputs: 200, stepsPerEpoch: 4, train: { epochs: 1 } };
    const one = await run(1, options);
    const two = await run(2, options);
    two.losses.forEach((loss, i) => expect(Math.abs(loss - one.losses[i]) / one.losses[i]).toBeLessThan(1e-4));
    expect(two.result.history[0].validation!.loss).toBeCloseTo(one.result.history[0].validation!.loss, 4);
  });
});

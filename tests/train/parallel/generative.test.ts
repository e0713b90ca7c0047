import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../src/engine';
import type { GenerativeConfig, GenerativeKind } from '../../../src/models/generative';
import { fitGenerative } from '../../../src/train/generative-fit';
import type { TrainEvent } from '../../../src/train/loop';
import { fillGaussian, makeRng } from '../../../src/util/random';

const d = 2 * 8;
const train = fillGaussian(new Float32Array(200 * d), makeRng(1)).map((v, i) => v + (i % 8) / 4);
const validation = fillGaussian(new Float32Array(32 * d), makeRng(2)).map((v, i) => v + (i % 8) / 4);

async function run(kind: GenerativeKind, threads: number) {
  const config: GenerativeConfig = { kind, patch: { frames: 2, hop: 1 }, nMels: 8, code: 4, hidden: [16], beta: 1, norm: { mean: new Array(8).fill(0), std: 1 } };
  const events: TrainEvent[] = [];
  const { net, curves } = await fitGenerative({ train, validation }, { config, batchSize: 20, seed: 1, train: { threads, epochs: 2, optimizer: { name: 'adam', learningRate: 1e-3 } } }, { onEvent: (e) => events.push(e) });
  net.dispose();
  return { curves, started: events.find((e) => e.type === 'started'), losses: events.flatMap((e) => (e.type === 'batch' ? [e.loss] : [])) };
}

describe('fitGenerative with threads (wasm)', () => {
  beforeAll(async () => {
    await initEngine('wasm');
  });

  it('the autoencoder: 20 steps with 2 threads give the one-thread losses within float-summation tolerance', async () => {
    const one = await run('ae', 1);
    const two = await run('ae', 2);
    expect(two.started).toMatchObject({ threads: 2 });
    expect(two.losses).toHaveLength(20);
    two.losses.forEach((loss, i) => expect(Math.abs(loss - one.losses[i]) / one.losses[i]).toBeLessThan(1e-4));
    expect(two.losses.some((loss, i) => loss !== one.losses[i])).toBe(true);
  });

  it('the VAE trains on 2 threads (each shard draws its own noise) and repeats exactly', async () => {
    const two = await run('vae', 2);
    expect(two.started).toMatchObject({ threads: 2 });
    expect(two.losses.at(-1)!).toBeLessThan(two.losses[0]);
    expect((await run('vae', 2)).losses).toEqual(two.losses);
  });

  it('the GAN trains on 2 threads: both players\' losses are summed over the shards into its curves, and a seed repeats the run', async () => {
    const two = await run('gan', 2);
    expect(two.started).toMatchObject({ threads: 2 });
    const { discriminator, generator } = two.curves.steps;
    expect(discriminator).toHaveLength(20);
    expect(generator).toHaveLength(20);
    // the loop's loss is the players' sum (ganLosses' total), here summed over the shards
    two.losses.forEach((loss, i) => expect(loss).toBeCloseTo(discriminator[i] + generator[i], 5));
    expect((await run('gan', 2)).curves.steps).toEqual(two.curves.steps);
  });
});

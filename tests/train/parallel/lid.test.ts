import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainLid } from '../../../src/train/lid';
import type { RecipeEvent } from '../../../src/train/recipe';
import { quickTraining, writeToneNoiseSet } from '../lid-fixtures';

let dir = '';
beforeAll(async () => {
  dir = await writeToneNoiseSet(16, 1);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/**
 * 2 epochs x 10 steps of the tiny LID model without dropout; the batch losses, the 'started' event and the result.
 * Adam at its default step size: at this tiny model's quick-test rates (0.01 and up, learned front end) the trajectory
 * is chaotic enough that a float-summation difference grows to percents within ten steps, with one thread or two.
 */
async function run(threads: number, name: string) {
  const events: RecipeEvent[] = [];
  const result = await trainLid({
    ...quickTraining, epochs: 2, cropsPerFile: 4, maxStepsPerEpoch: 10, dropout: 0, frontend: 'learned', threads, optimizer: 'adam', learningRate: 0.001,
    data: dir, out: join(dir, `model-${name}`), engine: 'wasm', cacheDir: join(dir, 'cache'),
  }, { onEvent: (e) => events.push(e) });
  return { result, started: events.find((e) => e.type === 'started'), losses: events.flatMap((e) => (e.type === 'batch' ? [e.loss] : [])) };
}

const demoModel = fileURLToPath(new URL('../../../assets/demo/models/lid', import.meta.url));

describe('trainLid with threads (wasm)', () => {
  it('fine-tunes a saved model with a frozen front end the same on 2 threads (the replicas get the frozen weights too)', async () => {
    const losses = async (threads: number) => {
      const events: RecipeEvent[] = [];
      await trainLid({
        ...quickTraining, model: undefined, epochs: 1, clipSeconds: 2, maxStepsPerEpoch: 3, dropout: 0, threads, initFrom: demoModel, freeze: 'frontend',
        data: dir, out: join(dir, `tuned-${threads}`), engine: 'wasm', cacheDir: join(dir, 'cache'),
      }, { onEvent: (e) => events.push(e) });
      return events.flatMap((e) => (e.type === 'batch' ? [e.loss] : []));
    };
    const one = await losses(1);
    const two = await losses(2);
    expect(two).toHaveLength(3);
    two.forEach((loss, i) => expect(Math.abs(loss - one[i]) / one[i]).toBeLessThan(1e-4));
  });

  it('gives the one-thread losses over 20 steps within float-summation tolerance, and repeats exactly', async () => {
    const one = await run(1, 'one');
    const two = await run(2, 'two');
    const again = await run(2, 'again');
    expect(one.started).toMatchObject({ threads: 1 });
    expect(two.started).toMatchObject({ threads: 2 });
    expect(one.losses).toHaveLength(20);
    expect(two.losses).toHaveLength(20);
    const worst = Math.max(...two.losses.map((loss, i) => Math.abs(loss - one.losses[i]) / one.losses[i]));
    expect(worst).toBeLessThan(2e-4); // measured 2e-5
    expect(two.losses.some((loss, i) => loss !== one.losses[i])).toBe(true); // the sums really were split
    expect(again.losses).toEqual(two.losses);
    expect(again.result.valLoss).toBe(two.result.valLoss);
  });
});

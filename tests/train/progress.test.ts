import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../src/engine';
import { runJob } from '../../src/jobs';
import { trainModel, type TrainEvent, type TrainProgress } from '../../src/train/loop';
import { ProgressThrottle, ratePerSecond, secondsLeftAt } from '../../src/util/progress-rate';
import { makeBlobs, makeMlpTask, type Batch, type MlpOptions } from './fixtures';
import { quickTraining, writeToneNoiseSet } from './lid-fixtures';
import { lengthBucketedBatchCount, lengthBucketedBatches } from '../../src/train/asr-data';
import { makeRng } from '../../src/util/random';

const train = makeBlobs(100, 4, 21); // batches of 32: 32, 32, 32, 4
const valid = makeBlobs(40, 4, 22);
const base: MlpOptions = { sizes: [4, 8, 2], activation: 'relu', initScale: Math.SQRT2, seed: 3, train, valid, batchSize: 32 };

async function run(extra: { batchCount?: (epoch: number) => number; examplesIn?: (b: Batch) => number }, progressIntervalMs: number, epochs = 3) {
  const task = makeMlpTask(base);
  const events: TrainEvent[] = [];
  try {
    await trainModel({ ...task, ...extra }, { epochs, optimizer: { name: 'adam', learningRate: 0.01 } }, { onEvent: (e) => events.push(e), progressIntervalMs });
  } finally {
    task.dispose();
  }
  return events;
}

const reports = (events: TrainEvent[]) => events.filter((e): e is TrainProgress => e.type === 'progress');

describe('progress-rate', () => {
  it('gives the pace and the time left at that pace, and nothing before there is a pace', () => {
    expect(ratePerSecond(30, 2)).toBe(15);
    expect(ratePerSecond(0, 2)).toBeNull();
    expect(secondsLeftAt(25, 100, 10)).toBe(30);
    expect(secondsLeftAt(100, 100, 10)).toBe(0);
    expect(secondsLeftAt(25, null, 10)).toBeNull();
    expect(secondsLeftAt(0, 100, 10)).toBeNull();
  });

  it('throttles reports to one per interval, but always reports the last', () => {
    let now = 0;
    const throttle = new ProgressThrottle(250, () => now);
    const due = [0, 100, 249, 250, 300, 499, 500].map((t) => ((now = t), throttle.due()));
    expect(due).toEqual([true, false, false, true, false, false, true]);
    now = 510;
    expect(throttle.due()).toBe(false);
    expect(throttle.due(true)).toBe(true);
  });
});

describe('trainModel progress reports', () => {
  beforeAll(async () => {
    await initEngine('wasm');
  });

  it("report every batch (interval 0): done counts up to the task's total, examples per second, loss of each batch", async () => {
    const events = await run({ batchCount: () => 4, examplesIn: (b) => b.y.shape[0] }, 0);
    const progress = reports(events);
    expect(progress).toHaveLength(3 * 4);
    const batchLosses = events.flatMap((e) => (e.type === 'batch' ? [e.loss] : []));
    expect(progress.map((p) => p.loss)).toEqual(batchLosses); // one batch per report: its own loss
    for (const epoch of [1, 2, 3]) {
      const mine = progress.filter((p) => p.epoch === epoch);
      expect(mine.map((p) => p.done)).toEqual([1, 2, 3, 4]);
      expect(mine.every((p) => p.total === 4 && p.epochs === 3)).toBe(true);
      const record = events.find((e): e is Extract<TrainEvent, { type: 'epoch' }> => e.type === 'epoch' && e.record.epoch === epoch)!.record;
      expect(mine.at(-1)!.done).toBe(record.steps);
      // the first batch sets the clock: the pace and the time left come from the second on
      expect(mine[0].examplesPerSecond).toBeNull();
      expect(mine.slice(1).every((p) => p.examplesPerSecond !== null && p.examplesPerSecond > 0)).toBe(true);
      expect(mine.at(-1)!.epochSecondsLeft).toBe(0);
      // the last report of an epoch: what is left is the later epochs
      expect(mine.at(-1)!.secondsLeft! >= 0).toBe(true);
      if (epoch === 3) expect(mine.at(-1)!.secondsLeft).toBe(0);
    }
    // each epoch's reports come after its batches and before its epoch record
    const order = events.filter((e) => e.type === 'progress' || e.type === 'epoch').map((e) => (e.type === 'epoch' ? `e${e.record.epoch}` : `p${e.epoch}`));
    expect(order.join(' ')).toBe('p1 p1 p1 p1 e1 p2 p2 p2 p2 e2 p3 p3 p3 p3 e3');
  });

  it('without a batch count, the first epoch has no total and later epochs take the previous count', async () => {
    const progress = reports(await run({}, 0, 2));
    expect(progress.filter((p) => p.epoch === 1).map((p) => p.total)).toEqual([null, null, null, null]);
    expect(progress.filter((p) => p.epoch === 1).every((p) => p.secondsLeft === null && p.examplesPerSecond === null)).toBe(true);
    expect(progress.filter((p) => p.epoch === 2).map((p) => p.total)).toEqual([4, 4, 4, 4]);
  });

  it('with a long interval reports the first and last batch of each epoch, each last one with the mean loss of the batches between', async () => {
    const events = await run({ batchCount: () => 4 }, 1e9, 2);
    const progress = reports(events);
    expect(progress.map((p) => [p.epoch, p.done])).toEqual([[1, 1], [1, 4], [2, 1], [2, 4]]);
    const losses = events.flatMap((e) => (e.type === 'batch' ? [e.loss] : []));
    expect(progress[1].loss).toBeCloseTo((losses[1] + losses[2] + losses[3]) / 3, 6);
  });
});

describe("the recipes' batch counts", () => {
  it('ASR: lengthBucketedBatchCount is the number of batches lengthBucketedBatches makes', () => {
    for (const [n, batchSize] of [[1, 8], [7, 8], [64, 8], [65, 8], [130, 4], [200, 3]]) {
      const lengths = Array.from({ length: n }, (_, i) => 1000 + ((i * 7919) % 5000));
      expect([n, batchSize, lengthBucketedBatches(lengths, batchSize, makeRng(n)).length]).toEqual([n, batchSize, lengthBucketedBatchCount(n, batchSize)]);
    }
  });
});

describe('a tiny LID training through its job', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await writeToneNoiseSet(10, 7);
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('sends progress reports whose batches add up to each epoch, with clips per second, and no per-step events', async () => {
    const events: { type: string }[] = [];
    // 20 files x 2 crops, 20% validation: 16 training files -> 32 crops -> 4 batches of 8
    const result = await runJob('train-lid', { ...quickTraining, epochs: 2, data: dir, out: join(dir, 'model'), engine: 'wasm', cacheDir: join(dir, 'cache'), valFraction: 0.2 }, {
      onEvent: (e) => events.push(e),
    });
    expect(events.some((e) => e.type === 'batch')).toBe(false);
    const progress = events.filter((e): e is TrainProgress => e.type === 'progress');
    for (const record of result.history) {
      const mine = progress.filter((p) => p.epoch === record.epoch);
      expect(mine.length).toBeGreaterThanOrEqual(2);
      const done = mine.map((p) => p.done);
      expect(done).toEqual([...done].sort((a, b) => a - b)); // monotone
      expect(new Set(done).size).toBe(done.length);
      expect(mine.every((p) => p.total === record.steps)).toBe(true); // the recipe's count was right before the epoch ran
      expect(mine.at(-1)!.done).toBe(record.steps);
      expect(mine.at(-1)!.examplesPerSecond).toBeGreaterThan(0);
    }
    expect(result.trainFiles * quickTraining.cropsPerFile).toBe(result.history[0].steps * quickTraining.batchSize);
  });
});

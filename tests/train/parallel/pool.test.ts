import { availableParallelism } from 'node:os';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../src/engine';
import { trainModel, type TrainConfigInput, type TrainEvent } from '../../../src/train/loop';
import { shardSizes } from '../../../src/train/parallel/shards';
import { defaultThreads } from '../../../src/train/parallel/threads';
import type { TestReplicaSpec } from '../../../src/train/parallel/test-replica';
import { makeLinearTask } from './linear-task';

const spec: TestReplicaSpec = { inputs: 12, outputs: 3 };

async function run(config: TrainConfigInput, taskSpec: TestReplicaSpec = spec, examples = 160) {
  const task = makeLinearTask(taskSpec, { examples, batchSize: 16 });
  const events: TrainEvent[] = [];
  try {
    const result = await trainModel(task, { optimizer: { name: 'adam', learningRate: 0.05 }, ...config }, { onEvent: (e) => events.push(e) });
    return { result, events, losses: events.flatMap((e) => (e.type === 'batch' ? [e.loss] : [])), weights: task.weights.map((w) => Array.from(w.dataSync())) };
  } finally {
    task.dispose();
  }
}

describe('shardSizes', () => {
  it('cuts a batch into even contiguous shards, larger first, none empty', () => {
    expect(shardSizes(10, 3)).toEqual([4, 3, 3]);
    expect(shardSizes(16, 2)).toEqual([8, 8]);
    expect(shardSizes(1, 2)).toEqual([1]);
    expect(shardSizes(5, 8)).toEqual([1, 1, 1, 1, 1]);
  });
});

describe('defaultThreads', () => {
  it('takes KIELO_THREADS (capped at the batch size), else the cores capped at 8 and the batch size', () => {
    const saved = process.env.KIELO_THREADS;
    try {
      process.env.KIELO_THREADS = '3';
      expect([defaultThreads(32), defaultThreads(2)]).toEqual([3, 2]);
      process.env.KIELO_THREADS = 'many';
      expect(() => defaultThreads(32)).toThrow("KIELO_THREADS must be an integer 1..64, got 'many'");
      delete process.env.KIELO_THREADS;
      expect(defaultThreads(32)).toBe(Math.min(availableParallelism(), 8));
      expect(defaultThreads(1)).toBe(1);
    } finally {
      if (saved === undefined) delete process.env.KIELO_THREADS;
      else process.env.KIELO_THREADS = saved;
    }
  });
});

describe('data-parallel trainModel (test recipe, wasm)', () => {
  beforeAll(async () => {
    await initEngine('wasm');
  });
  afterAll(() => undefined);

  it('gives the one-thread losses within float-summation tolerance over 20 steps, and reports its threads', async () => {
    const one = await run({ epochs: 2, threads: 1 });
    const two = await run({ epochs: 2, threads: 2 });
    expect(one.losses).toHaveLength(20);
    expect(two.losses).toHaveLength(20);
    expect(one.events[0]).toMatchObject({ type: 'started', threads: 1 });
    expect(two.events[0]).toMatchObject({ type: 'started', threads: 2 });
    two.losses.forEach((loss, i) => expect(Math.abs(loss - one.losses[i])).toBeLessThan(1e-5 * Math.max(1, one.losses[i])));
    expect(two.losses.at(-1)!).toBeLessThan(two.losses[0] / 2); // it learns
    two.weights.flat().forEach((w, i) => expect(w).toBeCloseTo(one.weights.flat()[i], 4));
  });

  it('takes batches smaller than its threads: a batch of one runs on the coordinator alone', async () => {
    // 33 examples in batches of 16: 16, 16 and 1 (one shard, the workers idle and catch up on the weights after)
    const one = await run({ epochs: 2, threads: 1 }, spec, 33);
    const three = await run({ epochs: 2, threads: 3 }, spec, 33);
    expect(three.events[0]).toMatchObject({ type: 'started', threads: 3 });
    expect(three.losses).toHaveLength(6);
    three.losses.forEach((loss, i) => expect(Math.abs(loss - one.losses[i])).toBeLessThan(1e-5 * Math.max(1, one.losses[i])));
  });

  it('repeats a run exactly with the same seed and threads (dropout on, masks drawn per shard)', async () => {
    const withDropout = { ...spec, dropout: 0.2 };
    const a = await run({ epochs: 2, threads: 2, seed: 4 }, withDropout);
    const b = await run({ epochs: 2, threads: 2, seed: 4 }, withDropout);
    expect(b.losses).toEqual(a.losses);
    expect(b.weights).toEqual(a.weights);
  });

  it('fails the run with the worker named and its error when a replica throws', async () => {
    const started = performance.now();
    await expect(run({ epochs: 2, threads: 2 }, { ...spec, fail: { replica: 1, atStep: 3, how: 'throw' } }))
      .rejects.toThrow(/training thread 1 of 2 failed: injected failure at step 3/);
    expect(performance.now() - started).toBeLessThan(10_000);
  });

  it('trains on the cpu engine too: the workers take the coordinator\'s engine', async () => {
    await initEngine('cpu');
    try {
      const one = await run({ epochs: 1, threads: 1 });
      const two = await run({ epochs: 1, threads: 2 });
      expect(two.events[0]).toMatchObject({ type: 'started', engine: 'cpu', threads: 2 });
      two.losses.forEach((loss, i) => expect(Math.abs(loss - one.losses[i])).toBeLessThan(1e-5 * Math.max(1, one.losses[i])));
    } finally {
      await initEngine('wasm');
    }
  });

  it('fails before the first step when a worker cannot build its replica', async () => {
    const task = makeLinearTask(spec, { examples: 32, batchSize: 16 });
    try {
      await expect(trainModel({ ...task, parallel: { ...task.parallel!, recipe: 'nope' } }, { threads: 2 }))
        .rejects.toThrow(/training thread 1 of 2 failed: no replica recipe 'nope' \(known: .*test/);
      await expect(trainModel({ ...task, parallel: { ...task.parallel!, spec: { ...spec, inputs: 5 } } }, { threads: 2 }))
        .rejects.toThrow(/training thread 1 of 2 failed: the replica has 18 weights, the coordinator's model 39/);
    } finally {
      task.dispose();
    }
  });

  it('fails the run, not hangs, when a worker thread exits', async () => {
    await expect(run({ epochs: 2, threads: 3 }, { ...spec, fail: { replica: 2, atStep: 2, how: 'exit' } }))
      .rejects.toThrow(/training thread 2 of 3 failed: its thread exited \(code 3\)/);
  });
});

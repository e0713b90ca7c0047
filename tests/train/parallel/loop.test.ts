import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initEngine, tf } from '../../../src/engine';
import { trainModel, type TrainConfigInput, type TrainEvent } from '../../../src/train/loop';
import type { TestReplicaSpec } from '../../../src/train/parallel/test-replica';
import { CancelledError } from '../../../src/util/errors';
import { makeLinearTask } from './linear-task';

const spec: TestReplicaSpec = { inputs: 12, outputs: 3, dropout: 0.1 };
const base: TrainConfigInput = { threads: 2, epochs: 3, optimizer: { name: 'adam', learningRate: 0.05 } };
let dir = '';

beforeAll(async () => {
  await initEngine('wasm');
  dir = await mkdtemp(join(tmpdir(), 'kielo-parallel-loop-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** A run of the linear task (100 examples, batches of 16: the last has 4) with its events and final weights. */
async function run(config: TrainConfigInput, onEvent?: (e: TrainEvent, controller: AbortController) => void) {
  const task = makeLinearTask(spec, { examples: 100, batchSize: 16 });
  const controller = new AbortController();
  const events: TrainEvent[] = [];
  try {
    const result = await trainModel(task, { ...base, ...config }, {
      signal: controller.signal,
      progressIntervalMs: 0,
      onEvent: (e) => {
        events.push(e);
        onEvent?.(e, controller);
      },
    });
    return { result, events, weights: task.weights.map((w) => Array.from(w.dataSync())) };
  } finally {
    task.dispose();
  }
}
const batchLosses = (events: TrainEvent[]) => events.flatMap((e) => (e.type === 'batch' ? [e.loss] : []));

describe('trainModel with 2 threads (test recipe, wasm)', () => {
  it('reports progress through every epoch', async () => {
    const { events } = await run({});
    expect(events[0]).toMatchObject({ type: 'started', threads: 2 });
    const progress = events.filter((e) => e.type === 'progress');
    expect(progress.filter((p) => p.epoch === 3).map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(progress.every((p) => p.total === 7)).toBe(true);
    expect(progress.at(-1)!.examplesPerSecond).toBeGreaterThan(0);
  });

  it('cancels between batches, checkpoints, and resumes to exactly the uninterrupted run', async () => {
    const whole = await run({});
    const checkpointDir = join(dir, 'cancel');
    await expect(run({ checkpointDir }, (e, controller) => {
      if (e.type === 'batch' && e.epoch === 2 && e.step === 2) controller.abort();
    })).rejects.toBeInstanceOf(CancelledError);
    const resumed = await run({ checkpointDir, resume: true });
    expect(resumed.events[0]).toMatchObject({ type: 'started', threads: 2, resumed: true, startEpoch: 2 });
    expect(batchLosses(resumed.events)).toEqual(batchLosses(whole.events).slice(7 + 3));
    expect(resumed.weights).toEqual(whole.weights);
  });

  it('leaves no tensor behind on the coordinator', async () => {
    await run({ epochs: 1 }); // engine warm
    const before = tf.memory().numTensors;
    await run({ epochs: 2 });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops early and restores the best weights', async () => {
    // 'max' of a falling loss: the first epoch stays the best, so patience 1 stops after epoch 2
    const { result, events } = await run({ epochs: 5, patience: 1, monitor: { metric: 'loss', mode: 'max' } });
    expect(result).toMatchObject({ stoppedEarly: true, bestEpoch: 1, restoredBest: true });
    expect(result.history).toHaveLength(2);
    expect(events.filter((e) => e.type === 'earlyStop')).toEqual([{ type: 'earlyStop', epoch: 2, bestEpoch: 1, bestValue: result.history[0].validation!.loss }]);
  });
});

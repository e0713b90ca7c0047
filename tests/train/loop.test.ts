import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { availableEngines, initEngine, tf } from '../../src/engine';
import { loadCheckpoint } from '../../src/train/checkpoint';
import { layersModelVariables } from '../../src/train/layers';
import { softmaxCrossEntropy } from '../../src/train/losses';
import { trainModel, type TrainConfigInput, type TrainEvent, type TrainTask } from '../../src/train/loop';
import { CancelledError } from '../../src/util/errors';
import { makeBlobs, makeMlpTask, type Batch, type MlpOptions } from './fixtures';

const engines = await availableEngines();
const train = makeBlobs(256, 8, 11);
const valid = makeBlobs(128, 8, 12);
const base: MlpOptions = { sizes: [8, 16, 2], activation: 'relu', initScale: Math.SQRT2, seed: 5, train, valid, batchSize: 32 };

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-loop-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(config: TrainConfigInput, options: Partial<MlpOptions> = {}, signal?: AbortSignal, onEvent?: (e: TrainEvent) => void) {
  const task = makeMlpTask({ ...base, ...options });
  const events: TrainEvent[] = [];
  try {
    const result = await trainModel(task, config, {
      signal,
      onEvent: (e) => {
        events.push(e);
        onEvent?.(e);
      },
    });
    return { result, events, weights: task.weights.map((w) => Array.from(w.dataSync())) };
  } finally {
    task.dispose();
  }
}

const batchLosses = (events: TrainEvent[]) => events.flatMap((e) => (e.type === 'batch' ? [e.loss] : []));

describe.each(engines)('trainModel on %s', (engine) => {
  beforeAll(async () => {
    await initEngine(engine);
  });

  it('learns two separable Gaussian blobs to >= 95% validation accuracy', async () => {
    const { result, events } = await run({ epochs: 8, optimizer: { name: 'adam', learningRate: 0.02 } });
    const last = result.history.at(-1)!;
    expect(last.validation!.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(last.trainLoss).toBeLessThan(result.history[0].trainLoss);
    expect(result.engine).toBe(engine);
    expect(events[0]).toMatchObject({ type: 'started', engine, nParams: 8 * 16 + 16 + 16 * 2 + 2, nVariables: 4 });
    expect(events.at(-1)).toMatchObject({ type: 'done' });
    expect(events.filter((e) => e.type === 'batch')).toHaveLength(8 * 8);
    expect(Object.keys(last.gradients.perLayer).map((name) => name.split('/')[1])).toEqual(['dense0', 'dense1']);
    expect(last.gradients.globalMean).toBeGreaterThan(0);
  });

  it('gives identical losses for the same seed and different ones for another seed', async () => {
    const config = { epochs: 2, seed: 7, optimizer: { name: 'momentum', learningRate: 0.05 } } as const;
    const a = batchLosses((await run(config)).events);
    const b = batchLosses((await run(config)).events);
    const c = batchLosses((await run({ ...config, seed: 8 })).events);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('resumes from an epoch checkpoint and matches an uninterrupted run', async () => {
    const config = { epochs: 4, seed: 3, optimizer: { name: 'adam', learningRate: 0.01 } } as const;
    const whole = await run({ ...config, checkpointDir: join(dir, `whole-${engine}`) });
    const resumeDir = join(dir, `resume-${engine}`);
    const first = await run({ ...config, epochs: 2, checkpointDir: resumeDir });
    expect(first.result.history).toHaveLength(2);
    const second = await run({ ...config, checkpointDir: resumeDir, resume: true }, { seed: 99 });
    expect(second.events[0]).toMatchObject({ type: 'started', startEpoch: 3, resumed: true });
    expect(second.result.history.map((h) => h.epoch)).toEqual([1, 2, 3, 4]);
    expect(second.result.history.map((h) => h.trainLoss)).toEqual(whole.result.history.map((h) => h.trainLoss));
    expect(second.weights).toEqual(whole.weights);
  });
});

describe('trainModel (engine-independent behaviour, cpu)', () => {
  beforeAll(async () => {
    await initEngine('cpu');
  });

  it('clips by global norm: one SGD step of rate 1 moves the weights by exactly the clip value', async () => {
    const one = makeBlobs(32, 8, 3);
    const before = makeMlpTask({ ...base, train: one, batchSize: 32 });
    const initial = before.weights.map((w) => Array.from(w.dataSync()));
    before.dispose();
    const { events, weights } = await run({ epochs: 1, optimizer: { name: 'sgd', learningRate: 1 }, clip: { mode: 'norm', value: 0.05 } }, { train: one, batchSize: 32 });
    const gradNorm = events.find((e) => e.type === 'batch')!.gradNorm;
    expect(gradNorm).toBeGreaterThan(0.1);
    const moved = Math.sqrt(weights.flat().reduce((s, w, i) => s + (w - initial.flat()[i]) ** 2, 0));
    expect(moved).toBeCloseTo(0.05, 4);
  });

  it('clips by value: no weight moves by more than the clip value in one SGD step', async () => {
    const one = makeBlobs(32, 8, 3);
    const before = makeMlpTask({ ...base, train: one, batchSize: 32 });
    const initial = before.weights.map((w) => Array.from(w.dataSync())).flat();
    before.dispose();
    const { weights } = await run({ epochs: 1, optimizer: { name: 'sgd', learningRate: 1 }, clip: { mode: 'value', value: 0.01 } }, { train: one, batchSize: 32 });
    const deltas = weights.flat().map((w, i) => Math.abs(w - initial[i]));
    expect(Math.max(...deltas)).toBeLessThanOrEqual(0.01 + 1e-6);
    expect(deltas.filter((d) => Math.abs(d - 0.01) < 1e-6).length).toBeGreaterThan(0);
  });

  it('stops early on patience and restores the best epoch\'s weights', async () => {
    const script = [5, 3, 4, 4.5, 2, 1];
    const snapshots = new Map<number, number[]>();
    const task = makeMlpTask(base);
    task.validate = async () => ({ loss: script[snapshots.size] });
    const result = await trainModel(task, { epochs: 6, patience: 2, optimizer: { learningRate: 0.01 } }, {
      onEvent: (e) => {
        if (e.type === 'epoch') snapshots.set(e.record.epoch, task.weights.flatMap((w) => Array.from(w.dataSync())));
      },
    });
    const final = task.weights.flatMap((w) => Array.from(w.dataSync()));
    task.dispose();
    expect(result).toMatchObject({ stoppedEarly: true, bestEpoch: 2, bestValue: 3, restoredBest: true });
    expect(result.history).toHaveLength(4);
    expect(final).toEqual(snapshots.get(2));
    expect(final).not.toEqual(snapshots.get(4));
  });

  it('keeps an early-stopped run stopped when resumed', async () => {
    const script = [5, 3, 4, 4.5, 2, 1];
    const checkpointDir = join(dir, 'stopped');
    const runScripted = async (resume: boolean) => {
      const task = makeMlpTask(base);
      let calls = 0;
      task.validate = async () => ({ loss: script[calls++] });
      const events: TrainEvent[] = [];
      const result = await trainModel(task, { epochs: 6, patience: 2, checkpointDir, resume }, { onEvent: (e) => events.push(e) });
      task.dispose();
      return { result, events };
    };
    expect((await runScripted(false)).result.stoppedEarly).toBe(true);
    const again = await runScripted(true);
    expect(again.events.filter((e) => e.type === 'batch')).toHaveLength(0);
    expect(again.result).toMatchObject({ stoppedEarly: true, bestEpoch: 2, restoredBest: true });
    expect(again.result.history).toHaveLength(4);
  });

  it('cancels promptly between batches, saves a mid-epoch checkpoint, and resumes to the same result', async () => {
    const config = { epochs: 3, seed: 4, optimizer: { name: 'adam', learningRate: 0.01 } } as const;
    const whole = await run(config);
    const cancelDir = join(dir, 'cancel');
    const controller = new AbortController();
    let after = 0;
    const cancelled = run({ ...config, checkpointDir: cancelDir }, {}, controller.signal, (e) => {
      if (controller.signal.aborted && e.type === 'batch') after++;
      if (e.type === 'batch' && e.epoch === 2 && e.step === 2) controller.abort();
    });
    await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
    expect(after).toBe(0);
    const checkpoint = await loadCheckpoint(cancelDir);
    expect(checkpoint!.state).toMatchObject({ epoch: 1, step: 3 });
    tf.dispose([...checkpoint!.variables, ...checkpoint!.optimizer.map((o) => o.tensor)]);
    const resumed = await run({ ...config, checkpointDir: cancelDir, resume: true });
    expect(batchLosses(resumed.events)).toEqual(batchLosses(whole.events).slice(8 + 3));
    expect(resumed.result.history.map((h) => h.trainLoss)).toEqual(whole.result.history.map((h) => h.trainLoss));
    expect(resumed.weights).toEqual(whole.weights);
  });

  it('hears a cancel that arrives as an event (a timer, a worker message) while batches run back to back', async () => {
    // synchronous batches and engine reads that resolve as microtasks never let a timer or message callback run
    // unless the loop yields to the event loop between batches
    const controller = new AbortController();
    let batches = 0;
    setTimeout(() => controller.abort(), 0);
    const cancelled = run({ epochs: 200, seed: 4 }, {}, controller.signal, (e) => {
      if (e.type === 'batch') batches++;
    });
    await expect(cancelled).rejects.toBeInstanceOf(CancelledError);
    expect(batches).toBeLessThan(50);
  });

  it('validates every N epochs (and always the last) and checkpoints every N steps', async () => {
    const { result, events } = await run({ epochs: 3, validateEvery: 2, checkpointDir: join(dir, 'every'), checkpointEverySteps: 3 });
    expect(result.history.map((h) => h.validation !== null)).toEqual([false, true, true]);
    const checkpoints = events.flatMap((e) => (e.type === 'checkpoint' ? [[e.epoch, e.step]] : []));
    expect(checkpoints.slice(0, 3)).toEqual([[0, 3], [0, 6], [1, 0]]);
    expect(checkpoints).toHaveLength(9);
  });

  it('leaks no tensors across training, checkpointing, resuming and early stopping', async () => {
    const before = tf.memory().numTensors;
    await run({ epochs: 2, patience: 1, checkpointDir: join(dir, 'leak'), checkpointEverySteps: 4 });
    await run({ epochs: 3, patience: 1, checkpointDir: join(dir, 'leak'), resume: true, clip: { mode: 'norm', value: 0.1 } });
    await run({ epochs: 1, clip: { mode: 'value', value: 0.1 }, optimizer: { name: 'momentum' } });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses to resume from a damaged or mismatched checkpoint, naming the file and reason', async () => {
    const ckdir = join(dir, 'damaged');
    await run({ epochs: 1, checkpointDir: ckdir });
    const before = tf.memory().numTensors;
    await expect(run({ epochs: 2, checkpointDir: ckdir, resume: true }, { sizes: [8, 12, 2] })).rejects.toThrow(
      /checkpoint.json: variable 0 \('mlp\d+\/dense0\/kernel'\) has shape \[8,12\] in the model, \[8,16\] in the checkpoint/,
    );
    await expect(run({ epochs: 2, checkpointDir: ckdir, resume: true, optimizer: { name: 'sgd' } })).rejects.toThrow(
      /checkpoint holds 'adam' optimizer state, the run uses 'sgd'/,
    );
    expect(tf.memory().numTensors).toBe(before);
    const weightsFile = (await readdir(ckdir)).find((name) => name.endsWith('.bin'))!;
    await writeFile(join(ckdir, weightsFile), new Uint8Array(12));
    await expect(run({ epochs: 2, checkpointDir: ckdir, resume: true })).rejects.toThrow(`${join(ckdir, weightsFile)}: weights file has 12 bytes`);
    await writeFile(join(ckdir, 'checkpoint.json'), '{"format": "kielo-chec');
    await expect(run({ epochs: 2, checkpointDir: ckdir, resume: true })).rejects.toThrow(`${join(ckdir, 'checkpoint.json')}: corrupt JSON`);
    await expect(run({ epochs: 1, checkpointDir: join(dir, 'none-yet'), resume: true })).resolves.toMatchObject({ events: expect.arrayContaining([expect.objectContaining({ type: 'started', resumed: false })]) });
  });

  it('rejects a non-finite loss with the epoch and step', async () => {
    const task = makeMlpTask(base);
    task.loss = () => tf.div(tf.sum(task.weights[0]), tf.scalar(0)) as tf.Scalar;
    await expect(trainModel(task, { epochs: 1 })).rejects.toThrow(/loss is (-)?Infinity at epoch 1, step 0/);
    task.dispose();
  });

  it('rejects a bad config naming the field and value', async () => {
    const task = makeMlpTask(base);
    await expect(trainModel(task, { epochs: 0 })).rejects.toThrow(/epochs must be an integer >= 1, got 0/);
    await expect(trainModel(task, { optimizer: { learningRate: -1 } })).rejects.toThrow(/learningRate must be > 0, got -1/);
    task.dispose();
  });
});

describe.each(engines)('trainModel with a tf.LayersModel on %s', (engine) => {
  beforeAll(async () => {
    await initEngine(engine);
  });

  it('trains a dense model with dropout through layersModelVariables to >= 95%', async () => {
    const model = tf.sequential({
      layers: [
        tf.layers.dense({ inputShape: [8], units: 16, activation: 'tanh', kernelInitializer: tf.initializers.glorotNormal({ seed: 1 }) }),
        tf.layers.dropout({ rate: 0.2, seed: 2 }),
        tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.glorotNormal({ seed: 3 }) }),
      ],
    });
    const mlp = makeMlpTask(base);
    const validX = tf.tensor2d(valid.x, [valid.n, valid.dims]);
    const task: TrainTask<Batch> = {
      variables: () => layersModelVariables(model),
      batches: mlp.batches,
      disposeBatch: mlp.disposeBatch,
      loss: (batch) => softmaxCrossEntropy(model.apply(batch.x, { training: true }) as tf.Tensor2D, batch.y),
      async validate() {
        const predicted = tf.tidy(() => tf.argMax(model.predict(validX) as tf.Tensor2D, 1));
        const labels = Array.from(await predicted.data());
        predicted.dispose();
        return { accuracy: labels.filter((p, i) => p === valid.y[i]).length / valid.n };
      },
    };
    const result = await trainModel(task, { epochs: 6, monitor: { metric: 'accuracy', mode: 'max' }, optimizer: { learningRate: 0.02 } });
    expect(result.history.at(-1)!.validation!.accuracy).toBeGreaterThanOrEqual(0.95);
    expect(Object.keys(result.history[0].gradients.perLayer)).toHaveLength(2);
    tf.dispose([validX]);
    mlp.dispose();
    model.dispose();
  });
});

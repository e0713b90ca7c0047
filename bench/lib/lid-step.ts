/**
 * One training step of the default LID model as bench/train-lid.ts times it (learned front end, 0.5 s clips,
 * softmax cross-entropy, Adam as the trainer makes it), and a per-kernel profile of that step: where its milliseconds go.
 */
import { tf } from '../../src/engine';
import { buildLidModel, lidLogitsModel, resolveLidModelConfig } from '../../src/models/lid';
import { defaultTrainConfig } from '../../src/train/config';
import { lidBatchLoss, lidParallelPlan } from '../../src/train/lid-replica';
import { softmaxCrossEntropy } from '../../src/train/losses';
import { makeOptimizer } from '../../src/train/optimizer';
import type { FeatureBatch } from '../../src/datasets';
import { makeLoopStep, type LoopStep } from './loop-step';

/** Frames of a 0.5 s clip at 16 kHz with 25 ms frames and a 10 ms hop: 1 + (8000 - 400) / 160. */
export const CLIP_FRAMES = 48;

/** A ready-to-run training step on the current engine; dispose() frees its model, data and optimizer. */
export interface LidTrainStep {
  /** Runs forward, backward and the Adam update; resolves once the loss is read back. */
  run(seed: number): Promise<number>;
  /** Forward pass, forward + backward, and the Adam update alone (returns its CPU ms), for the profile. */
  phases: { forward: (seed: number) => void; gradients: (seed: number) => void; update: (seed: number) => number };
  /** Frees everything the step holds. */
  dispose(): void;
}

/** Builds the default LID model (5 labels) and a training step on a fixed random batch [batch, 48, 400]. */
export function makeLidTrainStep(batch: number): LidTrainStep {
  const model = buildLidModel({ frontend: 'learned' }, 5);
  const logits = lidLogitsModel(model);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = makeOptimizer(defaultTrainConfig.optimizer); // Adam 1e-3, as training runs it
  const x = tf.randomNormal([batch, CLIP_FRAMES, 400], 0, 0.1, 'float32', 1);
  const y = tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 5), 'int32');
  const loss = (seed: number) => softmaxCrossEntropy(logits.apply(x, { training: true, seed } as never) as tf.Tensor2D, y);
  return {
    async run(seed) {
      const value = tf.tidy(() => {
        const { value, grads } = tf.variableGrads(() => loss(seed), variables);
        optimizer.applyGradients(grads as unknown as tf.NamedTensorMap as never);
        return value;
      });
      const [v] = await value.data();
      value.dispose();
      return v;
    },
    phases: {
      forward: (seed) => tf.tidy(() => void loss(seed).dataSync()),
      gradients: (seed) => tf.tidy(() => {
        const { grads } = tf.variableGrads(() => loss(seed), variables);
        Object.values(grads)[0].dataSync();
      }),
      update: (seed) => tf.tidy(() => {
        const { grads } = tf.variableGrads(() => loss(seed), variables);
        const start = process.cpuUsage();
        optimizer.applyGradients(grads as unknown as tf.NamedTensorMap as never);
        variables[0].dataSync();
        const used = process.cpuUsage(start);
        return (used.user + used.system) / 1000;
      }),
    },
    dispose() {
      tf.dispose([x, y]);
      optimizer.dispose();
      model.dispose();
    },
  };
}

/**
 * The default LID model (learned front end, 5 labels) trained as trainModel does on a fixed random batch
 * [batch, 48, 400] (bench/lib/loop-step.ts), with `threads` > 1 data-parallel.
 */
export async function makeLoopLidStep(batch: number, threads: number): Promise<LoopStep> {
  const config = resolveLidModelConfig({ frontend: 'learned' });
  const model = buildLidModel(config, 5);
  const logits = lidLogitsModel(model);
  const noise = tf.randomNormal([batch, CLIP_FRAMES, 400], 0, 0.1, 'float32', 1);
  const data: FeatureBatch = { data: noise.dataSync() as Float32Array, batch, frames: CLIP_FRAMES, dims: 400, labels: Int32Array.from({ length: batch }, (_, i) => i % 5) };
  noise.dispose();
  const step = await makeLoopStep({
    variables: model.trainableWeights.map((w) => w.read() as tf.Variable),
    loss: lidBatchLoss(logits),
    plan: lidParallelPlan(model, logits, { config, labels: 5, freeze: 'none' }),
    batch: data,
  }, threads);
  return {
    ...step,
    async dispose() {
      await step.dispose();
      model.dispose();
    },
  };
}

/** Milliseconds of this process's CPU time per call of `fn`: best of `repeats` means over `calls` calls. */
async function msPerCall(fn: (i: number) => unknown, calls = 10, repeats = 3): Promise<number> {
  let best = Infinity;
  for (let r = 0; r < repeats; r++) {
    const start = process.cpuUsage();
    for (let i = 0; i < calls; i++) await fn(i);
    const used = process.cpuUsage(start);
    best = Math.min(best, (used.user + used.system) / 1000 / calls);
  }
  return best;
}

/** Kernel time per key over one profiled step: ms and count, and the step's kernel count. */
async function profileStep(step: LidTrainStep, keyOf: (k: { name: string; inputShapes: number[][] }) => string): Promise<Map<string, { ms: number; count: number }>> {
  const profile = await tf.profile(() => step.run(100));
  const totals = new Map<string, { ms: number; count: number }>();
  for (const k of profile.kernels) {
    const key = keyOf(k as never);
    const entry = totals.get(key) ?? { ms: 0, count: 0 };
    entry.ms += k.kernelTimeMs as number;
    entry.count += 1;
    totals.set(key, entry);
  }
  return totals;
}

/** Per key, the smallest total over `runs` profiled steps (other processes on the machine only ever add time). */
async function minProfile(step: LidTrainStep, runs: number, keyOf: (k: { name: string; inputShapes: number[][] }) => string): Promise<Map<string, { ms: number; count: number }>> {
  const best = new Map<string, { ms: number; count: number }>();
  for (let r = 0; r < runs; r++) {
    for (const [key, e] of await profileStep(step, keyOf)) {
      const prev = best.get(key);
      if (!prev || e.ms < prev.ms) best.set(key, e);
    }
  }
  return best;
}

/**
 * Prints where one training step's time goes on the current engine: CPU time of the phases, then kernel time
 * (tf.profile: wall clock) by kernel name and by kernel + input shapes (each the minimum over `runs` profiled
 * steps). 'unnamed scope' rows are custom-gradient ops: their time includes the kernels inside them.
 */
export async function printLidStepProfile(batch: number, top = 25, runs = 5): Promise<void> {
  const step = makeLidTrainStep(batch);
  for (let i = 0; i < 3; i++) await step.run(i);
  const forward = await msPerCall((i) => step.phases.forward(i));
  const gradients = await msPerCall((i) => step.phases.gradients(i));
  const full = await msPerCall((i) => step.run(i));
  let adam = Infinity;
  for (let r = 0; r < 3; r++) {
    let sum = 0;
    for (let i = 0; i < 10; i++) sum += step.phases.update(i);
    adam = Math.min(adam, sum / 10);
  }
  console.log(`phases (CPU ms, best of 3 x 10 calls): forward ${forward.toFixed(2)}, forward+backward ${gradients.toFixed(2)}, Adam update ${adam.toFixed(2)}, full step ${full.toFixed(2)}`);
  const byName = await minProfile(step, runs, (k) => k.name);
  const byShape = await minProfile(step, runs, (k) => `${k.name} ${k.inputShapes.map((s) => `[${s}]`).join('')}`);
  const count = [...byName.values()].reduce((a, e) => a + e.count, 0);
  const inScopes = byName.get('unnamed scope')?.ms ?? 0;
  const kernelMs = [...byName.values()].reduce((a, e) => a + e.ms, 0) - inScopes;
  console.log(`one profiled step: ${count} kernels, ${kernelMs.toFixed(2)} ms inside kernels (not counting custom-gradient scopes twice)`);
  console.log('by kernel name (ms, count):');
  for (const [name, e] of [...byName].sort((a, b) => b[1].ms - a[1].ms)) console.log(`  ${e.ms.toFixed(2).padStart(7)} ${String(e.count).padStart(4)}  ${name}`);
  console.log(`top ${top} by kernel and input shapes (ms, count):`);
  for (const [name, e] of [...byShape].sort((a, b) => b[1].ms - a[1].ms).slice(0, top)) console.log(`  ${e.ms.toFixed(2).padStart(7)} ${String(e.count).padStart(4)}  ${name}`);
  step.dispose();
}

/**
 * A training step as trainModel runs it on a fixed batch, on one thread (trainStep) or data-parallel over `threads`
 * replicas (parallelTrainStep with a GradientPool): Adam 1e-3 as the loop makes it, no gradient constraint, the
 * gradient norms read back every step. For the benches that compare thread counts.
 */
import { tf } from '../../src/engine';
import { defaultTrainConfig } from '../../src/train/config';
import { emptyTotals, layerGroups } from '../../src/train/gradients';
import { disposeOptimizer, makeOptimizer } from '../../src/train/optimizer';
import { GradientPool } from '../../src/train/parallel/pool';
import { parallelTrainStep } from '../../src/train/parallel/step';
import type { ParallelPlan } from '../../src/train/parallel/types';
import { trainStep, type StepSetup } from '../../src/train/step';
import type { StepContext } from '../../src/train/types';

/** A ready-to-run step; dispose() stops its pool and frees its optimizer (the model is the caller's). */
export interface LoopStep {
  /** One step; resolves with its loss. */
  run(seed: number): Promise<number>;
  /** The gradient pool with threads > 1 (its `times` say where a step goes), else null. */
  pool: GradientPool<unknown> | null;
  dispose(): Promise<void>;
}

/** What a step trains: the model's variables, its one-thread loss, its ParallelPlan and the batch. */
export interface LoopStepModel<B> {
  variables: tf.Variable[];
  loss: (batch: B, ctx: StepContext) => tf.Scalar;
  plan: ParallelPlan<B>;
  batch: B;
}

export async function makeLoopStep<B>(model: LoopStepModel<B>, threads: number): Promise<LoopStep> {
  const { variables, batch } = model;
  const { layerIndex, layers } = layerGroups(variables.map((v) => v.name));
  const setup: StepSetup<B> = {
    task: { variables: () => variables, batches: () => [], loss: model.loss },
    variables, optimizer: makeOptimizer(defaultTrainConfig.optimizer), clip: { mode: 'none', value: 1 }, layerIndex,
    totals: emptyTotals(variables.length, layers.length),
  };
  const pool = threads > 1 ? await GradientPool.start({ threads, engine: tf.getBackend() as 'wasm' | 'cpu', plan: model.plan, variables }) : null;
  return {
    pool,
    async run(seed) {
      const ctx = { training: true, epoch: 1, step: seed, seed };
      return (pool ? await parallelTrainStep(setup, pool, batch, ctx) : await trainStep(setup, batch, ctx)).loss;
    },
    async dispose() {
      await pool?.close();
      disposeOptimizer(setup.optimizer);
    },
  };
}

/** "coordinator's shard 12.1, waiting ...": a pool's milliseconds per step by part (GradientPool.times). */
export function poolTimesLine(pool: GradientPool): string {
  const t = pool.times;
  const per = (ms: number, n = t.steps) => (ms / Math.max(1, n)).toFixed(2);
  const workerSteps = t.steps * (pool.threads - 1);
  return `coordinator's shard ${per(t.own)} (forward, backward, gradients read out), waiting for workers ${per(t.wait)}, summing ${per(t.reduce)}, ` +
    `norms + Adam ${per(t.update)}, publishing weights ${per(t.publish)}; per worker: weights in ${per(t.workers.weights, workerSteps)}, ` +
    `forward+backward ${per(t.workers.compute, workerSteps)}, gradients out ${per(t.workers.gradients, workerSteps)}`;
}

/**
 * One data-parallel optimisation step: the batch cut into shards (the task's ParallelPlan), the replicas' gradients
 * summed by the pool, then the same norms, constraint and update as trainStep, once, on this thread; the new weights
 * published for the workers' next step.
 */
import { tf } from '../../engine';
import { addStep } from '../gradients';
import { applyUpdate, checkLoss, type StepSetup } from '../step';
import type { StepContext } from '../types';
import type { GradientPool } from './pool';

export async function parallelTrainStep<B>(setup: StepSetup<B>, pool: GradientPool<B>, batch: B, ctx: StepContext): Promise<{ loss: number; gradNorm: number }> {
  const { loss, gradients, parts } = await pool.gradients(pool.plan.shards(batch, pool.threads), ctx);
  checkLoss(loss, ctx);
  if (parts) pool.plan.onParts?.(parts);
  const started = performance.now();
  const squares = new Float64Array(setup.variables.length);
  let offset = 0;
  const grads = setup.variables.map((v, i) => {
    const values = gradients.subarray(offset, offset + v.size);
    let sum = 0;
    for (let k = 0; k < values.length; k++) sum += values[k] * values[k];
    squares[i] = sum;
    offset += v.size;
    return tf.tensor(values, v.shape, 'float32');
  });
  try {
    const gradNorm = addStep(setup.totals, squares, setup.layerIndex);
    applyUpdate(setup, grads, gradNorm);
    pool.times.update += performance.now() - started;
    pool.publish();
    return { loss, gradNorm };
  } finally {
    tf.dispose(grads);
  }
}

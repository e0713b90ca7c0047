/**
 * One replica's share of a step, the same on the coordinator and in a worker: the shard's loss times its weight
 * under tf.variableGrads, and its gradients written into one flat float32 array (shared memory, variable order).
 */
import { readFloatsInto, tf } from '../../engine';
import type { StepContext } from '../types';
import type { ShardLossFn } from './types';

/** Each variable's gradient in `grads` (zeros where it has none) into `target`, concatenated in variable order. */
export function readGradients(variables: tf.Variable[], grads: tf.NamedTensorMap, target: Float32Array<ArrayBufferLike>): void {
  let offset = 0;
  for (const v of variables) {
    const g = grads[v.name];
    if (g) readFloatsInto([g], target, offset);
    else target.fill(0, offset, offset + v.size);
    offset += v.size;
  }
}

/** A shard's weighted loss and parts, and when the forward and backward pass ended (performance.now()). */
export interface ShardResult {
  loss: number;
  parts?: Record<string, number>;
  computedAt: number;
}

/** Loss x weight and its gradients with respect to `variables` (written into `target`); parts weighted the same. */
export function shardGradients(loss: ShardLossFn, data: unknown, weight: number, ctx: StepContext, variables: tf.Variable[], target: Float32Array<ArrayBufferLike>): ShardResult {
  let parts: Record<string, tf.Scalar> | undefined;
  let result!: ShardResult;
  tf.tidy(() => {
    const { value, grads } = tf.variableGrads(() => {
      const out = loss(data, ctx);
      if (out instanceof tf.Tensor) return tf.mul(out, weight) as tf.Scalar;
      parts = Object.fromEntries(Object.entries(out.parts).map(([name, part]) => [name, tf.keep(tf.mul(part, weight) as tf.Scalar)]));
      return tf.mul(out.loss, weight) as tf.Scalar;
    }, variables);
    result = { loss: value.dataSync()[0], computedAt: performance.now() };
    if (parts) {
      result.parts = Object.fromEntries(Object.entries(parts).map(([name, part]) => [name, part.dataSync()[0]]));
      tf.dispose(Object.values(parts));
    }
    readGradients(variables, grads, target);
  });
  return result;
}

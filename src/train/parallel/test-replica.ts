/**
 * A test-only replica recipe ('test' in the registry): a linear model y = x W + b with a mean squared error, small
 * enough for the pool's and the loop's tests to run in milliseconds, and failures on request (a replica that throws
 * or whose thread exits at a given step), which only a recipe inside the worker can inject.
 */
import { tf } from '../../engine';
import type { StepContext } from '../types';
import type { Replica, ReplicaRecipe } from './types';

/** The model and what goes wrong where. */
export interface TestReplicaSpec {
  inputs: number;
  outputs: number;
  /** Dropout rate on the inputs (seeded by the step's seed, as the recipes' dropout is). Default 0. */
  dropout?: number;
  /** Worker replica `replica` fails on its `atStep`-th shard (1-based): 'throw' throws from the loss, 'exit' ends its thread. */
  fail?: { replica: number; atStep: number; how: 'throw' | 'exit' };
}

/** A shard: `rows` inputs and targets, row-major. */
export interface TestShard {
  rows: number;
  x: Float32Array;
  y: Float32Array;
}

/** Mean squared error of x W + b against y. */
export function testLoss(spec: TestReplicaSpec, w: tf.Variable, b: tf.Variable, data: TestShard, ctx: StepContext): tf.Scalar {
  return tf.tidy(() => {
    let x: tf.Tensor2D = tf.tensor2d(data.x, [data.rows, spec.inputs]);
    if (spec.dropout && ctx.training) x = tf.dropout(x, spec.dropout, undefined, ctx.seed) as tf.Tensor2D;
    const predicted = tf.add(tf.matMul(x, w), b);
    return tf.mean(tf.squaredDifference(predicted, tf.tensor2d(data.y, [data.rows, spec.outputs])));
  });
}

/** The model's variables, named under `prefix` (a worker's replica needs names unique in its own engine only). */
export function testVariables(spec: TestReplicaSpec, seed: number, prefix = 'linear'): [tf.Variable, tf.Variable] {
  return tf.tidy(() => [
    tf.variable(tf.randomNormal([spec.inputs, spec.outputs], 0, 0.5, 'float32', seed), true, `${prefix}/kernel`),
    tf.variable(tf.zeros([spec.outputs]), true, `${prefix}/bias`),
  ]) as [tf.Variable, tf.Variable];
}

export const testReplica: ReplicaRecipe = (input, replica): Replica => {
  const spec = input as TestReplicaSpec;
  const [w, b] = testVariables(spec, 99, `replica${replica}`); // other weights than the coordinator's: the pool copies them
  let steps = 0;
  return {
    variables: [w, b],
    weights: [w, b],
    loss(data, ctx) {
      steps++;
      if (spec.fail?.replica === replica && spec.fail.atStep === steps) {
        if (spec.fail.how === 'exit') process.exit(3);
        throw new Error(`injected failure at step ${steps}`);
      }
      return testLoss(spec, w, b, data as TestShard, ctx);
    },
  };
};

/** Builds the tfjs optimizer from an OptimizerConfig and moves its state in and out of checkpoints. */
import { tf } from '../engine';
import type { OptimizerConfig } from './config';
import { FusedAdamOptimizer } from './fused-adam';

/** A tensor with a name (the shape of tf.Optimizer.getWeights' entries). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** A new optimizer for `config` (tf.train.sgd, momentum, or Adam with its step fused on wasm). */
export function makeOptimizer(config: OptimizerConfig): tf.Optimizer {
  switch (config.name) {
    case 'sgd':
      return tf.train.sgd(config.learningRate);
    case 'momentum':
      return tf.train.momentum(config.learningRate, config.momentum);
    case 'adam':
      return new FusedAdamOptimizer(config.learningRate, config.beta1, config.beta2);
  }
}

/** Adam keeps beta1^t and beta2^t as running products; setWeights recomputes them with pow, which can differ in the
 * last float bit, so checkpoints carry the exact values to make a resumed run match an uninterrupted one. */
interface AdamInternals {
  accBeta1?: tf.Variable;
  accBeta2?: tf.Variable;
}

/** The optimizer's state as named tensors (iterations, moments/accumulators, Adam's beta powers), as copies the
 * caller owns and disposes. */
export async function optimizerState(optimizer: tf.Optimizer): Promise<NamedTensor[]> {
  const [iterations, ...slots] = await optimizer.getWeights(); // iterations is a fresh scalar, the slots are live
  const state = [iterations, ...slots.map(({ name, tensor }) => ({ name, tensor: tf.clone(tensor) }))];
  const adam = optimizer as unknown as AdamInternals;
  if (adam.accBeta1 && adam.accBeta2) {
    state.push({ name: '__accBeta1', tensor: tf.clone(adam.accBeta1) }, { name: '__accBeta2', tensor: tf.clone(adam.accBeta2) });
  }
  return state;
}

/** Restores state saved by optimizerState into a freshly made optimizer of the same config, and disposes `state`. */
export async function restoreOptimizerState(optimizer: tf.Optimizer, state: NamedTensor[]): Promise<void> {
  const beta = state.filter((s) => s.name.startsWith('__accBeta'));
  await optimizer.setWeights(state.filter((s) => !s.name.startsWith('__accBeta')));
  const adam = optimizer as unknown as AdamInternals;
  for (const { name, tensor } of beta) {
    const target = name === '__accBeta1' ? adam.accBeta1 : adam.accBeta2;
    target?.assign(tensor as tf.Scalar);
  }
  tf.dispose(state.map((s) => s.tensor)); // setWeights made its own variables from them
}

/** Disposes `optimizer` and its state. Works around tfjs 4.22's MomentumOptimizer.dispose, which skips
 * SGDOptimizer's learning-rate scalar (one leaked tensor per run). */
export function disposeOptimizer(optimizer: tf.Optimizer): void {
  optimizer.dispose();
  const rate = (optimizer as unknown as { c?: tf.Tensor }).c;
  if (rate instanceof tf.Tensor && !rate.isDisposed) rate.dispose();
}

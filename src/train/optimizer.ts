/** Builds the tfjs optimizer from an OptimizerConfig and moves its state in and out of checkpoints. */
import { tf } from '../engine';
import type { OptimizerConfig } from './config';

/** A tensor with a name (the shape of tf.Optimizer.getWeights' entries). */
export interface NamedTensor {
  name: string;
  tensor: tf.Tensor;
}

/** A new optimizer for `config` (tf.train.sgd, momentum or adam). */
export function makeOptimizer(config: OptimizerConfig): tf.Optimizer {
  switch (config.name) {
    case 'sgd':
      return tf.train.sgd(config.learningRate);
    case 'momentum':
      return tf.train.momentum(config.learningRate, config.momentum);
    case 'adam':
      return tf.train.adam(config.learningRate, config.beta1, config.beta2);
  }
}

/** Adam keeps beta1^t and beta2^t as running products; setWeights recomputes them with pow, which can differ in the
 * last float bit, so checkpoints carry the exact values to make a resumed run match an uninterrupted one. */
interface AdamInternals {
  accBeta1?: tf.Variable;
  accBeta2?: tf.Variable;
}

/** The optimizer's state as named tensors (iterations, moments/accumulators, Adam's beta powers). */
export async function optimizerState(optimizer: tf.Optimizer): Promise<NamedTensor[]> {
  const state = await optimizer.getWeights();
  const adam = optimizer as unknown as AdamInternals;
  if (adam.accBeta1 && adam.accBeta2) {
    state.push({ name: '__accBeta1', tensor: adam.accBeta1 }, { name: '__accBeta2', tensor: adam.accBeta2 });
  }
  return state;
}

/** Restores state saved by optimizerState into a freshly made optimizer of the same config. */
export async function restoreOptimizerState(optimizer: tf.Optimizer, state: NamedTensor[]): Promise<void> {
  const beta = state.filter((s) => s.name.startsWith('__accBeta'));
  await optimizer.setWeights(state.filter((s) => !s.name.startsWith('__accBeta')));
  const adam = optimizer as unknown as AdamInternals;
  for (const { name, tensor } of beta) {
    const target = name === '__accBeta1' ? adam.accBeta1 : adam.accBeta2;
    target?.assign(tensor as tf.Scalar);
  }
}

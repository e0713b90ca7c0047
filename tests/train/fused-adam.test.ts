import { describe, expect, it } from 'vitest';
import { initEngine, tf } from '../../src/engine';
import { FusedAdamOptimizer } from '../../src/train/fused-adam';
import { optimizerState, restoreOptimizerState } from '../../src/train/optimizer';

/** Variables of sizes divisible by 4 (the fused kernel) and not (AdamOptimizer's ops), with a fixed start. */
function makeVariables(tag: string): tf.Variable[] {
  return [[64, 12], [5], [3, 4]].map((shape, i) =>
    tf.variable(tf.randomNormal(shape, 0, 1, 'float32', 10 + i), true, `${tag}-${i}`));
}

/** Runs `steps` steps of a loss whose gradients differ per step; returns the variables' values. */
function train(optimizer: tf.Optimizer, variables: tf.Variable[], steps: number, from = 0): Float32Array[] {
  for (let s = from; s < from + steps; s++) {
    tf.tidy(() => {
      const { grads } = tf.variableGrads(() => tf.addN(variables.map((v, i) => tf.sum(tf.mul(tf.sin(tf.add(v, s * 0.3 + i)), v)))) as tf.Scalar, variables);
      optimizer.applyGradients(grads);
    });
  }
  return variables.map((v) => v.dataSync() as Float32Array);
}

describe('FusedAdamOptimizer', () => {
  it('gives bit-identical results to tf.train.adam on wasm, with kernels fused where sizes allow', async () => {
    await initEngine('wasm');
    const reference = train(tf.train.adam(0.05, 0.8, 0.95), makeVariables('ref'), 7);
    const fused = new FusedAdamOptimizer(0.05, 0.8, 0.95);
    const variables = makeVariables('fused');
    const got = train(fused, variables, 7);
    for (let i = 0; i < got.length; i++) expect(Array.from(got[i])).toEqual(Array.from(reference[i]));
    // the values moved: equality above is not two untouched copies
    expect(Math.abs(got[0][0] - tf.randomNormal([64, 12], 0, 1, 'float32', 10).dataSync()[0])).toBeGreaterThan(0.05);
    const profile = await tf.profile(() => { train(fused, variables, 1, 7); });
    expect(profile.kernels.filter((k) => k.name === 'KieloAdam')).toHaveLength(2);
  });

  it('resumes from saved state exactly as an uninterrupted run', async () => {
    await initEngine('wasm');
    const whole = train(new FusedAdamOptimizer(0.02), makeVariables('whole'), 6);
    const first = new FusedAdamOptimizer(0.02);
    const variables = makeVariables('split');
    train(first, variables, 3);
    const state = await optimizerState(first);
    const second = new FusedAdamOptimizer(0.02);
    await restoreOptimizerState(second, state);
    const resumed = train(second, variables, 3, 3);
    for (let i = 0; i < resumed.length; i++) expect(Array.from(resumed[i])).toEqual(Array.from(whole[i]));
  });

  it('is AdamOptimizer on the cpu engine', async () => {
    await initEngine('cpu');
    const reference = train(tf.train.adam(0.05), makeVariables('cpu-ref'), 3);
    const got = train(new FusedAdamOptimizer(0.05), makeVariables('cpu-fused'), 3);
    for (let i = 0; i < got.length; i++) expect(Array.from(got[i])).toEqual(Array.from(reference[i]));
    await initEngine('wasm');
  });
});

/**
 * tf.train.adam with each variable's step as one kernel on the wasm engine (engine/wasm-adam.ts): same state,
 * same checkpoints (getWeights/setWeights are AdamOptimizer's), same float32 results; ~12 kernel calls and
 * tensors fewer per variable and step. Other engines, and variables whose size is not a multiple of 4, take
 * AdamOptimizer's own ops.
 */
import { tf, usesWasmAdam, wasmAdamStep } from '../engine';

/** AdamOptimizer's state (private in its typings). */
interface AdamState {
  learningRate: number;
  beta1: number;
  beta2: number;
  epsilon: number;
  accBeta1: tf.Variable;
  accBeta2: tf.Variable;
  accumulatedFirstMoment: { originalName: string; variable: tf.Variable }[];
  accumulatedSecondMoment: { originalName: string; variable: tf.Variable }[];
}

export class FusedAdamOptimizer extends tf.AdamOptimizer {
  /** tf.train.adam's defaults. */
  constructor(learningRate = 0.001, beta1 = 0.9, beta2 = 0.999, epsilon: number | null = null) {
    super(learningRate, beta1, beta2, epsilon as number);
  }

  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    if (tf.getBackend() !== 'wasm') return super.applyGradients(variableGradients);
    const state = this as unknown as AdamState;
    const names = Array.isArray(variableGradients) ? variableGradients.map((v) => v.name) : Object.keys(variableGradients);
    const oneMinusAccBeta1 = 1 - state.accBeta1.dataSync()[0];
    const oneMinusAccBeta2 = 1 - state.accBeta2.dataSync()[0];
    tf.tidy(() => {
      names.forEach((name, i) => {
        const value = tf.engine().registeredVariables[name];
        state.accumulatedFirstMoment[i] ??= { originalName: `${name}/m`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        state.accumulatedSecondMoment[i] ??= { originalName: `${name}/v`, variable: tf.tidy(() => tf.zerosLike(value).variable(false)) };
        const gradient = Array.isArray(variableGradients) ? variableGradients[i].tensor : variableGradients[name];
        if (gradient == null) return;
        const firstMoment = state.accumulatedFirstMoment[i].variable;
        const secondMoment = state.accumulatedSecondMoment[i].variable;
        if (usesWasmAdam(value)) {
          const [x, m, v] = wasmAdamStep(value, gradient, firstMoment, secondMoment, {
            learningRate: state.learningRate, beta1: state.beta1, beta2: state.beta2, epsilon: state.epsilon, oneMinusAccBeta1, oneMinusAccBeta2,
          });
          firstMoment.assign(m);
          secondMoment.assign(v);
          value.assign(x);
          return;
        }
        // AdamOptimizer's own ops, in its order
        const m = tf.add(tf.mul(firstMoment, state.beta1), tf.mul(gradient, 1 - state.beta1));
        const v = tf.add(tf.mul(secondMoment, state.beta2), tf.mul(tf.square(gradient), 1 - state.beta2));
        const mHat = tf.div(m, oneMinusAccBeta1);
        const vHat = tf.div(v, oneMinusAccBeta2);
        firstMoment.assign(m);
        secondMoment.assign(v);
        value.assign(tf.add(tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), state.epsilon)), -state.learningRate), value));
      });
      state.accBeta1.assign(tf.mul(state.accBeta1, state.beta1));
      state.accBeta2.assign(tf.mul(state.accBeta2, state.beta2));
    });
    this.incrementIterations();
  }
}

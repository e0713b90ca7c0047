/** A WaveNet's weights as plain Float32Arrays: what the fast generator and the model files hold. */
import { tf } from '../../engine';
import { resolveWavenetConfig, type WavenetConfig } from './config';
import { wavenetParamShapes, type Wavenet } from './build';

/** A trained WaveNet without TensorFlow.js: config plus every parameter as a row-major Float32Array. */
export interface WavenetWeights {
  config: WavenetConfig;
  /** Parameter values by name (names and shapes as in wavenetParamShapes). */
  tensors: Map<string, Float32Array>;
}

/** Reads a built model's variables once into Float32Arrays. */
export async function readWavenetWeights(model: Wavenet): Promise<WavenetWeights> {
  const tensors = new Map<string, Float32Array>();
  for (const [name, variable] of model.params) tensors.set(name, (await variable.data()) as Float32Array);
  return { config: model.config, tensors };
}

/** Checks that weights hold every parameter of their config with the right size; throws naming the first bad one. */
export function validateWavenetWeights(weights: WavenetWeights): WavenetWeights {
  const config = resolveWavenetConfig(weights.config);
  for (const [name, shape] of wavenetParamShapes(config)) {
    const values = weights.tensors.get(name);
    const size = shape.reduce((a, b) => a * b, 1);
    if (!values) throw new Error(`wavenet weights: missing parameter '${name}'`);
    if (values.length !== size) throw new Error(`wavenet weights: '${name}' has ${values.length} values, expected ${size} for shape [${shape}]`);
  }
  return { config, tensors: weights.tensors };
}

/** Copies weights into a built model's variables (the model must have the same config). */
export function assignWavenetWeights(model: Wavenet, weights: WavenetWeights): void {
  validateWavenetWeights(weights);
  for (const [name, variable] of model.params) {
    const values = weights.tensors.get(name)!;
    if (values.length !== variable.size) throw new Error(`wavenet weights: '${name}' does not fit the model (config differs)`);
    tf.tidy(() => variable.assign(tf.tensor(values, variable.shape, 'float32')));
  }
}

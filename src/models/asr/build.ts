/**
 * The CTC recogniser: 10 ms feature frames -> frame stacking (temporal subsampling) -> a centred context layer ->
 * residual blocks of dilated kernel-3 convolutions -> per-frame class logits (blank included). Every
 * convolution is ONE matmul over time-shifted copies of its input, so it trains on every engine (the wasm engine
 * has no conv gradient kernels) and the work is a few large matmuls.
 */
import { tf } from '../../engine';
import { matMul2d } from '../layers/matmul';
import { resolveAsrModelConfig, type AsrModelConfig, type AsrModelConfigInput } from './config';

/** A built recogniser: its variables and its forward pass. Pure tfjs; dispose() frees the weights. */
export interface AsrModel {
  readonly config: AsrModelConfig;
  /** Trainable variables in a fixed order, named '<instance>/<layer>/<param>' (unique per process). */
  readonly variables: tf.Variable[];
  /** Stable names of the variables ('<layer>/<param>'), same order: the keys of saved weights. */
  readonly weightNames: string[];
  /**
   * Forward pass: features [batch, frames, inputDims] -> logits [batch, ceil(frames / subsample), classes].
   * With `dropoutSeed`, applies training dropout seeded by it.
   */
  apply(features: tf.Tensor3D, dropoutSeed?: number): tf.Tensor3D;
  /** Output frames for a number of input frames. */
  outputFrames(inputFrames: number): number;
  /** Frees the variables. */
  dispose(): void;
}

let instances = 0;

/** A centred "same" convolution as one matmul: x [B, T, C] -> [B, T, units]; kernel [context * C, units]. */
function contextMatmul(x: tf.Tensor3D, kernel: tf.Tensor, bias: tf.Tensor, context: number, dilation: number): tf.Tensor3D {
  const [B, T, C] = x.shape;
  const half = ((context - 1) / 2) * dilation;
  let stacked: tf.Tensor3D = x;
  if (context > 1) {
    const padded = tf.pad(x, [[0, 0], [half, half], [0, 0]]);
    const shifted = Array.from({ length: context }, (_, j) => padded.slice([0, j * dilation, 0], [B, T, C]));
    stacked = tf.concat(shifted, 2);
  }
  const units = kernel.shape[1]!;
  return matMul2d(stacked.reshape([B * T, context * C]), kernel as tf.Tensor2D).add(bias).reshape([B, T, units]);
}

/** Layer normalisation over the channel axis with a learned gain and offset. */
function layerNorm(x: tf.Tensor3D, gain: tf.Tensor, offset: tf.Tensor): tf.Tensor3D {
  const { mean, variance } = tf.moments(x, -1, true);
  return x.sub(mean).mul(tf.rsqrt(variance.add(1e-5))).mul(gain).add(offset);
}

/** Builds an untrained recogniser with seeded He-uniform weights. */
export function buildAsrModel(input: AsrModelConfigInput, seed = 1): AsrModel {
  const config = resolveAsrModelConfig(input);
  const prefix = `asr${++instances}`;
  const { inputDims, subsample, hidden, inputContext, dilations, classes } = config;
  const weightNames: string[] = [];
  const variables: tf.Variable[] = [];
  const uniform = (name: string, shape: number[], fanIn: number, gain: number) => {
    const limit = Math.sqrt((3 * gain) / fanIn);
    weightNames.push(name);
    variables.push(tf.variable(tf.randomUniform(shape, -limit, limit, 'float32', seed * 1009 + variables.length), true, `${prefix}/${name}`));
    return variables[variables.length - 1];
  };
  const constant = (name: string, shape: number[], value: number) => {
    weightNames.push(name);
    variables.push(tf.variable(tf.fill(shape, value), true, `${prefix}/${name}`));
    return variables[variables.length - 1];
  };
  const stackedDims = subsample * inputDims;
  const inKernel = uniform('input/kernel', [inputContext * stackedDims, hidden], inputContext * stackedDims, 2);
  const inBias = constant('input/bias', [hidden], 0);
  const blocks = dilations.map((dilation, i) => ({
    dilation,
    kernel: uniform(`block${i + 1}/kernel`, [3 * hidden, hidden], 3 * hidden, 2),
    bias: constant(`block${i + 1}/bias`, [hidden], 0),
    gain: constant(`block${i + 1}/gain`, [hidden], 1),
    offset: constant(`block${i + 1}/offset`, [hidden], 0),
  }));
  const outKernel = uniform('output/kernel', [hidden, classes], hidden, 1);
  const outBias = constant('output/bias', [classes], 0);

  const outputFrames = (frames: number) => Math.ceil(frames / subsample);
  const dropout = (x: tf.Tensor3D, seedValue: number | undefined, k: number) =>
    seedValue === undefined || config.dropout === 0 ? x : (tf.dropout(x, config.dropout, undefined, seedValue * 31 + k) as tf.Tensor3D);

  return {
    config,
    variables,
    weightNames,
    outputFrames,
    apply(features, dropoutSeed) {
      return tf.tidy(() => {
        const [B, T, F] = features.shape;
        if (F !== inputDims) throw new Error(`ASR model expects ${inputDims} feature dims per frame, got ${F}`);
        const outT = outputFrames(T);
        const padded = outT * subsample > T ? tf.pad(features, [[0, 0], [0, outT * subsample - T], [0, 0]]) : features;
        let h = tf.relu(contextMatmul(padded.reshape([B, outT, stackedDims]), inKernel, inBias, inputContext, 1)) as tf.Tensor3D;
        blocks.forEach((block, i) => {
          const y = layerNorm(tf.relu(contextMatmul(h, block.kernel, block.bias, 3, block.dilation)) as tf.Tensor3D, block.gain, block.offset);
          h = h.add(dropout(y, dropoutSeed, i));
        });
        return matMul2d(h.reshape([B * outT, hidden]), outKernel as tf.Tensor2D).add(outBias).reshape([B, outT, classes]);
      });
    },
    dispose() {
      for (const v of variables) v.dispose();
    },
  };
}

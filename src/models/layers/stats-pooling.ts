/**
 * StatsPooling: statistics pooling over time (x-vector style). Input [batch, time, channels] -> output
 * [batch, 2 * channels] = concat(mean over time, standard deviation over time). No weights. The gradient is
 * written by hand (dx = dMean / T + (x - mean) dStd / (T std)): one tape entry instead of a dozen small ops.
 */
import { tf } from '../../engine';
import type { BaseLayerArgs } from './common';

/** Configuration of a StatsPooling layer. */
export interface StatsPoolingArgs extends BaseLayerArgs {
  /** Added to the variance before the square root (keeps the gradient finite). Default 1e-5. */
  epsilon?: number;
}

/** concat(mean, sqrt(variance + epsilon)) over axis 1 of x [batch, time, channels] -> [batch, 2 * channels]. */
function statsPool(x: tf.Tensor3D, epsilon: number): tf.Tensor2D {
  const time = x.shape[1];
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [input, save] = args as [tf.Tensor3D, tf.GradSaveFunc];
    const mean = tf.mean(input, 1, true);
    const centred = tf.sub(input, mean);
    const std = tf.sqrt(tf.add(tf.mean(tf.square(centred), 1), epsilon));
    save([centred, std]);
    return {
      value: tf.concat([mean.squeeze([1]), std], 1),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
        const [sCentred, sStd] = saved as [tf.Tensor3D, tf.Tensor2D];
        const [dMean, dStd] = tf.split(dy, 2, 1);
        const perFrame = tf.div(dStd, sStd.mul(time)).expandDims(1);
        return tf.add(tf.mul(sCentred, perFrame), dMean.div(time).expandDims(1));
      },
    };
  });
  return op(x) as tf.Tensor2D;
}

/** Mean and standard deviation over time, concatenated (see file doc). */
export class StatsPooling extends tf.layers.Layer {
  static className = 'KieloStatsPooling';
  readonly epsilon: number;

  constructor(args: StatsPoolingArgs = {}) {
    super(args);
    this.epsilon = args.epsilon ?? 1e-5;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, , channels] = inputShape as tf.Shape;
    return [batch, channels == null ? null : 2 * channels];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return statsPool(x as tf.Tensor3D, this.epsilon);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}

tf.serialization.registerClass(StatsPooling);

/**
 * StatsPooling: statistics pooling over time (x-vector style). Input [batch, time, channels] -> output
 * [batch, 2 * channels] = concat(mean over time, standard deviation over time). No weights.
 */
import { tf } from '../../engine';
import type { BaseLayerArgs } from './common';

/** Configuration of a StatsPooling layer. */
export interface StatsPoolingArgs extends BaseLayerArgs {
  /** Added to the variance before the square root (keeps the gradient finite). Default 1e-5. */
  epsilon?: number;
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
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, 1);
      return tf.concat([mean, tf.sqrt(tf.add(variance, this.epsilon))], 1);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}

tf.serialization.registerClass(StatsPooling);

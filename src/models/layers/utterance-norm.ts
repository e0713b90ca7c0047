/**
 * UtteranceNorm: per-utterance mean and variance normalisation over time (CMVN as a layer), so gain and channel
 * offsets of log energies vanish. Input and output [batch, time, channels]; no weights.
 */
import { tf } from '../../engine';
import type { BaseLayerArgs } from './common';

/** Configuration of an UtteranceNorm layer. */
export interface UtteranceNormArgs extends BaseLayerArgs {
  /** Added to the variance before the square root. Default 1e-3. */
  epsilon?: number;
}

/** Normalises each channel of each utterance to zero mean and unit variance over time. */
export class UtteranceNorm extends tf.layers.Layer {
  static className = 'KieloUtteranceNorm';
  readonly epsilon: number;

  constructor(args: UtteranceNormArgs = {}) {
    super(args);
    this.epsilon = args.epsilon ?? 1e-3;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      const { mean, variance } = tf.moments(x, 1, true);
      return tf.sub(x, mean).mul(tf.rsqrt(tf.add(variance, this.epsilon)));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}

tf.serialization.registerClass(UtteranceNorm);

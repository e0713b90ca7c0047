/**
 * UtteranceNorm: per-utterance mean normalisation over time (CMN as a layer; optionally variance too, CMVN), so
 * gain and channel offsets of log energies vanish. Mean-only is the default: scaling each channel to unit variance
 * would also erase how much each band fluctuates (a steady tone and noise become alike). Input and output
 * [batch, time, channels]; no weights.
 */
import { tf } from '../../engine';
import type { BaseLayerArgs } from './common';

/** Configuration of an UtteranceNorm layer. */
export interface UtteranceNormArgs extends BaseLayerArgs {
  /** Also divide by the standard deviation over time. Default false. */
  normalizeVariance?: boolean;
  /** Added to the variance before the square root. Default 1e-3. */
  epsilon?: number;
}

/** x - mean over axis 1, with its gradient written by hand (dx = dy - mean over axis 1 of dy): one tape entry. */
const centreOverTime = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const x = args[0] as tf.Tensor;
  return {
    value: tf.sub(x, tf.mean(x, 1, true)),
    gradFunc: (dy: tf.Tensor) => tf.sub(dy, tf.mean(dy, 1, true)),
  };
}) as (x: tf.Tensor) => tf.Tensor;

/** Normalises each channel of each utterance to zero mean (and unit variance if asked) over time. */
export class UtteranceNorm extends tf.layers.Layer {
  static className = 'KieloUtteranceNorm';
  readonly epsilon: number;
  readonly normalizeVariance: boolean;

  constructor(args: UtteranceNormArgs = {}) {
    super(args);
    this.epsilon = args.epsilon ?? 1e-3;
    this.normalizeVariance = args.normalizeVariance ?? false;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    return tf.tidy(() => {
      if (!this.normalizeVariance) return centreOverTime(x);
      const { mean, variance } = tf.moments(x, 1, true);
      return tf.sub(x, mean).mul(tf.rsqrt(tf.add(variance, this.epsilon)));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon, normalizeVariance: this.normalizeVariance };
  }
}

tf.serialization.registerClass(UtteranceNorm);

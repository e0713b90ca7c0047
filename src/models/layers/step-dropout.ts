/**
 * StepDropout: dropout whose mask is seeded per training step. tf.layers.dropout with a seed draws the SAME mask
 * on every call (a fixed sparse network, not dropout), and without one a run cannot be repeated. Here the caller
 * passes the step's seed as a call argument: model.apply(x, {training: true, seed}); the layer adds its own
 * offset so two dropout layers do not share a mask. Inactive unless training. Shape unchanged.
 */
import { tf } from '../../engine';
import type { BaseLayerArgs } from './common';

/** Configuration of a StepDropout layer. */
export interface StepDropoutArgs extends BaseLayerArgs {
  /** Fraction of units zeroed while training. Required; 0 <= rate < 1. */
  rate: number;
  /** Added to the step seed so each dropout layer draws its own mask. Default 0. */
  seedOffset?: number;
}

/** Dropout seeded by the step (see file doc). */
export class StepDropout extends tf.layers.Layer {
  static className = 'KieloStepDropout';
  readonly rate: number;
  readonly seedOffset: number;

  constructor(args: StepDropoutArgs) {
    super(args);
    this.rate = args.rate;
    this.seedOffset = args.seedOffset ?? 0;
    if (!(this.rate >= 0 && this.rate < 1)) throw new Error(`StepDropout: rate must be in [0, 1), got ${this.rate}`);
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return inputShape as tf.Shape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Record<string, unknown>): tf.Tensor {
    const x = Array.isArray(inputs) ? inputs[0] : inputs;
    if (!kwargs?.training || this.rate === 0) return x.clone();
    const seed = typeof kwargs.seed === 'number' ? kwargs.seed + this.seedOffset : undefined;
    return tf.dropout(x, this.rate, undefined, seed);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seedOffset: this.seedOffset };
  }
}

tf.serialization.registerClass(StepDropout);

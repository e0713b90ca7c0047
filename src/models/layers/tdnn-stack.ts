/**
 * TdnnStack: the temporal CNN (TDNN layers with dilations) as matmuls over context matrices. Input
 * [batch, time, channels] -> output [batch, time - shrink, units[last]], shrink = (context - 1) * sum(dilations).
 * Layer i: y[t] = act(b_i + sum_j x[t + j * dilation_i] W_i[j]), j = 0..context-1 (valid, no padding).
 *
 * The stack works on time-major rows [time * batch, channels] (one transpose in, one out): each layer is one
 * tdnnLayer (tdnn-layer.ts), where every tap is a contiguous row range and so one matmul for the whole batch,
 * with a hand-written gradient. A training step thus runs few, large matmuls and few small ops (what
 * wasm/XNNPACK needs), no conv kernels (trains on every engine), and computes only valid frames.
 */
import { tf } from '../../engine';
import { hiddenInitializer, parseActivation, type Activation, type BaseLayerArgs } from './common';
import { tdnnLayer } from './tdnn-layer';

/** Configuration of a TdnnStack. */
export interface TdnnStackArgs extends BaseLayerArgs {
  /** Output channels of each TDNN layer. Required, non-empty; each 1..4096. */
  units: number[];
  /** Dilation of each layer (same length as units). Default all 1; each >= 1. */
  dilations?: number[];
  /** Frames of context (kernel size) of every layer. Default 3; >= 1. */
  context?: number;
  /** Nonlinearity after every layer. Default 'relu'. */
  activation?: Activation;
  /** Weight initialisation scale (1 = He for ReLU, LeCun otherwise). Default 1; > 0. */
  initScale?: number;
  /** Seed of the weight init (layer i uses seed + i). Default 0. */
  seed?: number;
  /** Rescale each frame's output vector to unit RMS after the nonlinearity (Kaldi's relu-renorm: keeps every layer's
   * scale fixed, so deep stacks train fast without batch statistics). Default false. */
  renorm?: boolean;
}

/**
 * A stack of dilated TDNN layers (see file doc). Weights layerI/kernel [context * channels_in, units_i] and layerI/bias,
 * so gradient statistics group them per TDNN layer (the training loop groups by the name before the last /).
 */
export class TdnnStack extends tf.layers.Layer {
  static className = 'KieloTdnnStack';
  readonly units: number[];
  readonly dilations: number[];
  readonly context: number;
  readonly activation: Activation;
  readonly initScale: number;
  readonly seed: number;
  readonly renorm: boolean;
  private kernels: tf.LayerVariable[] = [];
  private biases: tf.LayerVariable[] = [];

  constructor(args: TdnnStackArgs) {
    super(args);
    this.units = [...args.units];
    this.dilations = [...(args.dilations ?? args.units.map(() => 1))];
    this.context = args.context ?? 3;
    this.activation = parseActivation(args.activation ?? 'relu');
    this.initScale = args.initScale ?? 1;
    this.seed = args.seed ?? 0;
    this.renorm = args.renorm ?? false;
    if (!this.units.length || this.units.some((u) => !(Number.isInteger(u) && u >= 1 && u <= 4096))) {
      throw new Error(`TdnnStack: units must be integers 1..4096, got [${this.units}]`);
    }
    if (this.dilations.length !== this.units.length || this.dilations.some((d) => !(Number.isInteger(d) && d >= 1))) {
      throw new Error(`TdnnStack: dilations must be ${this.units.length} integers >= 1, got [${this.dilations}]`);
    }
    if (!(Number.isInteger(this.context) && this.context >= 1)) throw new Error(`TdnnStack: context must be an integer >= 1, got ${this.context}`);
    if (!(this.initScale > 0)) throw new Error(`TdnnStack: initScale must be > 0, got ${this.initScale}`);
  }

  /** Frames lost over the stack: (context - 1) * sum(dilations). */
  get shrink(): number {
    return (this.context - 1) * this.dilations.reduce((a, b) => a + b, 0);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    let channels = (inputShape as tf.Shape)[2];
    if (typeof channels !== 'number') throw new Error('TdnnStack: the channel dimension must be known');
    this.units.forEach((units, i) => {
      const init = hiddenInitializer(this.activation, this.initScale, this.seed + i);
      this.kernels.push(this.addWeight(`layer${i + 1}/kernel`, [this.context * (channels as number), units], 'float32', init));
      this.biases.push(this.addWeight(`layer${i + 1}/bias`, [units], 'float32', tf.initializers.zeros()));
      channels = units;
    });
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const [batch, time] = inputShape as tf.Shape;
    return [batch, time == null ? null : time - this.shrink, this.units[this.units.length - 1]];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
    return tf.tidy(() => {
      const [batch, time, channels] = x.shape;
      if (time - this.shrink < 1) throw new Error(`TdnnStack ${this.name}: needs at least ${this.shrink + 1} frames, got ${time}`);
      let rows = x.transpose([1, 0, 2]).reshape([time * batch, channels]) as tf.Tensor2D; // time-major
      this.units.forEach((_, i) => {
        rows = tdnnLayer(rows, batch, this.kernels[i].read() as tf.Tensor2D, this.biases[i].read() as tf.Tensor1D, this.dilations[i], this.context, this.activation);
        if (this.renorm) rows = rows.mul(tf.rsqrt(rows.square().mean(1, true).add(1e-5)));
      });
      const units = this.units[this.units.length - 1];
      return rows.reshape([time - this.shrink, batch, units]).transpose([1, 0, 2]);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      units: this.units,
      dilations: this.dilations,
      context: this.context,
      activation: this.activation,
      initScale: this.initScale,
      seed: this.seed,
      renorm: this.renorm,
    };
  }
}

tf.serialization.registerClass(TdnnStack);

/**
 * LearnedFilterbank: free-weight filters over raw frames. Input [batch, time, taps] (25 ms frames, 10 ms hop),
 * output [batch, time, filters] log band energies. Each filter is a pair of free impulse responses whose squared
 * outputs are summed (a learned quadrature pair), so the energy does not depend on where in the frame a
 * waveform's phase falls. A strided conv over raw audio written as one matmul over framed input: it trains on
 * every engine (wasm has no conv filter gradient).
 */
import { tf } from '../../engine';
import type { BaseLayerArgs } from './common';
import { bandpassPairKernel, logPairEnergy, melBandParams, resolveLogFloor } from './bandpass';

/** Configuration of a LearnedFilterbank. */
export interface LearnedFilterbankArgs extends BaseLayerArgs {
  /** Number of filters (output channels). Default 40; 1..512. */
  filters?: number;
  /** Floor added to band energies before the log. Default 1e-6 (models saved without the field used it). */
  logFloor?: number;
  /** Sample rate of the frames in Hz (sets the initial mel-spaced bands). Default 16000. */
  sampleRate?: number;
  /** 'bandpass': start from mel-spaced band-pass pairs (then free); 'random': seeded uniform. Default 'bandpass'. */
  init?: 'bandpass' | 'random';
  /** Seed of the random init. Default 0. */
  seed?: number;
}

/** Free learned filterbank (see file doc). Output shape [batch, time, filters]. */
export class LearnedFilterbank extends tf.layers.Layer {
  static className = 'KieloLearnedFilterbank';
  readonly filters: number;
  readonly sampleRate: number;
  readonly logFloor: number;
  readonly init: 'bandpass' | 'random';
  readonly seed: number;
  private kernel: tf.LayerVariable | null = null;

  constructor(args: LearnedFilterbankArgs = {}) {
    super(args);
    this.filters = args.filters ?? 40;
    this.sampleRate = args.sampleRate ?? 16000;
    this.logFloor = resolveLogFloor(args.logFloor, this.constructor.name);
    this.init = args.init ?? 'bandpass';
    this.seed = args.seed ?? 0;
    if (!(this.filters >= 1 && this.filters <= 512)) throw new Error(`LearnedFilterbank: filters must be 1..512, got ${this.filters}`);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const taps = (inputShape as tf.Shape)[2];
    if (typeof taps !== 'number') throw new Error('LearnedFilterbank: the frame length (last input dimension) must be known');
    const initializer = this.init === 'random'
      ? tf.initializers.randomUniform({ minval: -1 / Math.sqrt(taps), maxval: 1 / Math.sqrt(taps), seed: this.seed })
      : tf.initializers.zeros();
    this.kernel = this.addWeight('kernel', [taps, 2 * this.filters], 'float32', initializer);
    if (this.init === 'bandpass') {
      const { lowHz, bandHz } = melBandParams(this.filters, 30, this.sampleRate / 2 - 200);
      const start = tf.tidy(() => bandpassPairKernel(tf.tensor1d(lowHz), tf.tensor1d(bandHz), taps, this.sampleRate));
      this.kernel.write(start);
      start.dispose();
    }
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = inputShape as tf.Shape;
    return [shape[0], shape[1], this.filters];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const frames = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
    return logPairEnergy(frames, this.kernel!.read() as tf.Tensor2D, this.logFloor);
  }

  /** The current impulse responses, [taps, 2 * filters] (pairs: f and filters + f). */
  impulseResponses(): tf.Tensor2D {
    return this.kernel!.read().clone() as tf.Tensor2D;
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.filters, sampleRate: this.sampleRate, logFloor: this.logFloor, init: this.init, seed: this.seed };
  }
}

tf.serialization.registerClass(LearnedFilterbank);

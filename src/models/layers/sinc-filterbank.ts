/**
 * SincFilterbank: SincNet-style band-pass filters over raw frames whose only parameters are each band's low
 * cut-off and bandwidth (in kHz, so optimiser steps move them by Hz). Input [batch, time, taps], output
 * [batch, time, filters] log band energies of the filter and its Hilbert pair (phase-independent energy).
 */
import { tf } from '../../engine';
import type { BaseLayerArgs } from './common';
import { bandpassPairKernel, logPairEnergy, melBandParams, resolveLogFloor } from './bandpass';

/** Configuration of a SincFilterbank. */
export interface SincFilterbankArgs extends BaseLayerArgs {
  /** Number of band-pass filters. Default 40; 1..512. */
  filters?: number;
  /** Floor added to band energies before the log. Default 1e-6 (models saved without the field used it). */
  logFloor?: number;
  /** Sample rate of the frames in Hz. Default 16000. */
  sampleRate?: number;
  /** Lowest initial band edge in Hz. Default 30. */
  fMin?: number;
  /** Highest initial band edge in Hz. Default sampleRate / 2 - 200. */
  fMax?: number;
}

/** Parameters are stored in kHz: one unit = 1000 Hz. */
const KHZ = 1000;

/** SincNet band-pass filterbank (see file doc). Output shape [batch, time, filters]. */
export class SincFilterbank extends tf.layers.Layer {
  static className = 'KieloSincFilterbank';
  readonly filters: number;
  readonly sampleRate: number;
  readonly logFloor: number;
  readonly fMin: number;
  readonly fMax: number;
  private taps = 0;
  private lowKHz: tf.LayerVariable | null = null;
  private bandKHz: tf.LayerVariable | null = null;

  constructor(args: SincFilterbankArgs = {}) {
    super(args);
    this.filters = args.filters ?? 40;
    this.sampleRate = args.sampleRate ?? 16000;
    this.logFloor = resolveLogFloor(args.logFloor, this.constructor.name);
    this.fMin = args.fMin ?? 30;
    this.fMax = args.fMax ?? this.sampleRate / 2 - 200;
    if (!(this.filters >= 1 && this.filters <= 512)) throw new Error(`SincFilterbank: filters must be 1..512, got ${this.filters}`);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const taps = (inputShape as tf.Shape)[2];
    if (typeof taps !== 'number') throw new Error('SincFilterbank: the frame length (last input dimension) must be known');
    this.taps = taps;
    const { lowHz, bandHz } = melBandParams(this.filters, this.fMin, this.fMax);
    this.lowKHz = this.addWeight('low_khz', [this.filters], 'float32', tf.initializers.zeros());
    this.bandKHz = this.addWeight('band_khz', [this.filters], 'float32', tf.initializers.zeros());
    const low = tf.tensor1d(lowHz.map((f) => f / KHZ));
    const band = tf.tensor1d(bandHz.map((b) => b / KHZ));
    this.lowKHz.write(low);
    this.bandKHz.write(band);
    low.dispose();
    band.dispose();
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = inputShape as tf.Shape;
    return [shape[0], shape[1], this.filters];
  }

  /** The current impulse responses, [taps, 2 * filters] (pairs: f and filters + f). */
  impulseResponses(): tf.Tensor2D {
    return tf.tidy(() =>
      bandpassPairKernel(this.lowKHz!.read().mul(KHZ) as tf.Tensor1D, this.bandKHz!.read().mul(KHZ) as tf.Tensor1D, this.taps, this.sampleRate),
    );
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const frames = (Array.isArray(inputs) ? inputs[0] : inputs) as tf.Tensor3D;
    return tf.tidy(() => logPairEnergy(frames, this.impulseResponses(), this.logFloor));
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), filters: this.filters, sampleRate: this.sampleRate, logFloor: this.logFloor, fMin: this.fMin, fMax: this.fMax };
  }
}

tf.serialization.registerClass(SincFilterbank);

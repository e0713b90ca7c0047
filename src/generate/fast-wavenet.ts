/**
 * Fast WaveNet generation (Paine et al. 2016): each layer keeps a queue of its last `dilation` inputs, so one new
 * sample costs one pass through the layers (O(layers)), with the weights read once into packed Float32Arrays
 * and no TensorFlow.js call per sample. Starting from empty (zero) queues equals the model's forward pass over
 * zero-padded input.
 */
import type { FeatureMatrix } from '../features';
import { checkMelFrames, dilationsOf, validateWavenetWeights, type WavenetConfig, type WavenetWeights } from '../models/wavenet';
import { checkLabel } from './fast-wavenet-simd';
import { MelGateBias } from './mel-gate-bias';
import { matVec, packMatrix, padBias, type PackedMatrix } from './packed';

interface LayerState {
  dilation: number;
  gate: PackedMatrix;
  /** gateB + the label's embedding, padded. */
  gateBias: Float32Array;
  /** 'mel' models: gateBias + the current frame's projection (see MelGateBias); else gateBias itself. */
  frameBias: Float32Array;
  out: PackedMatrix;
  outBias: Float32Array;
  /** The last `dilation` inputs of this layer, [dilation, R] as a ring. */
  queue: Float32Array;
  position: number;
}

/** The cached-queue WaveNet recurrence over Float32Arrays. */
export class FastWavenet {
  readonly config: WavenetConfig;
  private readonly layers: LayerState[];
  private readonly embed: Float32Array;
  private readonly out1: PackedMatrix;
  private readonly out1Bias: Float32Array;
  private readonly out2: PackedMatrix;
  private readonly out2Bias: Float32Array;
  /** [h[t-d], h[t]] for the current layer. */
  private readonly gateInput: Float32Array;
  private readonly gateOut: Float32Array;
  private readonly gated: Float32Array;
  private readonly layerOut: Float32Array;
  private readonly skip: Float32Array;
  private readonly hidden: Float32Array;
  /** Logits of the next sample (length >= classes, padded), valid after step(). */
  readonly logits: Float32Array;

  /** 'mel' models: puts the current frame's projection into every layer's frameBias; null otherwise. */
  private readonly melBias: MelGateBias | null;

  /**
   * `label`: index into config.labels (required when the model is label-conditioned). `mel`: the log-mel frames
   * (required exactly for condition 'mel'); step t (since reset) uses the frame of sample t + 1 (../models/wavenet/
   * conditioning); after the last frame the last one holds.
   */
  constructor(weights: WavenetWeights, label?: number, mel?: FeatureMatrix) {
    const { config, tensors } = validateWavenetWeights(weights);
    this.config = config;
    const { residualChannels: r, skipChannels: s, classes: c, labels } = config;
    checkLabel(config, label);
    checkMelFrames(config, mel, 'fast wavenet');
    const t = (name: string) => tensors.get(name)!;
    this.embed = t('embed');
    this.layers = dilationsOf(config).map((dilation, i) => {
      const gate = packMatrix(t(`layer${i}/gateW`), 2 * r, 2 * r);
      const gateBias = padBias(t(`layer${i}/gateB`), gate.paddedCols);
      if (labels.length) {
        const cond = t(`layer${i}/cond`);
        for (let j = 0; j < 2 * r; j++) gateBias[j] += cond[label! * 2 * r + j];
      }
      const out = packMatrix(t(`layer${i}/outW`), r, s + r);
      const frameBias = mel ? gateBias.slice() : gateBias;
      return { dilation, gate, gateBias, frameBias, out, outBias: padBias(t(`layer${i}/outB`), out.paddedCols), queue: new Float32Array(dilation * r), position: 0 };
    });
    const layers = this.layers;
    this.melBias = mel ? new MelGateBias(config, mel, layers.map((l) => l.gateBias), layers.map((_, i) => t(`layer${i}/mel`)), layers.map((l) => l.frameBias)) : null;
    this.out1 = packMatrix(t('out1W'), s, s);
    this.out1Bias = padBias(t('out1B'), this.out1.paddedCols);
    this.out2 = packMatrix(t('out2W'), s, c);
    this.out2Bias = padBias(t('out2B'), this.out2.paddedCols);
    this.gateInput = new Float32Array(2 * r);
    this.gateOut = new Float32Array(this.layers[0].gate.paddedCols);
    this.gated = new Float32Array(r);
    this.layerOut = new Float32Array(this.layers[0].out.paddedCols);
    this.skip = new Float32Array(s);
    this.hidden = new Float32Array(this.out1.paddedCols);
    this.logits = new Float32Array(this.out2.paddedCols);
  }

  /** Empties every queue: the next step sees only zeros before it. */
  reset(): void {
    for (const layer of this.layers) {
      layer.queue.fill(0);
      layer.position = 0;
    }
    this.melBias?.reset();
  }

  /** Feeds one input class (the sample at time t); returns the logits for t + 1 (this.logits, reused). */
  step(input: number): Float32Array {
    const { residualChannels: r, skipChannels: s } = this.config;
    const x = this.gateInput;
    const z = this.gateOut;
    const gated = this.gated;
    const y = this.layerOut;
    const skip = this.skip;
    this.melBias?.beforeStep();
    // h lives in the second half of gateInput; the first half receives h[t-d] from the queue.
    x.set(this.embed.subarray(input * r, input * r + r), r);
    skip.fill(0);
    for (let li = 0; li < this.layers.length; li++) {
      const layer = this.layers[li];
      const queue = layer.queue;
      const base = layer.position * r;
      for (let k = 0; k < r; k++) {
        x[k] = queue[base + k];
        queue[base + k] = x[r + k];
      }
      layer.position = layer.position + 1 === layer.dilation ? 0 : layer.position + 1;
      matVec(layer.gate, x, 0, layer.frameBias, z);
      for (let k = 0; k < r; k++) {
        gated[k] = Math.tanh(z[k]) / (1 + Math.exp(-z[r + k]));
      }
      matVec(layer.out, gated, 0, layer.outBias, y);
      for (let k = 0; k < s; k++) skip[k] += y[k];
      for (let k = 0; k < r; k++) x[r + k] += y[s + k];
    }
    for (let k = 0; k < s; k++) if (skip[k] < 0) skip[k] = 0;
    matVec(this.out1, skip, 0, this.out1Bias, this.hidden);
    const hidden = this.hidden;
    for (let k = 0; k < s; k++) if (hidden[k] < 0) hidden[k] = 0;
    matVec(this.out2, hidden, 0, this.out2Bias, this.logits);
    return this.logits;
  }
}

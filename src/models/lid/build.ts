/**
 * buildLidModel: the language identifier as a tf.LayersModel (pure: config in, uncompiled model out).
 *   input [batch, time, dims]  raw 25 ms frames (dims = 400) or MFCC frames (dims = inputDims)
 *   -> LearnedFilterbank | SincFilterbank (raw front ends only): log band energies [batch, time, filters]
 *   -> UtteranceNorm (per-utterance mean/variance)
 *   -> TdnnStack (N dilated TDNN layers as matmuls over shifted rows) [batch, time', channels]
 *   -> StatsPooling [batch, 2 * channels] -> dropout -> Dense embedding -> dropout
 *   -> Dense logits [batch, labels] (layer 'logits') -> softmax posteriors (the model's output)
 * The MFCC baseline runs through the same back end, so the two are compared like for like.
 */
import { tf } from '../../engine';
import { hiddenInitializer, LearnedFilterbank, SincFilterbank, StatsPooling, StepDropout, TdnnStack, UtteranceNorm } from '../layers';
import { resolveLidModelConfig, type LidModelConfig } from './config';

/** Name of the layer whose output is the logits (for training with softmax cross-entropy). */
export const LOGITS_LAYER = 'logits';

/** Input dimensions per frame the model expects: frameSamples for raw front ends, inputDims for MFCC. */
export function lidInputDims(config: LidModelConfig): number {
  return config.frontend === 'mfcc' ? config.inputDims : config.frameSamples;
}

/**
 * Builds the LID model for `numLabels` classes. Train through lidLogitsModel(model).apply(x, {training: true, seed})
 * (seed: the step's, for dropout). Input [batch, time, dims] (time may vary between calls, but must
 * be at least receptiveFrames(config)); output posteriors [batch, numLabels].
 */
export function buildLidModel(partialConfig: Partial<LidModelConfig>, numLabels: number): tf.LayersModel {
  const c = resolveLidModelConfig(partialConfig);
  if (!(Number.isInteger(numLabels) && numLabels >= 2)) throw new Error(`buildLidModel: need at least 2 labels, got ${numLabels}`);
  const input = tf.input({ shape: [null, lidInputDims(c)], name: 'frames' });
  let x: tf.SymbolicTensor = input;
  if (c.frontend === 'learned') {
    x = new LearnedFilterbank({ filters: c.filters, sampleRate: c.sampleRate, logFloor: c.logFloor, seed: c.seed, name: 'filterbank' }).apply(x) as tf.SymbolicTensor;
  } else if (c.frontend === 'sinc') {
    x = new SincFilterbank({ filters: c.filters, sampleRate: c.sampleRate, logFloor: c.logFloor, name: 'filterbank' }).apply(x) as tf.SymbolicTensor;
  }
  x = new UtteranceNorm({ name: 'utterance_norm' }).apply(x) as tf.SymbolicTensor;
  x = new TdnnStack({
    units: c.channels, dilations: c.dilations, context: c.context, activation: c.activation, initScale: c.initScale, renorm: c.renorm, seed: c.seed + 10,
    name: 'tdnn',
  }).apply(x) as tf.SymbolicTensor;
  x = new StatsPooling({ name: 'stats_pooling' }).apply(x) as tf.SymbolicTensor;
  if (c.dropout > 0) x = new StepDropout({ rate: c.dropout, seedOffset: 1, name: 'dropout_pool' }).apply(x) as tf.SymbolicTensor;
  x = tf.layers.dense({
    units: c.embedding, activation: c.activation, kernelInitializer: hiddenInitializer(c.activation, c.initScale, c.seed + 2), name: 'embedding',
  }).apply(x) as tf.SymbolicTensor;
  if (c.dropout > 0) x = new StepDropout({ rate: c.dropout, seedOffset: 2, name: 'dropout_embedding' }).apply(x) as tf.SymbolicTensor;
  const logits = tf.layers.dense({
    units: numLabels, kernelInitializer: tf.initializers.glorotUniform({ seed: c.seed + 4 }), name: LOGITS_LAYER,
  }).apply(x) as tf.SymbolicTensor;
  const posteriors = tf.layers.softmax({ name: 'posteriors' }).apply(logits) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: posteriors, name: `lid_${c.frontend}` });
}

/** A view of `model` that outputs its logits [batch, labels], sharing its weights (for the training loss). */
export function lidLogitsModel(model: tf.LayersModel): tf.LayersModel {
  return tf.model({ inputs: model.inputs, outputs: model.getLayer(LOGITS_LAYER).output as tf.SymbolicTensor });
}

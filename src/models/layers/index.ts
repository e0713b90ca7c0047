/**
 * Kielo's custom TensorFlow.js layers. Importing this module registers every one of them with
 * tf.serialization.registerClass, so tf.loadLayersModel reads models that use them.
 */
export { ACTIVATIONS, applyActivation, parseActivation, hiddenInitializer, type Activation } from './common';
export { bandpassPairKernel, logPairEnergy, melBands, melBandParams, MIN_BAND_HZ, MIN_LOW_HZ } from './bandpass';
export { LearnedFilterbank, type LearnedFilterbankArgs } from './learned-filterbank';
export { SincFilterbank, type SincFilterbankArgs } from './sinc-filterbank';
export { UtteranceNorm, type UtteranceNormArgs } from './utterance-norm';
export { TdnnStack, type TdnnStackArgs } from './tdnn-stack';
export { StatsPooling, type StatsPoolingArgs } from './stats-pooling';
export { matMul2d, matMulTransposeA, matMulTransposeB, transpose2d } from './matmul';
export { StepDropout, type StepDropoutArgs } from './step-dropout';

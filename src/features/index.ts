/** The features layer: framing, FeatureSpec, log-mel / MFCC / deltas / CMVN, meyda descriptors, augmentation. */
export { frameSignal, frameCount, defaultFrameOptions, type FrameOptions, type Frames } from './frame';
export type { FeatureMatrix } from './matrix';
export {
  defaultFeatureSpec,
  validateFeatureSpec,
  resolveFeatureSpec,
  featureDims,
  windowSamples,
  hopSamples,
  featureKinds,
  FeatureSpecError,
  type FeatureSpec,
  type FeatureKind,
} from './spec';
export { extractFeatures, preemphasize } from './extract';
export { appendDeltas } from './deltas';
export { cmvn } from './cmvn';
export { stftPower, nextPowerOfTwo, type StftOptions, type StftMatrix } from './stft';
export { hzToMel, melToHz, melFilterbank, melBandEdgesHz, type MelFilterbank, type MelOptions } from './mel';
export {
  computeDescriptors,
  descriptorNames,
  descriptorRegistry,
  defaultDescriptorOptions,
  type DescriptorName,
  type DescriptorOptions,
  type DescriptorMatrix,
} from './descriptors';
export {
  addNoise,
  applyGain,
  copyCyclic,
  speedPerturb,
  randomCrop,
  specAugment,
  defaultSpecAugmentOptions,
  type SpecAugmentOptions,
  vtlp,
  pitchShift,
  reverberate,
  randomEq,
  telephone,
  codecRoundTrip,
  augmentVoiceRoomMic,
  augmentLine,
  usesVoiceChannel,
  AUGMENT_PRESETS,
  AUGMENT_PRESET_NAMES,
  basicAugment,
  noAugment,
  voiceChannelAugment,
  type AugmentConfig,
  type AugmentPreset,
} from './augment';

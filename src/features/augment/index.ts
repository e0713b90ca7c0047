/**
 * Data augmentation for training, one transform per file: gain, noise, speed and crops (basic.ts); formant warping
 * (vtlp.ts) and pitch shift (pitch.ts); room reverberation (reverb.ts); microphone colouring (eq.ts); the telephone
 * band (telephone.ts) and its codecs (codec.ts, gsm-like.ts); SpecAugment masks (spec-augment.ts); the LID crops'
 * config and presets (config.ts) and the order the transforms run in (pipeline.ts). Every random choice comes from
 * a seeded Rng.
 */
export { addNoise, applyGain, copyCyclic, randomCrop, sharedWhiteNoise, speedPerturb } from './basic';
export { specAugment, defaultSpecAugmentOptions, type SpecAugmentOptions } from './spec-augment';
export { vtlp, vtlpSourceBins, defaultVtlpOptions, type VtlpOptions } from './vtlp';
export { pitchShift } from './pitch';
export { fftConvolve, reverberate, roomImpulse } from './reverb';
export { eqSections, randomEq, randomEqBands, type EqBand } from './eq';
export { biquad, butterworthQs, filterInPlace, responseDb, type Biquad, type BiquadKind } from './biquad';
export { telephone, telephoneSections, LINE_CODECS, TELEPHONE_BAND, TELEPHONE_RATE, type LineCodec } from './telephone';
export { gsmLikeCoding, gsmLikeRoundTrip, type GsmLikeCoding } from './gsm-like';
export { codecRoundTrip, compress, expand, CODECS, CODEC_LEVELS, type Codec } from './codec';
export {
  AUGMENT_PRESETS, AUGMENT_PRESET_NAMES, basicAugment, noAugment, usesVoiceChannel, voiceChannelAugment,
  type AugmentConfig, type AugmentPreset,
} from './config';
export { augmentLine, augmentVoiceRoomMic } from './pipeline';

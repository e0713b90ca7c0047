/**
 * The training-time augmentation of LID crops: one config type beside its presets. 'basic' is gain, noise and
 * speed (the default); 'voice-channel' adds other voices (formant warping) and other channels (rooms, microphones,
 * telephone lines and codecs), and SpecAugment masks where the front end is spectral.
 */
import type { SpecAugmentOptions } from './spec-augment';

/** Waveform (and, for spectral front ends, feature) augmentation of training crops; defaults in basicAugment. */
export interface AugmentConfig {
  /** Random gain drawn uniformly in +-gainDb. Default 6; >= 0. */
  gainDb: number;
  /** Probability of adding white noise. Default 0.5; 0..1. */
  noiseProb: number;
  /** SNR range of the added noise in dB. Default [10, 40]. */
  snrDb: [number, number];
  /** Probability of speed perturbation (shifts pitch and formants together: a cheap "other voice"). Default 0.6; 0..1. */
  speedProb: number;
  /** Speed factor range. Default [0.85, 1.15]. */
  speed: [number, number];
  /** Probability of formant warping (vtlp; pitch kept, so with speed it makes pitch and formants independent). Default 0; 0..1. */
  vtlpProb: number;
  /** Formant warp factor range. Default [0.9, 1.1]; within 0.65..1.5. */
  vtlp: [number, number];
  /** Probability of room reverberation. Default 0; 0..1. */
  reverbProb: number;
  /** RT60 range in seconds. Default [0.2, 0.7]; within 0.05..3. */
  rt60: [number, number];
  /** Direct-to-reverberant ratio range in dB. Default [0, 12]. */
  drrDb: [number, number];
  /** Probability of microphone colouring (random equaliser). Default 0; 0..1. */
  eqProb: number;
  /** Equaliser sections (low shelf, high shelf, then peaking). Default 3; 1..8. */
  eqBands: number;
  /** Largest boost or cut of each section in dB. Default 6; 0..24. */
  eqDb: number;
  /** Probability of the telephone band (8 kHz, 300-3400 Hz). Default 0; 0..1. */
  telephoneProb: number;
  /**
   * Probability that a telephone-band crop is also coded: mu-law, A-law or GSM-like (gsm-like.ts), each equally
   * often. Default 0; 0..1.
   */
  codecProb: number;
  /** Probability of SpecAugment masks, for spectral front ends only (log-mel, MFCC). Default 0; 0..1. */
  specAugmentProb: number;
  /** The masks (see defaultSpecAugmentOptions); for MFCC + deltas the "frequency" masks cover feature dims. */
  specAugment: SpecAugmentOptions;
}

/** Today's default (FINDINGS: noise, gain and speed together added 12-17 points on other-domain speech). */
export const basicAugment: AugmentConfig = {
  gainDb: 6, noiseProb: 0.5, snrDb: [10, 40], speedProb: 0.6, speed: [0.85, 1.15],
  vtlpProb: 0, vtlp: [0.9, 1.1], reverbProb: 0, rt60: [0.2, 0.7], drrDb: [0, 12],
  eqProb: 0, eqBands: 3, eqDb: 6, telephoneProb: 0, codecProb: 0,
  specAugmentProb: 0, specAugment: { freqMasks: 2, freqWidth: 4, timeMasks: 2, timeWidth: 20 },
};

/** No augmentation. */
export const noAugment: AugmentConfig = {
  ...basicAugment, gainDb: 0, noiseProb: 0, snrDb: [30, 30], speedProb: 0, speed: [1, 1],
};

/** Basic plus other voices and channels; each transform on a part of the crops, so clean speech stays common. */
export const voiceChannelAugment: AugmentConfig = {
  ...basicAugment, vtlpProb: 0.3, reverbProb: 0.25, eqProb: 0.4, telephoneProb: 0.15, codecProb: 0.5, specAugmentProb: 0.5,
};

/** The presets by name. */
export const AUGMENT_PRESETS = { none: noAugment, basic: basicAugment, 'voice-channel': voiceChannelAugment } as const;
/** A preset's name. */
export type AugmentPreset = keyof typeof AUGMENT_PRESETS;
/** The preset names, for flags and forms. */
export const AUGMENT_PRESET_NAMES = Object.keys(AUGMENT_PRESETS) as AugmentPreset[];

/** True when the config uses any transform beyond gain, noise and speed (each then draws from a per-clip rng). */
export function usesVoiceChannel(c: AugmentConfig): boolean {
  return c.vtlpProb > 0 || c.reverbProb > 0 || c.eqProb > 0 || c.telephoneProb > 0;
}

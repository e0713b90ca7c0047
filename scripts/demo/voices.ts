// Draws the voice of one clip: accent, variant, speed, pitch, word gap and level.
import type { VariantWeight, VoiceRanges } from './config';
import type { Rng } from './rng';
import type { SpeechParams } from './synth';

/** Speech parameters plus the variant name on its own (the unit the train/test split holds out). */
export interface DrawnVoice extends SpeechParams {
  variant: string;
}

/** Draws a random voice from `baseVoices` x `variants` and the config's speed, pitch, gap and level ranges. */
export function drawVoice(rng: Rng, config: VoiceRanges, baseVoices: readonly string[], variants: readonly VariantWeight[]): DrawnVoice {
  const base = rng.pick(baseVoices);
  const variant = rng.pick(variants, (v) => v.weight).name;
  return {
    voice: `${base}+${variant}`,
    variant,
    speed: rng.int(config.speedWpm[0], config.speedWpm[1]),
    pitch: rng.int(config.pitch[0], config.pitch[1]),
    wordGap: rng.int(config.wordGap[0], config.wordGap[1]),
    peakDb: Math.round(rng.uniform(config.peakDb[0], config.peakDb[1]) * 10) / 10,
  };
}

/**
 * The order in which a training crop meets the voice and channel transforms: the voice (formant warping), the
 * room (reverberation), the microphone (equaliser); gain and noise follow in the caller; the line (telephone band
 * and codec) comes last. Every decision and parameter of a clip is drawn from the `rng` given, in a fixed order.
 */
import type { Rng } from '../../util/random';
import type { AugmentConfig } from './config';
import { randomEq } from './eq';
import { reverberate } from './reverb';
import { LINE_CODECS, telephone } from './telephone';
import { vtlp } from './vtlp';

function uniform(rng: Rng, [lo, hi]: readonly [number, number]): number {
  return lo + rng() * (hi - lo);
}

/** The voice, room and microphone transforms of `c` that fire for this clip, applied to x (16 kHz). */
export function augmentVoiceRoomMic(x: Float32Array, c: AugmentConfig, rng: Rng): Float32Array {
  let y = x;
  if (c.vtlpProb > 0 && rng() < c.vtlpProb) y = vtlp(y, uniform(rng, c.vtlp));
  if (c.reverbProb > 0 && rng() < c.reverbProb) y = reverberate(y, uniform(rng, c.rt60), uniform(rng, c.drrDb), rng);
  if (c.eqProb > 0 && rng() < c.eqProb) y = randomEq(y, rng, c.eqBands, c.eqDb);
  return y;
}

/** The line transform of `c` when it fires for this clip: telephone band, with a codec as often as codecProb. */
export function augmentLine(x: Float32Array, c: AugmentConfig, rng: Rng): Float32Array {
  if (!(c.telephoneProb > 0 && rng() < c.telephoneProb)) return x;
  const codec = c.codecProb > 0 && rng() < c.codecProb ? LINE_CODECS[Math.floor(rng() * LINE_CODECS.length)] : null;
  return telephone(x, codec);
}

/**
 * Putting a log-mel sequence's level back on a vocoder's output. A vocoder trained on per-utterance normalised frames
 * never sees the level (the mean it removes), so it renders every utterance near its training data's typical level;
 * the raw frames still hold the level, and one gain per utterance restores it.
 */
import { extractFeatures, type FeatureMatrix, type FeatureSpec } from '../features';
import { gainBetweenLevels, levelReference } from '../features/log-mel-level';

/**
 * `samples` times the gain that brings their log-mel level (at `spec`, unnormalised) to that of `target` (raw log-mel
 * at the same front end), clipped to [-1, 1]; with the gain in dB. Audio shorter than one analysis window is returned
 * as it is (gain 0 dB).
 */
export function matchLevel(samples: Float32Array, target: FeatureMatrix, spec: FeatureSpec): { samples: Float32Array; gainDb: number } {
  const own = extractFeatures(samples, { ...spec, cmvn: 'none' });
  if (own.frames < 1 || target.frames < 1) return { samples, gainDb: 0 };
  const gain = gainBetweenLevels(levelReference(own), levelReference(target));
  const out = new Float32Array(samples.length);
  for (let i = 0; i < samples.length; i++) out[i] = Math.max(-1, Math.min(1, samples[i] * gain));
  return { samples: out, gainDb: 20 * Math.log10(gain) };
}

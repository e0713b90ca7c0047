/**
 * Pitch shift with the formants kept, as speed perturbation by beta (pitch and formants x beta, duration / beta)
 * followed by formant warping by 1 / beta (formants back). The pitch moves by beta independently of the formants;
 * the tempo moves with it (beta faster), as in speed perturbation. The LID pipeline gets the same freedom by
 * drawing its speed and VTLP factors independently (pitch beta, formants alpha beta), so it has no separate step.
 */
import { speedPerturb } from './basic';
import { vtlp, type VtlpOptions } from './vtlp';

/**
 * x with its pitch moved by `semitones` (-6..6; beta = 2^(semitones/12), rounded to 1/100) and its formants
 * where they were; length ceil(n / beta), as speedPerturb.
 */
export function pitchShift(x: Float32Array, semitones: number, options: VtlpOptions = {}): Float32Array {
  if (!Number.isFinite(semitones) || Math.abs(semitones) > 6) throw new RangeError(`pitchShift: semitones must be in -6..6, got ${semitones}`);
  const beta = Math.round(2 ** (semitones / 12) * 100) / 100;
  if (beta === 1) return Float32Array.from(x);
  return vtlp(speedPerturb(x, beta), 1 / beta, options);
}

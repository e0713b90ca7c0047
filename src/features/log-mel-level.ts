/**
 * The level of log-mel frames as one number: the 95th-percentile point of the frames' energies, each the log of the
 * frame's mean mel power (log-mel is the natural log of mel power), so pauses do not count and a few clicks do not
 * decide it. An amplitude gain g moves it by exactly 2 ln(g) (a mean of logs would not: bands at the log floor stay).
 */
import type { FeatureMatrix } from './matrix';

const REFERENCE_PERCENTILE = 0.95;

/** The reference level of log-mel frames (at least one frame). */
export function levelReference(matrix: FeatureMatrix): number {
  const { frames, dims } = matrix;
  if (frames < 1) throw new RangeError('levelReference: no frames');
  const means = new Float64Array(frames); // each frame's log mean mel power
  for (let t = 0; t < frames; t++) {
    const row = matrix.data.subarray(t * dims, (t + 1) * dims);
    let peak = -Infinity;
    for (const x of row) peak = Math.max(peak, x);
    let sum = 0;
    for (const x of row) sum += Math.exp(x - peak);
    means[t] = peak + Math.log(sum / dims);
  }
  means.sort();
  return means[Math.min(frames - 1, Math.floor(REFERENCE_PERCENTILE * frames))];
}

/** The amplitude gain that moves a signal at log-mel level `from` to level `to`. */
export function gainBetweenLevels(from: number, to: number): number {
  return Math.exp((to - from) / 2);
}

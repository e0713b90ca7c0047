/** Drawing from a unit prior: a unit sequence from its bigram, and the log-mel frames the units stand for. */
import type { FeatureMatrix } from '../../features';
import { makeRng, type Rng } from '../../util/random';
import type { UnitPrior } from './fit';

/** An index drawn from `probabilities[offset .. offset + n)` (summing to ~1) with uniform u in [0, 1). */
function draw(probabilities: Float32Array, offset: number, n: number, u: number): number {
  let target = u;
  for (let k = 0; k < n; k++) {
    target -= probabilities[offset + k];
    if (target < 0) return k;
  }
  return n - 1;
}

/** `frames` units drawn from the prior: the first from its start distribution, each next from the bigram row. */
export function sampleUnits(prior: UnitPrior, frames: number, seed: number): Int32Array {
  if (!Number.isInteger(frames) || frames < 1) throw new RangeError(`frames must be a positive integer, got ${frames}`);
  const rng: Rng = makeRng(seed);
  const units = new Int32Array(frames);
  units[0] = draw(prior.initial, 0, prior.units, rng());
  for (let t = 1; t < frames; t++) units[t] = draw(prior.transitions, units[t - 1] * prior.units, prior.units, rng());
  return units;
}

/**
 * The raw log-mel frames of a unit sequence: each unit's centroid, smoothed over time by a [1/4, 1/2, 1/4] filter so
 * unit boundaries are not steps (the ends repeat their frame), at the corpus's median level (prior.referenceLevel).
 */
export function unitLogMel(prior: UnitPrior, units: Int32Array): FeatureMatrix {
  const { bands, centroids } = prior;
  const frames = units.length;
  const data = new Float32Array(frames * bands);
  for (let t = 0; t < frames; t++) {
    const [a, b, c] = [units[Math.max(0, t - 1)], units[t], units[Math.min(frames - 1, t + 1)]];
    for (let m = 0; m < bands; m++) {
      data[t * bands + m] = prior.referenceLevel + 0.25 * centroids[a * bands + m] + 0.5 * centroids[b * bands + m] + 0.25 * centroids[c * bands + m];
    }
  }
  return { data, frames, dims: bands };
}

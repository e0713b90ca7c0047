/** Comparing a fast generator with the model's forward pass, position by position. */
import { softmaxAt } from '../../src/metrics/calibration';

/**
 * Feeds `sequence` to `fast` one value at a time and compares each next-sample distribution with the forward pass's
 * logits `reference` ([sequence.length, classes] row-major): the largest |p_fast - p_forward| seen, and the largest
 * forward probability (a flat distribution would match trivially).
 */
export function distributionGap(fast: { step(input: number): Float32Array }, sequence: number[], reference: Float32Array, classes: number): { maxDiff: number; peak: number } {
  let maxDiff = 0;
  let peak = 0;
  for (let t = 0; t < sequence.length; t++) {
    const p = softmaxAt(fast.step(sequence[t]).subarray(0, classes));
    const q = softmaxAt(reference.subarray(t * classes, (t + 1) * classes));
    for (let k = 0; k < classes; k++) {
      maxDiff = Math.max(maxDiff, Math.abs(p[k] - q[k]));
      peak = Math.max(peak, q[k]);
    }
  }
  return { maxDiff, peak };
}

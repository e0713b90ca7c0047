/** Drawing one class from logits: softmax with a temperature, by inverse CDF with one uniform number. */

/**
 * Samples a class index from `logits` (first `classes` values) at `temperature` (0 = argmax) using the uniform
 * number `u` in [0, 1). `scratch` (length >= classes) is reused to avoid allocation per sample.
 */
export function sampleLogits(logits: Float32Array, classes: number, temperature: number, u: number, scratch: Float64Array): number {
  let best = 0;
  for (let k = 1; k < classes; k++) if (logits[k] > logits[best]) best = k;
  if (temperature <= 0) return best;
  const max = logits[best];
  const inverse = 1 / temperature;
  let sum = 0;
  for (let k = 0; k < classes; k++) sum += scratch[k] = Math.exp((logits[k] - max) * inverse);
  let target = u * sum;
  for (let k = 0; k < classes; k++) {
    target -= scratch[k];
    if (target < 0) return k;
  }
  return best;
}

/** Log-space arithmetic shared by the CTC loss, decoders and aligner. */

/** log(exp(a) + exp(b)) without overflow; -Infinity is log 0. */
export function logAddExp(a: number, b: number): number {
  if (a === -Infinity) return b;
  if (b === -Infinity) return a;
  return a > b ? a + Math.log1p(Math.exp(b - a)) : b + Math.log1p(Math.exp(a - b));
}

/** Row-wise log-softmax of a row-major [rows x cols] matrix, in float64. */
export function logSoftmaxRows(logits: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    let max = -Infinity;
    for (let c = 0; c < cols; c++) max = Math.max(max, logits[r * cols + c]);
    let sum = 0;
    for (let c = 0; c < cols; c++) sum += Math.exp(logits[r * cols + c] - max);
    const logZ = max + Math.log(sum);
    for (let c = 0; c < cols; c++) out[r * cols + c] = logits[r * cols + c] - logZ;
  }
  return out;
}

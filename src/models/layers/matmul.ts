/**
 * Matmuls with a transposed operand, written for each engine's speed. On the wasm engine tf.matMul with a
 * transposed operand runs Kielo's own kernel (engine/wasm-matmul.ts) at full speed. Where it cannot (a column
 * count that is not a multiple of 4), the backend's own matmul with transposeA or transposeB runs ~8-10x slower
 * than a plain matMul after tf.transpose (XNNPACK only takes untransposed operands; the rest falls to a naive
 * loop), so there an explicit transpose is used. On the cpu engine the flags are free and an explicit transpose is
 * an element-by-element copy, so there the flags are used.
 */
import { gemm, tf, usesWasmGemm } from '../../engine';

/**
 * True where a product with a transposed operand and n columns is much slower than a transpose plus a plain
 * product: the wasm engine, unless Kielo's kernel takes the product (its BatchMatMul routes n % 4 == 0 there).
 */
function explicitTransposes(n: number): boolean {
  return tf.getBackend() === 'wasm' && !usesWasmGemm(n);
}

/**
 * x^T for x [rows, cols]. On wasm the 2-D transpose kernel walks the input in order and writes with a stride of
 * `rows` floats (a cache miss per element); its 3-D kernel, given x viewed as [f, rows / f, cols] and perm
 * [2, 0, 1], computes the same result writing in order and reading with the stride: measured 3x faster
 * ([1536, 400]: ~0.6 vs ~1.8 ms). f is the smallest divisor of rows >= 2 (size-1 axes would be dropped).
 */
export function transpose2d(x: tf.Tensor2D): tf.Tensor2D {
  const [rows, cols] = x.shape;
  let f = 2;
  while (f * f <= rows && rows % f !== 0) f++;
  if (rows % f !== 0 || rows / f < 2 || cols < 2) return tf.transpose(x);
  return tf.transpose(x.reshape([f, rows / f, cols]), [2, 0, 1]).reshape([cols, rows]);
}

/** a^T b for a [k, m], b [k, n] -> [m, n], in the form that is fastest on the current engine. */
export function matMulTransposeA(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return explicitTransposes(b.shape[1]) ? tf.matMul(transpose2d(a), b) : tf.matMul(a, b, true, false);
}

/** a b^T for a [m, k], b [n, k] -> [m, n], in the form that is fastest on the current engine. */
export function matMulTransposeB(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return explicitTransposes(b.shape[0]) ? tf.matMul(a, transpose2d(b)) : tf.matMul(a, b, false, true);
}

const matMulExplicitGrad = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: gemm(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as tf.Tensor2D[];
      return [matMulTransposeB(dy as tf.Tensor2D, sb), matMulTransposeA(sa, dy as tf.Tensor2D)];
    },
  };
});

/** [m, k] x [k, n] -> [m, n], whose gradient matmuls take the engine's fastest form (untransposed on wasm). */
export function matMul2d(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return matMulExplicitGrad(a, b) as tf.Tensor2D;
}

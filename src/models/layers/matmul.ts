/**
 * Matmuls with a transposed operand, written for each engine's speed. Measured on the wasm engine (tfjs 4.22):
 * matMul with transposeA or transposeB (what tf.matMul's own gradient uses) runs ~8-10x slower than a plain
 * matMul after tf.transpose (XNNPACK only takes untransposed operands; the rest falls to a naive loop), so
 * backpropagation through large framed matmuls was dominated by them. On the cpu engine the flags are free and
 * an explicit transpose is an element-by-element copy, so there the flags are used.
 */
import { tf } from '../../engine';

/** True where a matmul with a transposed operand is much slower than a transpose plus a plain matmul (wasm). */
function explicitTransposes(): boolean {
  return tf.getBackend() === 'wasm';
}

/** a^T b for a [k, m], b [k, n] -> [m, n], in the form that is fastest on the current engine. */
export function matMulTransposeA(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return explicitTransposes() ? tf.matMul(tf.transpose(a), b) : tf.matMul(a, b, true, false);
}

/** a b^T for a [m, k], b [n, k] -> [m, n], in the form that is fastest on the current engine. */
export function matMulTransposeB(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return explicitTransposes() ? tf.matMul(a, tf.transpose(b)) : tf.matMul(a, b, false, true);
}

const matMulExplicitGrad = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
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

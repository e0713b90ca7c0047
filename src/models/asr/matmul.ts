/**
 * A 2-D matmul whose gradient uses explicit transposes: on the wasm engine, tf.matMul's own gradient (matMul with
 * transposeB) measured ~25x slower than transpose + plain matMul for [2400 x 128] x [128 x 384].
 * (The LID helper's src/models/layers/matmul.ts does the same; merge into it once that is committed.)
 */
import { tf } from '../../engine';

const matMulExplicitGrad = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [a, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([a, b]);
  return {
    value: tf.matMul(a, b),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sa, sb] = saved as tf.Tensor2D[];
      return [tf.matMul(dy as tf.Tensor2D, tf.transpose(sb)), tf.matMul(tf.transpose(sa), dy as tf.Tensor2D)];
    },
  };
});

/** [m, k] x [k, n] -> [m, n] with a fast gradient on every engine. */
export function matMulFast(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return matMulExplicitGrad(a, b) as tf.Tensor2D;
}

/**
 * matMul2d: a 2-D matmul whose gradient uses explicit transposes. Measured on the wasm engine (tfjs 4.22):
 * matMul with transposeA or transposeB (what tf.matMul's own gradient uses) runs ~8-10x slower than a plain
 * matMul after tf.transpose, so backpropagation through large framed matmuls was dominated by them.
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

/** [m, k] x [k, n] -> [m, n], with a gradient made of untransposed matmuls (fast on wasm). */
export function matMul2d(a: tf.Tensor2D, b: tf.Tensor2D): tf.Tensor2D {
  return matMulExplicitGrad(a, b) as tf.Tensor2D;
}

const framesMatMulGrad = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
  const [frames, kernel, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.GradSaveFunc];
  save([frames]);
  return {
    value: tf.matMul(frames, kernel),
    gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => {
      const [sf] = saved as tf.Tensor2D[];
      return [tf.zerosLike(sf), tf.matMul(tf.transpose(sf), dy as tf.Tensor2D)];
    },
  };
});

/**
 * [m, k] x [k, n] -> [m, n] for a first layer over input data: only the kernel gets a gradient (the input's is
 * zeros), saving the largest backward matmul of a framed front end. Never use it where `data` needs gradients.
 */
export function dataMatMul2d(data: tf.Tensor2D, kernel: tf.Tensor2D): tf.Tensor2D {
  return framesMatMulGrad(data, kernel) as tf.Tensor2D;
}

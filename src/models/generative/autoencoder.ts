/** The autoencoder: a patch -> k numbers (the code) -> the patch again, trained by mean squared error on normalised log-mel. */
import { tf } from '../../engine';
import type { GenerativeNet } from './network';
import { runStack } from './network';

/** Codes [batch, k] of normalised patches x [batch, D]. */
export function aeEncode(net: GenerativeNet, x: tf.Tensor2D): tf.Tensor2D {
  return runStack(net, 'enc', x, 'relu');
}

/** Normalised patches [batch, D] from codes z [batch, k]. */
export function aeDecode(net: GenerativeNet, z: tf.Tensor2D): tf.Tensor2D {
  return runStack(net, 'dec', z, 'relu');
}

/** Mean squared reconstruction error over every number of the batch x [batch, D] (normalised units): the training loss. */
export function aeLoss(net: GenerativeNet, x: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(aeDecode(net, aeEncode(net, x)), x)) as tf.Scalar);
}

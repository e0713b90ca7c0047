/** Loss functions built only from ops with gradients on every engine (wasm, cpu, node). */
import { tf } from '../engine';

/**
 * Mean softmax cross-entropy. `logits` of shape [batch, classes] (unnormalised scores); `labels` either class indices
 * of shape [batch] (int32 or float) or one-hot/soft targets of shape [batch, classes]. Returns a scalar.
 */
export function softmaxCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D | tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => {
    const classes = logits.shape[1];
    const targets = labels.rank === 1 ? tf.oneHot(tf.cast(labels, 'int32'), classes).toFloat() : labels;
    if (targets.shape[0] !== logits.shape[0] || targets.shape[1] !== classes) {
      throw new Error(`labels of shape [${labels.shape}] do not match logits of shape [${logits.shape}]`);
    }
    const logProbs = tf.logSoftmax(logits);
    return tf.neg(tf.mean(tf.sum(tf.mul(targets, logProbs), -1))) as tf.Scalar;
  });
}

/** Mean squared error over all elements of `predictions` and `targets` (same shape). Returns a scalar. */
export function mse(predictions: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  if (!tf.util.arraysEqual(predictions.shape, targets.shape)) {
    throw new Error(`predictions of shape [${predictions.shape}] and targets of shape [${targets.shape}] differ`);
  }
  return tf.tidy(() => tf.mean(tf.square(tf.sub(predictions, targets))) as tf.Scalar);
}

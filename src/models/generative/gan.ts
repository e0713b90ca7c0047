/**
 * The GAN, DCGAN's recipe on dense layers: a generator (noise -> patch; ReLU hidden layers, linear output on
 * normalised log-mel) and a discriminator (patch -> logit; leaky ReLU 0.2), the non-saturating generator loss, and
 * Adam (the recipe's default beta1 0.5). DCGAN's layers are transposed and strided convolutions; the wasm engine
 * cannot train convolutions (no Conv2DBackpropFilter), so both networks are dense stacks, which train on every engine.
 *
 * Stabiliser: one-sided label smoothing (real targets 0.9, fake targets 0). It keeps the discriminator from
 * becoming certain on real patches, so the generator's gradient does not vanish, and it costs nothing. A gradient
 * penalty needs second derivatives through every op, which Kielo's custom wasm kernels (matmul, Adam) do not have.
 *
 * Both players update in the same step (simultaneous gradient descent): the loop minimises D's loss + G's loss,
 * with the fake patches held constant in D's loss and D's weights held constant in G's loss, so each player's
 * gradient is its own loss's.
 */
import { tf } from '../../engine';
import type { GenerativeNet } from './network';
import { runStack, stopGradient } from './network';

/** The target of real patches in the discriminator's loss (one-sided label smoothing). */
export const REAL_LABEL = 0.9;

/** Normalised patches [n, D] from noise [n, k]. */
export function ganGenerate(net: GenerativeNet, noise: tf.Tensor2D): tf.Tensor2D {
  return runStack(net, 'gen', noise, 'relu');
}

/** Discriminator logits [n, 1] of patches [n, D] (`frozen`: its weights held constant). */
export function ganDiscriminate(net: GenerativeNet, x: tf.Tensor2D, frozen = false): tf.Tensor2D {
  return runStack(net, 'dis', x, 'leakyRelu', frozen);
}

/** Binary cross-entropy of logits against a constant target t: mean(softplus(l) - t l). */
function bce(logits: tf.Tensor, target: number): tf.Scalar {
  return tf.mean(tf.sub(tf.softplus(logits), tf.mul(logits, target))) as tf.Scalar;
}

/** Both players' losses on a batch of real patches [n, D] and noise [m, k]; `total` is what one step minimises. */
export function ganLosses(net: GenerativeNet, real: tf.Tensor2D, noise: tf.Tensor2D): { discriminator: tf.Scalar; generator: tf.Scalar; total: tf.Scalar } {
  const fake = ganGenerate(net, noise);
  const discriminator = tf.add(bce(ganDiscriminate(net, real), REAL_LABEL), bce(ganDiscriminate(net, stopGradient(fake) as tf.Tensor2D), 0)) as tf.Scalar;
  const generator = bce(ganDiscriminate(net, fake, true), 1);
  return { discriminator, generator, total: tf.add(discriminator, generator) as tf.Scalar };
}

/** Generated patches below this fraction of the data's mean pairwise distance draw a mode-collapse warning. */
export const MODE_COLLAPSE_RATIO = 0.5;

/** Mean Euclidean distance between distinct rows of a row-major [n x dims] batch (all pairs; n >= 2). */
export function meanPairwiseDistance(rows: Float32Array, dims: number): number {
  const n = rows.length / dims;
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`meanPairwiseDistance: need at least two rows of ${dims}, got ${rows.length} values`);
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      let d = 0;
      for (let c = 0; c < dims; c++) d += (rows[i * dims + c] - rows[j * dims + c]) ** 2;
      sum += Math.sqrt(d);
    }
  }
  return sum / ((n * (n - 1)) / 2);
}

/** The diversity of generated patches against real ones, and a warning when it is below MODE_COLLAPSE_RATIO of the data's. */
export function diversityCheck(generated: Float32Array, real: Float32Array, dims: number): { ratio: number; warning: string | null } {
  const ratio = meanPairwiseDistance(generated, dims) / meanPairwiseDistance(real, dims);
  const warning = ratio < MODE_COLLAPSE_RATIO
    ? `mode collapse: generated patches are ${(100 * ratio).toFixed(0)}% as far apart as real ones (below ${100 * MODE_COLLAPSE_RATIO}%); lower the learning rate or the discriminator's width`
    : null;
  return { ratio, warning };
}

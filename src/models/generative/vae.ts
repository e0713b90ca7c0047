/**
 * The variational autoencoder: a Gaussian encoder q(z|x) = N(mean, exp(logVar)), a sample z = mean + exp(logVar / 2) * eps
 * (the reparameterisation trick: the noise eps is an input, so gradients reach mean and logVar), a Gaussian decoder
 * p(x|z) = N(decoder(z), exp(2 logScale)) with one learnt scale per number of the patch, and the prior N(0, I).
 * Loss = reconstruction (-log p(x|z)) + beta * KL(q(z|x) || p(z)); with beta = 1 it is the negative ELBO.
 */
import { tf } from '../../engine';
import type { PatchNorm } from './config';
import type { GenerativeNet } from './network';
import { runStack } from './network';

const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/** The encoder's Gaussian of normalised patches x [batch, D]: mean and log-variance, each [batch, k]. */
export function vaeEncode(net: GenerativeNet, x: tf.Tensor2D): { mean: tf.Tensor2D; logVar: tf.Tensor2D } {
  const k = net.config.code;
  const h = runStack(net, 'enc', x, 'relu');
  // log-variance kept in [-10, 10]: exp() of an untrained layer's output must not overflow
  return { mean: tf.slice(h, [0, 0], [-1, k]), logVar: tf.clipByValue(tf.slice(h, [0, k], [-1, k]), -10, 10) };
}

/** z = mean + exp(logVar / 2) * eps, eps ~ N(0, I) given as [batch, k]. */
export function reparameterise(mean: tf.Tensor2D, logVar: tf.Tensor2D, eps: tf.Tensor2D): tf.Tensor2D {
  return tf.add(mean, tf.mul(tf.exp(tf.mul(logVar, 0.5)), eps));
}

/** KL(N(mean, exp(logVar)) || N(0, I)) per row, in nats, in closed form: 0.5 sum(mean^2 + exp(logVar) - 1 - logVar). [batch]. */
export function klDivergence(mean: tf.Tensor2D, logVar: tf.Tensor2D): tf.Tensor1D {
  return tf.mul(tf.sum(tf.sub(tf.add(tf.square(mean), tf.exp(logVar)), tf.add(logVar, 1)), 1), 0.5);
}

/** The decoder's mean (normalised patches [batch, D]) of codes z [batch, k]. */
export function vaeDecode(net: GenerativeNet, z: tf.Tensor2D): tf.Tensor2D {
  return runStack(net, 'dec', z, 'relu');
}

/** -log p(x | z) per row in nats (normalised units): sum over D of log(2 pi)/2 + logScale + ((x - mean) / scale)^2 / 2. [batch]. */
export function gaussianNll(net: GenerativeNet, x: tf.Tensor2D, decoded: tf.Tensor2D): tf.Tensor1D {
  const logScale = tf.clipByValue(net.params.get('dec/logScale')!, -7, 7);
  const z = tf.mul(tf.sub(x, decoded), tf.exp(tf.neg(logScale)));
  return tf.sum(tf.add(tf.add(tf.mul(tf.square(z), 0.5), logScale), HALF_LOG_2PI), 1);
}

/** The parts of a VAE loss on one batch, per patch (nats, normalised units). */
export interface VaeTerms {
  /** Mean -log p(x|z) per patch. */
  reconstruction: tf.Scalar;
  /** Mean KL per patch. */
  kl: tf.Scalar;
  /** reconstruction + beta * kl. */
  loss: tf.Scalar;
}

/** The loss of normalised patches x [batch, D] with noise eps [batch, k] (one sample of z per patch). */
export function vaeTerms(net: GenerativeNet, x: tf.Tensor2D, eps: tf.Tensor2D, beta = net.config.beta): VaeTerms {
  const { mean, logVar } = vaeEncode(net, x);
  const reconstruction = tf.mean(gaussianNll(net, x, vaeDecode(net, reparameterise(mean, logVar, eps)))) as tf.Scalar;
  const kl = tf.mean(klDivergence(mean, logVar)) as tf.Scalar;
  return { reconstruction, kl, loss: tf.add(reconstruction, tf.mul(kl, beta)) as tf.Scalar };
}

/**
 * Nats per frame of log-mel (natural-log units, as the FeatureSpec computes them) from nats per normalised patch:
 * the density of x = std * u + mean is the density of u divided by std for each of the D numbers.
 */
export function natsPerFrame(natsPerPatch: number, norm: PatchNorm, frames: number, nMels: number): number {
  return (natsPerPatch + frames * nMels * Math.log(norm.std)) / frames;
}

/** Normalised patches [n, D] decoded from n draws of the prior N(0, I) (the decoder's mean). */
export function vaeSamplePrior(net: GenerativeNet, n: number, seed: number): tf.Tensor2D {
  return tf.tidy(() => vaeDecode(net, tf.randomNormal([n, net.config.code], 0, 1, 'float32', seed)));
}

/** Codes on the straight line from `a` to `b` (steps >= 2 points, ends included), as rows [steps, k]. */
export function interpolateCodes(a: Float32Array, b: Float32Array, steps: number): Float32Array {
  if (a.length !== b.length) throw new RangeError(`interpolateCodes: codes of ${a.length} and ${b.length} numbers`);
  if (!Number.isInteger(steps) || steps < 2) throw new RangeError(`interpolateCodes: steps must be an integer >= 2, got ${steps}`);
  const out = new Float32Array(steps * a.length);
  for (let s = 0; s < steps; s++) {
    const t = s / (steps - 1);
    for (let i = 0; i < a.length; i++) out[s * a.length + i] = (1 - t) * a[i] + t * b[i];
  }
  return out;
}

/**
 * What a trained generative model does with log-mel, in plain Float32Arrays: patches -> codes (AE: the bottleneck,
 * VAE: the encoder's mean), codes -> patches, samples (VAE: the prior, GAN: noise), and a whole file's log-mel
 * through the model and back. Log-mel in and out is in the FeatureSpec's units; normalisation happens here.
 */
import { tf } from '../../engine';
import type { FeatureMatrix } from '../../features';
import { UsageError } from '../../util/errors';
import { aeDecode, aeEncode } from './autoencoder';
import { denormalise, normalise, type GenerativeConfig } from './config';
import { KIND_NAMES } from './files';
import { ganGenerate } from './gan';
import type { GenerativeNet } from './network';
import { extractPatches, overlapAddPatches, patchSize } from './patches';
import { vaeDecode, vaeEncode } from './vae';

/** Rows per forward pass (bounds memory on long files). */
const CHUNK = 256;

function rowsThrough(input: Float32Array, inDims: number, outDims: number, f: (x: tf.Tensor2D) => tf.Tensor2D): Float32Array {
  const n = input.length / inDims;
  const out = new Float32Array(n * outDims);
  for (let start = 0; start < n; start += CHUNK) {
    const rows = Math.min(CHUNK, n - start);
    const part = tf.tidy(() => f(tf.tensor2d(input.subarray(start * inDims, (start + rows) * inDims), [rows, inDims])).dataSync());
    out.set(part, start * outDims);
  }
  return out;
}

function needsEncoder(config: GenerativeConfig): void {
  if (config.kind === 'gan') throw new UsageError(`a ${KIND_NAMES.gan} has no encoder: encode and reconstruct need an autoencoder or a VAE`);
}

/** Codes [count x k] of log-mel patches [count x D]. Throws a UsageError for a GAN (no encoder). */
export function encodePatches(net: GenerativeNet, patches: Float32Array): Float32Array {
  const c = net.config;
  needsEncoder(c);
  const d = patchSize(c.patch, c.nMels);
  return rowsThrough(normalise(patches, c.norm), d, c.code, (x) => (c.kind === 'ae' ? aeEncode(net, x) : vaeEncode(net, x).mean));
}

/** Log-mel patches [count x D] from codes [count x k] (the GAN's codes are its noise). */
export function decodeCodes(net: GenerativeNet, codes: Float32Array): Float32Array {
  const c = net.config;
  const d = patchSize(c.patch, c.nMels);
  const decode = c.kind === 'ae' ? aeDecode : c.kind === 'vae' ? vaeDecode : ganGenerate;
  return denormalise(rowsThrough(codes, c.code, d, (z) => decode(net, z)), c.norm);
}

/** Codes of n draws of N(0, temperature^2 I) (the VAE's prior, the GAN's noise; temperature 1 is the distribution itself), seeded. */
export function priorCodes(net: GenerativeNet, n: number, seed: number, temperature = 1): Float32Array {
  return tf.tidy(() => tf.randomNormal([n, net.config.code], 0, temperature, 'float32', seed).dataSync() as Float32Array);
}

/** n generated log-mel patches [n x D] (VAE or GAN); the autoencoder has no distribution to sample from. */
export function samplePatches(net: GenerativeNet, n: number, seed: number, temperature = 1): Float32Array {
  if (net.config.kind === 'ae') throw new UsageError(`an ${KIND_NAMES.ae} has no prior to sample: generate needs a VAE or a GAN`);
  return decodeCodes(net, priorCodes(net, n, seed, temperature));
}

/** The file-level code: the mean of its patches' codes. `m` must span at least one patch. */
export function meanCode(net: GenerativeNet, m: FeatureMatrix): Float32Array {
  const { data, count } = extractPatches(m, net.config.patch);
  if (count === 0) throw new RangeError(`${m.frames} frames are fewer than one patch of ${net.config.patch.frames}`);
  const codes = encodePatches(net, data);
  const k = net.config.code;
  const mean = new Float32Array(k);
  for (let i = 0; i < codes.length; i++) mean[i % k] += codes[i] / count;
  return mean;
}

/** A file's log-mel through the model: patched at the model's hop, encoded, decoded, overlap-added. */
export function reconstructLogMel(net: GenerativeNet, m: FeatureMatrix): FeatureMatrix {
  const { data, count, starts } = extractPatches(m, net.config.patch);
  if (count === 0) throw new RangeError(`${m.frames} frames are fewer than one patch of ${net.config.patch.frames}`);
  return overlapAddPatches(decodeCodes(net, encodePatches(net, data)), starts, net.config.patch, m.dims, m.frames);
}

/** The configuration of a generative model (autoencoder, VAE or GAN on log-mel patches), beside its defaults. */
import { defaultPatchSpec, validatePatchSpec, type PatchSpec } from './patches';

/** The three generative model kinds, as kielo.json's `kind` names them. */
export const GENERATIVE_KINDS = ['ae', 'vae', 'gan'] as const;
/** One generative model kind. */
export type GenerativeKind = (typeof GENERATIVE_KINDS)[number];

/** Per-band normalisation of log-mel patches: (x - mean[band]) / std. Measured on the training patches. */
export interface PatchNorm {
  /** Mean log-mel per band (nMels numbers). */
  mean: number[];
  /** One standard deviation over all bands and frames. */
  std: number;
}

/** Everything that fixes a generative model's shape. */
export interface GenerativeConfig {
  kind: GenerativeKind;
  /** Patch shape (frames per patch and the hop used to patch files). */
  patch: PatchSpec;
  /** Mel bands per frame (the FeatureSpec's nMels). */
  nMels: number;
  /** Numbers per code (the bottleneck k of the AE, the latent size of the VAE, the noise size of the GAN); 1..1024. */
  code: number;
  /** Hidden layer widths from the data side (encoder / discriminator order; the decoder / generator mirrors them). Default [256]. */
  hidden: number[];
  /** VAE: weight of the KL term in the training loss (the validation ELBO always uses 1); >= 0. Default 1. */
  beta: number;
  /** Normalisation of the patches. */
  norm: PatchNorm;
}

/** Defaults of GenerativeConfig's shape fields. */
export const defaultGenerativeConfig: Omit<GenerativeConfig, 'kind' | 'norm' | 'nMels'> = {
  patch: defaultPatchSpec,
  code: 16,
  hidden: [256],
  beta: 1,
};

/** Checks a config (as read from kielo.json or built by a recipe); throws an Error naming the bad field. */
export function validateGenerativeConfig(c: GenerativeConfig): GenerativeConfig {
  if (!(GENERATIVE_KINDS as readonly string[]).includes(c?.kind)) throw new Error(`kind must be one of ${GENERATIVE_KINDS.join(', ')}, got ${JSON.stringify(c?.kind)}`);
  validatePatchSpec(c.patch ?? ({} as PatchSpec));
  const int = (name: string, v: unknown, lo: number, hi: number) => {
    if (!Number.isInteger(v) || (v as number) < lo || (v as number) > hi) throw new Error(`${name} must be an integer in ${lo}..${hi}, got ${JSON.stringify(v)}`);
  };
  int('nMels', c.nMels, 1, 512);
  int('code', c.code, 1, 1024);
  if (!Array.isArray(c.hidden) || c.hidden.length > 4) throw new Error(`hidden must be a list of at most 4 widths, got ${JSON.stringify(c.hidden)}`);
  c.hidden.forEach((h, i) => int(`hidden[${i}]`, h, 1, 4096));
  if (!(typeof c.beta === 'number' && c.beta >= 0 && Number.isFinite(c.beta))) throw new Error(`beta must be a number >= 0, got ${JSON.stringify(c.beta)}`);
  if (!c.norm || !Array.isArray(c.norm.mean) || c.norm.mean.length !== c.nMels || !c.norm.mean.every(Number.isFinite)) {
    throw new Error(`norm.mean must hold nMels = ${c.nMels} numbers`);
  }
  if (!(c.norm.std > 0 && Number.isFinite(c.norm.std))) throw new Error(`norm.std must be a number > 0, got ${JSON.stringify(c.norm.std)}`);
  return c;
}

/** The normalisation of patches: per-band mean, one standard deviation (floored at 1e-3). */
export function measureNorm(patches: Float32Array, nMels: number): PatchNorm {
  const mean = new Float64Array(nMels);
  const rows = patches.length / nMels;
  if (!Number.isInteger(rows) || rows === 0) throw new RangeError(`measureNorm: ${patches.length} values are not whole frames of ${nMels} bands`);
  for (let i = 0; i < patches.length; i++) mean[i % nMels] += patches[i];
  for (let d = 0; d < nMels; d++) mean[d] /= rows;
  let sq = 0;
  for (let i = 0; i < patches.length; i++) sq += (patches[i] - mean[i % nMels]) ** 2;
  return { mean: [...mean], std: Math.max(1e-3, Math.sqrt(sq / patches.length)) };
}

/** (x - mean) / std per band, into a new array. */
export function normalise(patches: Float32Array, norm: PatchNorm): Float32Array {
  const n = norm.mean.length;
  const out = new Float32Array(patches.length);
  for (let i = 0; i < patches.length; i++) out[i] = (patches[i] - norm.mean[i % n]) / norm.std;
  return out;
}

/** x * std + mean per band, into a new array (log-mel again). */
export function denormalise(patches: Float32Array, norm: PatchNorm): Float32Array {
  const n = norm.mean.length;
  const out = new Float32Array(patches.length);
  for (let i = 0; i < patches.length; i++) out[i] = patches[i] * norm.std + norm.mean[i % n];
  return out;
}

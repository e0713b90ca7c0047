/**
 * The generative models' data-parallel pieces (src/train/parallel): their loss over rows of patches (the VAE's and the
 * GAN's noise drawn from the step's seed, per shard when data-parallel; the GAN's loss has both players' losses as
 * parts, for fitGenerative's curves), the rows cut into shards, the ParallelPlan fitGenerative offers and the replica
 * recipe a worker builds.
 */
import { tf } from '../engine';
import { aeLoss, buildGenerative, ganLosses, vaeTerms, type GenerativeConfig, type GenerativeNet } from '../models/generative';
import { shardRanges } from './parallel/shards';
import type { LossWithParts, ParallelPlan, ReplicaRecipe, ShardLossFn } from './parallel/types';

/** `n` patches of `d` numbers, row-major. */
export interface PatchRows {
  n: number;
  rows: Float32Array;
}

/** What a worker builds the replica from. */
export interface GenerativeReplicaSpec {
  config: GenerativeConfig;
}

/** The AE's reconstruction error or the VAE's negative ELBO over rows; `seed` draws the VAE's noise. */
export function patchLoss(net: GenerativeNet, b: PatchRows, seed: number): tf.Scalar {
  return tf.tidy(() => {
    const x = tf.tensor2d(b.rows, [b.n, b.rows.length / b.n]);
    if (net.config.kind === 'ae') return aeLoss(net, x);
    if (net.config.kind === 'vae') return vaeTerms(net, x, tf.randomNormal([b.n, net.config.code], 0, 1, 'float32', seed) as tf.Tensor2D).loss;
    throw new Error(`patchLoss is the AE's and the VAE's loss, not the ${net.config.kind}'s (ganPatchLoss)`);
  });
}

/** The GAN's loss over rows (both players' losses, summed; noise drawn from `seed`), with each player's as a part. */
export function ganPatchLoss(net: GenerativeNet, b: PatchRows, seed: number): LossWithParts {
  return tf.tidy(() => {
    const x = tf.tensor2d(b.rows, [b.n, b.rows.length / b.n]);
    const l = ganLosses(net, x, tf.randomNormal([b.n, net.config.code], 0, 1, 'float32', seed) as tf.Tensor2D);
    return { loss: l.total, parts: { discriminator: l.discriminator, generator: l.generator } };
  });
}

/** The shard loss of `net`'s kind. */
function shardLoss(net: GenerativeNet): ShardLossFn {
  return net.config.kind === 'gan' ? (data, ctx) => ganPatchLoss(net, data as PatchRows, ctx.seed) : (data, ctx) => patchLoss(net, data as PatchRows, ctx.seed);
}

/** The plan of fitGenerative's task; `onParts` gets a GAN's summed player losses each step. */
export function generativeParallelPlan(net: GenerativeNet, onParts?: (parts: Record<string, number>) => void): ParallelPlan<PatchRows> {
  return {
    recipe: 'generative',
    spec: { config: net.config } satisfies GenerativeReplicaSpec,
    shards: (b, k) => {
      const d = b.rows.length / b.n;
      return shardRanges(b.n, k).map(([start, end]) => {
        const rows = b.rows.slice(start * d, end * d);
        return { examples: end - start, data: { n: end - start, rows } satisfies PatchRows, transfer: [rows.buffer] };
      });
    },
    loss: shardLoss(net),
    ...(onParts ? { onParts } : {}),
  };
}

export const generativeReplica: ReplicaRecipe = (input) => {
  const net = buildGenerative((input as GenerativeReplicaSpec).config);
  const variables = [...net.params.values()];
  return { variables, weights: variables, loss: shardLoss(net) };
};

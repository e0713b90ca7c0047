/**
 * The autoencoder's and the VAE's data-parallel pieces (src/train/parallel): their loss over rows of patches (the
 * VAE's noise drawn from the step's seed, per shard when data-parallel), the rows cut into shards, the ParallelPlan
 * fitGenerative offers and the replica recipe a worker builds. The GAN does not train data-parallel: its loss records
 * both players' losses per step on the side (fitGenerative's curves), which the shards' workers would not see.
 */
import { tf } from '../engine';
import { aeLoss, buildGenerative, vaeTerms, type GenerativeConfig, type GenerativeNet } from '../models/generative';
import { shardRanges } from './parallel/shards';
import type { ParallelPlan, ReplicaRecipe } from './parallel/types';

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
    throw new Error(`patchLoss is the AE's and the VAE's loss, not the ${net.config.kind}'s`);
  });
}

/** The plan of fitGenerative's task for an AE or a VAE. */
export function generativeParallelPlan(net: GenerativeNet): ParallelPlan<PatchRows> {
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
    loss: (data, ctx) => patchLoss(net, data as PatchRows, ctx.seed),
  };
}

export const generativeReplica: ReplicaRecipe = (input) => {
  const net = buildGenerative((input as GenerativeReplicaSpec).config);
  const variables = [...net.params.values()];
  return { variables, weights: variables, loss: (data, ctx) => patchLoss(net, data as PatchRows, ctx.seed) };
};

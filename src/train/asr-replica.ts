/**
 * The recogniser's data-parallel pieces (src/train/parallel): the CTC loss of a padded batch, the batch cut into
 * contiguous utterances (each shard keeps the batch's padding, so its outputs are the whole batch's), the
 * ParallelPlan trainAsr offers and the replica recipe a worker builds.
 */
import { tf } from '../engine';
import { buildAsrModel, type AsrModel, type AsrModelConfig } from '../models/asr';
import { ctcLoss } from '../models/ctc';
import type { PaddedBatch } from './asr-data';
import { shardRanges } from './parallel/shards';
import type { ParallelPlan, ReplicaRecipe } from './parallel/types';

/** What a worker builds the recogniser replica from. */
export interface AsrReplicaSpec {
  config: AsrModelConfig;
}

/** Mean CTC loss over a batch's utterances (the seed draws the dropout masks). */
export function asrBatchLoss(model: AsrModel, b: PaddedBatch, seed: number): tf.Scalar {
  return tf.tidy(() => {
    const x = tf.tensor3d(b.data, [b.batch, b.frames, b.dims]);
    return ctcLoss(model.apply(x, seed), b.labels, b.outputLengths).mean() as tf.Scalar;
  });
}

/** Utterances [start, end) of a padded batch, padded as the batch is. */
export function asrShard(b: PaddedBatch, start: number, end: number): PaddedBatch {
  const per = b.frames * b.dims;
  return { ...b, batch: end - start, data: b.data.slice(start * per, end * per), labels: b.labels.slice(start, end), outputLengths: b.outputLengths.slice(start, end) };
}

/** The plan of trainAsr's task. */
export function asrParallelPlan(model: AsrModel): ParallelPlan<PaddedBatch> {
  return {
    recipe: 'asr',
    spec: { config: model.config } satisfies AsrReplicaSpec,
    shards: (b, n) => shardRanges(b.batch, n).map(([start, end]) => {
      const data = asrShard(b, start, end);
      return { examples: end - start, data, transfer: [data.data.buffer as ArrayBuffer] };
    }),
    loss: (data, ctx) => asrBatchLoss(model, data as PaddedBatch, ctx.seed),
  };
}

export const asrReplica: ReplicaRecipe = (input) => {
  const model = buildAsrModel((input as AsrReplicaSpec).config);
  return { variables: model.variables, weights: model.variables, loss: (data, ctx) => asrBatchLoss(model, data as PaddedBatch, ctx.seed) };
};

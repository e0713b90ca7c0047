/**
 * The LID model's data-parallel pieces (src/train/parallel): its loss over a FeatureBatch, the batch cut into
 * contiguous shards, the ParallelPlan the LID task offers, and the replica recipe a worker builds from the plan's spec.
 */
import { tf } from '../engine';
import type { FeatureBatch } from '../datasets';
import { buildLidModel, lidLogitsModel, type LidModelConfig } from '../models/lid';
import { trainableVariables, type FreezePart } from './lid-init';
import { softmaxCrossEntropy } from './losses';
import { shardRanges } from './parallel/shards';
import type { ParallelPlan, ReplicaRecipe, Shard } from './parallel/types';
import type { StepContext } from './types';

/** What a worker builds the LID replica from. */
export interface LidReplicaSpec {
  config: LidModelConfig;
  labels: number;
  freeze: FreezePart;
}

/** The training loss of a batch of features on `logits` (the step's seed draws the dropout masks). */
export function lidBatchLoss(logits: tf.LayersModel): (batch: FeatureBatch, ctx: StepContext) => tf.Scalar {
  return (b, ctx) => tf.tidy(() => {
    const x = tf.tensor3d(b.data, [b.batch, b.frames, b.dims]);
    return softmaxCrossEntropy(logits.apply(x, { training: true, seed: ctx.seed } as never) as tf.Tensor2D, tf.tensor1d(b.labels, 'int32'));
  });
}

/** A FeatureBatch cut into at most `n` contiguous shards; the first is a view, the others copies (sent to workers,
 * where a view would clone its whole buffer). */
export function featureShards(b: FeatureBatch, n: number): Shard[] {
  const perExample = b.frames * b.dims;
  return shardRanges(b.batch, n).map(([start, end], i) => {
    const cut = i === 0 ? 'subarray' : 'slice';
    const data: FeatureBatch = { ...b, batch: end - start, data: b.data[cut](start * perExample, end * perExample), labels: b.labels[cut](start, end) };
    return { examples: end - start, data, transfer: i === 0 ? [] : [data.data.buffer as ArrayBuffer, data.labels.buffer as ArrayBuffer] };
  });
}

/** The plan of the LID task: model is the task's model, logits its logits view, spec what built it. */
export function lidParallelPlan(model: tf.LayersModel, logits: tf.LayersModel, spec: LidReplicaSpec): ParallelPlan<FeatureBatch> {
  const loss = lidBatchLoss(logits);
  return {
    recipe: 'lid',
    spec,
    shards: featureShards,
    loss: (data, ctx) => loss(data as FeatureBatch, ctx),
    weights: () => model.weights.map((w) => w.read() as tf.Variable),
  };
}

export const lidReplica: ReplicaRecipe = (input) => {
  const spec = input as LidReplicaSpec;
  const model = buildLidModel(spec.config, spec.labels);
  const loss = lidBatchLoss(lidLogitsModel(model));
  return {
    variables: trainableVariables(model, spec.freeze),
    weights: model.weights.map((w) => w.read() as tf.Variable),
    loss: (data, ctx) => loss(data as FeatureBatch, ctx),
  };
};

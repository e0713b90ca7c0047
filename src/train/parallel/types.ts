/**
 * Data-parallel training's plain-data contract: what a TrainTask offers to train on several threads (ParallelPlan),
 * what a replica recipe builds in a worker thread (ReplicaRecipe, Replica), and the messages between the coordinator
 * and its workers. Everything that crosses threads is plain data (structured-clone safe).
 */
import type { tf } from '../../engine';
import type { StepContext } from '../types';

/** One contiguous part of a batch: its example count and the plain data (typed arrays, numbers) its loss needs. */
export interface Shard {
  /** Examples in the shard (>= 1); the shard's loss is weighted by examples / the batch's examples. */
  examples: number;
  /** What the recipe's shard loss reads; sent to a worker by structured clone. */
  data: unknown;
  /** Buffers of `data` made for this shard alone, moved to the worker instead of copied (they are unusable here after). */
  transfer?: ArrayBuffer[];
}

/** A loss with named parts (e.g. a GAN's two players) that training reports beside it; each part is weighted and
 * summed over the shards as the loss is. */
export interface LossWithParts {
  loss: tf.Scalar;
  parts: Record<string, tf.Scalar>;
}

/** A shard's (unweighted) loss, optionally with parts. */
export type ShardLossFn = (data: unknown, ctx: StepContext) => tf.Scalar | LossWithParts;

/**
 * What a TrainTask offers to train data-parallel (TrainTask.parallel). The loop cuts each batch into shards, the
 * coordinator (this thread, replica 0) computes the first shard's loss and gradients with `loss`, the workers the
 * others with the replica that `recipe` (src/train/parallel/registry.ts) builds from `spec`; both losses must be the
 * same function of the shard and the weights.
 */
export interface ParallelPlan<B> {
  /** The replica recipe's name in the workers' registry. */
  recipe: string;
  /** Plain data the recipe builds its replica from (architecture, not weights: weights come from the coordinator). */
  spec: unknown;
  /** The batch cut into at most `n` contiguous shards in batch order, each with >= 1 example (see shardSizes). */
  shards(batch: B, n: number): Shard[];
  /** A shard's (unweighted) loss on this thread's model: the replica's loss function. */
  loss: ShardLossFn;
  /** Receives each step's summed parts (when the loss has them), before the update. */
  onParts?(parts: Record<string, number>): void;
  /** Every weight a replica copies once at the start (frozen and non-trainable ones too), in the replica's order;
   * default task.variables(). Only the trainable variables are published after each step. */
  weights?(): tf.Variable[];
}

/** A model replica in a worker thread. */
export interface Replica {
  /** The trainable variables, in the coordinator task's variables() order. */
  variables: tf.Variable[];
  /** Every weight copied at the start, in ParallelPlan.weights' order. */
  weights: tf.Variable[];
  /** A shard's (unweighted) loss: the same function as ParallelPlan.loss. */
  loss: ShardLossFn;
}

/** Builds a replica from a ParallelPlan's spec, on the worker's engine (already initialised); `replica` is the
 * worker's 1-based index. */
export type ReplicaRecipe = (spec: unknown, replica: number) => Replica | Promise<Replica>;

/** A worker's start data. */
export interface ReplicaSetup {
  /** 1-based replica index (the coordinator is replica 0). */
  replica: number;
  engine: 'wasm' | 'cpu';
  recipe: string;
  spec: unknown;
  /** Every weight at the start, concatenated in ParallelPlan.weights' order. */
  initialWeights: Float32Array;
  /** The trainable variables, concatenated (the coordinator publishes them here after each step). */
  params: SharedArrayBuffer;
  /** This worker's gradient slot: one float per trainable parameter. */
  gradients: SharedArrayBuffer;
  /** Int32 [0]: the version of `params` (bumped by the coordinator after each publish). */
  control: SharedArrayBuffer;
}

/** Coordinator -> worker. */
export type ToReplica = {
  type: 'step';
  id: number;
  data: unknown;
  /** The shard's examples / the batch's examples. */
  weight: number;
  ctx: StepContext;
};

/** Milliseconds a worker spent on one step's parts. */
export interface ReplicaTimes {
  /** Copying the published weights into its variables (0 when they had not changed). */
  weights: number;
  /** Forward and backward pass of its shard. */
  compute: number;
  /** Reading its gradients out of the engine into its shared slot. */
  gradients: number;
}

/** Worker -> coordinator. */
export type FromReplica =
  | { type: 'ready'; shapes: number[][]; weightShapes: number[][] }
  | { type: 'done'; id: number; loss: number; parts?: Record<string, number>; ms: ReplicaTimes }
  | { type: 'failed'; id: number | null; message: string };

/**
 * WaveNet's data-parallel pieces (src/train/parallel): a range of crops as plain data (inputs, targets, labels and
 * log-mel rows), the loss of such a shard, the ParallelPlan fitWavenet offers and the replica recipe a worker builds.
 */
import { tf } from '../engine';
import type { CropBatch } from '../datasets/waveform-crops';
import type { FeatureMatrix } from '../features';
import { buildWavenet, melConditioningRows, type Wavenet, type WavenetConfig } from '../models/wavenet';
import { softmaxCrossEntropy } from './losses';
import { shardRanges } from './parallel/shards';
import type { ParallelPlan, ReplicaRecipe } from './parallel/types';

/** Crops as the loss reads them: n rows of inputs and of targets, row-major. */
export interface WavenetShard {
  n: number;
  /** [n, inputLength] class indices. */
  inputs: Int32Array;
  /** [n, outputs] class indices: each crop's last `outputs` values. */
  targets: Int32Array;
  /** [n] label indices, for a label-conditioned model. */
  labels: Int32Array | null;
  /** [n, inputLength, nMels] log-mel rows, for a 'mel' model. */
  mel: Float32Array | null;
}

/** What a worker builds the WaveNet replica from: the resolved config (labels and sample rate included). */
export interface WavenetReplicaSpec {
  config: WavenetConfig;
}

/**
 * The log-mel rows of crops [start, start+n) for a 'mel' model, [n, inputLength, nMels] row-major: input j of a crop
 * is sample starts[b] + j of its source clip, whose frames `mels` holds (one matrix per source).
 */
export function cropConditioning(config: WavenetConfig, mels: FeatureMatrix[], crops: CropBatch, start: number, n: number, inputLength: number): Float32Array {
  const bands = config.melSpec!.nMels;
  const rows = new Float32Array(n * inputLength * bands);
  for (let b = 0; b < n; b++) {
    rows.set(melConditioningRows(config, mels[crops.sourceIndices[start + b]], crops.starts[start + b], inputLength), b * inputLength * bands);
  }
  return rows;
}

/** Crops [start, start+n) as a shard: inputs are each crop but its last value, targets the last `outputs` values. */
export function wavenetShard(config: WavenetConfig, crops: CropBatch, start: number, n: number, outputs: number, conditioned: boolean, mels: FeatureMatrix[] | null): WavenetShard {
  const inputLength = crops.length - 1;
  const inputs = new Int32Array(n * inputLength);
  const targets = new Int32Array(n * outputs);
  for (let b = 0; b < n; b++) {
    const crop = crops.values.subarray((start + b) * crops.length, (start + b + 1) * crops.length);
    inputs.set(crop.subarray(0, inputLength), b * inputLength);
    targets.set(crop.subarray(crops.length - outputs), b * outputs);
  }
  return {
    n, inputs, targets,
    labels: conditioned ? crops.labels.slice(start, start + n) : null,
    mel: mels ? cropConditioning(config, mels, crops, start, n, inputLength) : null,
  };
}

/** Mean cross-entropy of a shard's targets. */
export function wavenetShardLoss(model: Wavenet, s: WavenetShard): tf.Scalar {
  const inputLength = s.inputs.length / s.n;
  const outputs = s.targets.length / s.n;
  const labels = s.labels ? tf.tensor1d(s.labels, 'int32') : undefined;
  const mel = s.mel ? tf.tensor3d(s.mel, [s.n, inputLength, model.config.melSpec!.nMels]) : undefined;
  const logits = model.forward(tf.tensor2d(s.inputs, [s.n, inputLength], 'int32'), labels, outputs, mel);
  return softmaxCrossEntropy(logits.reshape([-1, model.config.classes]) as tf.Tensor2D, tf.tensor1d(s.targets, 'int32'));
}

/** The plan of fitWavenet's task: crops cut into contiguous ranges, each made into a shard. */
export function wavenetParallelPlan(model: Wavenet, outputs: number, conditioned: boolean, mels: FeatureMatrix[] | null): ParallelPlan<CropBatch> {
  return {
    recipe: 'wavenet',
    spec: { config: model.config } satisfies WavenetReplicaSpec,
    shards: (crops, n) => shardRanges(crops.batch, n).map(([start, end]) => {
      const data = wavenetShard(model.config, crops, start, end - start, outputs, conditioned, mels);
      return { examples: end - start, data, transfer: [data.inputs, data.targets, data.labels, data.mel].flatMap((a) => (a ? [a.buffer as ArrayBuffer] : [])) };
    }),
    loss: (data) => wavenetShardLoss(model, data as WavenetShard),
  };
}

export const wavenetReplica: ReplicaRecipe = (input) => {
  const model = buildWavenet((input as WavenetReplicaSpec).config);
  const variables = [...model.params.values()];
  return { variables, weights: variables, loss: (data) => wavenetShardLoss(model, data as WavenetShard) };
};

/** Synthetic data and a small raw-variable MLP task for the training-loop tests. */
import { tf } from '../../src/engine';
import { gaussian, makeRng, shuffleInPlace } from '../../src/util/random';
import { softmaxCrossEntropy } from '../../src/train/losses';
import type { TrainTask } from '../../src/train/loop';

/** A labelled set: `x` row-major [n x dims], `y` class indices. */
export interface Dataset {
  x: Float32Array;
  y: Int32Array;
  n: number;
  dims: number;
}

/** Two Gaussian blobs (unit variance) whose means are `separation` apart along every axis. */
export function makeBlobs(n: number, dims: number, seed: number, separation = 1.5): Dataset {
  const rng = makeRng(seed);
  const x = new Float32Array(n * dims);
  const y = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    y[i] = i % 2;
    for (let d = 0; d < dims; d++) x[i * dims + d] = gaussian(rng) + (y[i] ? separation / 2 : -separation / 2);
  }
  return { x, y, n, dims };
}

/** A batch of the MLP task. */
export interface Batch {
  x: tf.Tensor2D;
  y: tf.Tensor1D;
}

/** Options of makeMlpTask. */
export interface MlpOptions {
  /** Layer widths from input to classes, e.g. [8, 16, 2]. */
  sizes: number[];
  activation: 'sigmoid' | 'relu' | 'tanh';
  /** Weights ~ N(0, initScale^2 / fanIn) (He init is sqrt 2). */
  initScale: number;
  seed: number;
  train: Dataset;
  valid: Dataset;
  batchSize: number;
}

let instances = 0;

/** A TrainTask for a plain MLP on variables named mlpK/denseI/{kernel,bias}; plus accuracy() and dispose(). */
export function makeMlpTask(options: MlpOptions): TrainTask<Batch> & { weights: tf.Variable[]; dispose(): void } {
  const { sizes, train, valid, batchSize } = options;
  const rng = makeRng(options.seed);
  const prefix = `mlp${++instances}`;
  const weights: tf.Variable[] = [];
  for (let l = 0; l + 1 < sizes.length; l++) {
    const [fanIn, fanOut] = [sizes[l], sizes[l + 1]];
    const kernel = Float32Array.from({ length: fanIn * fanOut }, () => (gaussian(rng) * options.initScale) / Math.sqrt(fanIn));
    // tidy frees the initial values; variables are never tidied away.
    weights.push(tf.tidy(() => tf.variable(tf.tensor2d(kernel, [fanIn, fanOut]), true, `${prefix}/dense${l}/kernel`)));
    weights.push(tf.tidy(() => tf.variable(tf.zeros([fanOut]), true, `${prefix}/dense${l}/bias`)));
  }
  const activate = (h: tf.Tensor): tf.Tensor => (options.activation === 'relu' ? tf.relu(h) : options.activation === 'tanh' ? tf.tanh(h) : tf.sigmoid(h));
  const forward = (x: tf.Tensor2D): tf.Tensor2D => {
    let h: tf.Tensor2D = x;
    for (let l = 0; l < weights.length; l += 2) {
      h = tf.add(tf.matMul(h, weights[l] as tf.Tensor2D), weights[l + 1]);
      if (l + 2 < weights.length) h = activate(h) as tf.Tensor2D;
    }
    return h;
  };
  const validX = tf.tensor2d(valid.x, [valid.n, valid.dims]);
  const validY = tf.tensor1d(valid.y, 'int32');
  return {
    weights,
    variables: () => weights,
    *batches(_epoch, shuffle) {
      const order = shuffleInPlace(Array.from({ length: train.n }, (_, i) => i), shuffle);
      for (let start = 0; start < train.n; start += batchSize) {
        const rows = order.slice(start, start + batchSize);
        const x = new Float32Array(rows.length * train.dims);
        rows.forEach((r, k) => x.set(train.x.subarray(r * train.dims, (r + 1) * train.dims), k * train.dims));
        yield { x: tf.tensor2d(x, [rows.length, train.dims]), y: tf.tensor1d(rows.map((r) => train.y[r]), 'int32') };
      }
    },
    loss: (batch) => softmaxCrossEntropy(forward(batch.x), batch.y),
    async validate() {
      const [loss, correct] = tf.tidy(() => {
        const logits = forward(validX);
        return [softmaxCrossEntropy(logits, validY), tf.sum(tf.cast(tf.equal(tf.argMax(logits, 1), validY), 'float32'))];
      });
      const result = { loss: (await loss.data())[0], accuracy: (await correct.data())[0] / valid.n };
      tf.dispose([loss, correct]);
      return result;
    },
    disposeBatch: (batch) => tf.dispose([batch.x, batch.y]),
    dispose: () => tf.dispose([...weights, validX, validY]),
  };
}

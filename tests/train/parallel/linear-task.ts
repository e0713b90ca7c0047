/** A TrainTask over the test replica recipe (src/train/parallel/test-replica.ts): linear regression on seeded data. */
import type { tf } from '../../../src/engine';
import { shardRanges } from '../../../src/train/parallel/shards';
import { testLoss, testVariables, type TestReplicaSpec, type TestShard } from '../../../src/train/parallel/test-replica';
import type { TrainTask } from '../../../src/train/types';
import { makeRng } from '../../../src/util/random';

export interface LinearTask extends TrainTask<TestShard> {
  weights: tf.Variable[];
  dispose(): void;
}

/** `examples` rows of y = x A + noise, cut into batches of `batchSize` (the last may be smaller), shuffled per epoch. */
export function makeLinearTask(spec: TestReplicaSpec, options: { examples: number; batchSize: number; seed?: number; validate?: boolean }): LinearTask {
  const { inputs, outputs } = spec;
  const rng = makeRng(options.seed ?? 3);
  const truth = Array.from({ length: inputs * outputs }, () => rng() * 2 - 1);
  const x = Float32Array.from({ length: options.examples * inputs }, () => rng() * 2 - 1);
  const y = new Float32Array(options.examples * outputs);
  for (let r = 0; r < options.examples; r++) {
    for (let o = 0; o < outputs; o++) {
      let sum = 0.1 * (rng() - 0.5);
      for (let i = 0; i < inputs; i++) sum += x[r * inputs + i] * truth[i * outputs + o];
      y[r * outputs + o] = sum;
    }
  }
  const [w, b] = testVariables(spec, 7);
  const rows = (order: number[]): TestShard => ({
    rows: order.length,
    x: Float32Array.from(order.flatMap((r) => Array.from(x.subarray(r * inputs, (r + 1) * inputs)))),
    y: Float32Array.from(order.flatMap((r) => Array.from(y.subarray(r * outputs, (r + 1) * outputs)))),
  });
  const loss = (data: unknown, ctx: Parameters<typeof testLoss>[4]) => testLoss(spec, w, b, data as TestShard, ctx);
  return {
    weights: [w, b],
    variables: () => [w, b],
    *batches(_epoch, shuffle) {
      const order = Array.from({ length: options.examples }, (_, i) => i);
      for (let i = order.length - 1; i > 0; i--) {
        const j = Math.floor(shuffle() * (i + 1));
        [order[i], order[j]] = [order[j], order[i]];
      }
      for (let start = 0; start < order.length; start += options.batchSize) yield rows(order.slice(start, start + options.batchSize));
    },
    loss,
    batchCount: () => Math.ceil(options.examples / options.batchSize),
    examplesIn: (batch) => batch.rows,
    ...(options.validate === false ? {} : {
      validate: async () => {
        const value = loss(rows(Array.from({ length: options.examples }, (_, i) => i)), { training: false, epoch: 0, step: 0, seed: 0 });
        const [v] = await value.data();
        value.dispose();
        return { loss: v };
      },
    }),
    parallel: {
      recipe: 'test',
      spec,
      shards: (batch, n) => shardRanges(batch.rows, n).map(([start, end]) => ({
        examples: end - start,
        data: { rows: end - start, x: batch.x.slice(start * inputs, end * inputs), y: batch.y.slice(start * outputs, end * outputs) } satisfies TestShard,
      })),
      loss,
    },
    dispose() {
      w.dispose();
      b.dispose();
    },
  };
}

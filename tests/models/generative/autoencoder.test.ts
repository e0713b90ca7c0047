import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine, tf } from '../../../src/engine';
import { aeDecode, aeEncode, type GenerativeConfig } from '../../../src/models/generative';
import { fitGenerative } from '../../../src/train/generative-fit';
import { fillGaussian, makeRng } from '../../../src/util/random';

const D = 16;
const RANK = 4;

/** n rows of D numbers on a random RANK-dimensional subspace: x = A s, s ~ N(0, I). */
function lowRank(n: number, seed: number, a: Float32Array): Float32Array {
  const s = fillGaussian(new Float32Array(n * RANK), makeRng(seed));
  const x = new Float32Array(n * D);
  for (let i = 0; i < n; i++) for (let j = 0; j < D; j++) for (let r = 0; r < RANK; r++) x[i * D + j] += s[i * RANK + r] * a[r * D + j];
  return x;
}

/** Fraction of the validation data's energy the trained autoencoder with a code of k numbers fails to reconstruct. */
async function unexplained(k: number): Promise<number> {
  const a = fillGaussian(new Float32Array(RANK * D), makeRng(7)).map((v) => v / Math.sqrt(RANK));
  const train = lowRank(1024, 1, a);
  const validation = lowRank(256, 2, a);
  const config: GenerativeConfig = { kind: 'ae', patch: { frames: 2, hop: 1 }, nMels: D / 2, code: k, hidden: [], beta: 1, norm: { mean: new Array(D / 2).fill(0), std: 1 } };
  const { net } = await fitGenerative({ train, validation }, { config, batchSize: 64, seed: 1, train: { epochs: 25, optimizer: { name: 'adam', learningRate: 0.02 } } });
  const [err, energy] = tf.tidy(() => {
    const x = tf.tensor2d(validation, [256, D]);
    const y = aeDecode(net, aeEncode(net, x));
    return [tf.sum(tf.squaredDifference(x, y)).dataSync()[0], tf.sum(tf.square(x)).dataSync()[0]];
  });
  net.dispose();
  return err / energy;
}

beforeAll(async () => {
  await initEngine();
});

describe('autoencoder on data of known rank', () => {
  it(`reconstructs rank-${RANK} data near-perfectly with k >= ${RANK} and not with k < ${RANK}`, async () => {
    const [k2, k4, k6] = [await unexplained(2), await unexplained(4), await unexplained(6)];
    expect(k4).toBeLessThan(0.01);
    expect(k6).toBeLessThan(0.01);
    expect(k2).toBeGreaterThan(0.1); // two of four directions lost: roughly half the energy
  }, 180_000);
});

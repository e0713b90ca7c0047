import { describe, expect, it } from 'vitest';
import { initEngine, tf } from '../../../src/engine';
import { TdnnStack } from '../../../src/models/layers';

/** The TDNN written the slow, obvious way: per utterance, per output frame, per tap. */
function naiveLayer(x: number[][][], kernel: number[][], bias: number[], context: number, dilation: number): number[][][] {
  return x.map((utt) => {
    const outT = utt.length - (context - 1) * dilation;
    const channels = utt[0].length;
    return Array.from({ length: outT }, (_, t) =>
      bias.map((b, u) => {
        let s = b;
        for (let j = 0; j < context; j++) for (let c = 0; c < channels; c++) s += utt[t + j * dilation][c] * kernel[j * channels + c][u];
        return Math.max(0, s);
      }),
    );
  });
}

for (const engine of ['wasm', 'cpu'] as const) {
  describe(`TdnnStack (${engine})`, () => {
    it('equals a per-utterance dilated convolution, batch boundaries included', async () => {
      await initEngine(engine);
      const layer = new TdnnStack({ units: [4, 3], dilations: [1, 2], context: 3, seed: 7 });
      const x = tf.randomNormal([3, 12, 5], 0, 1, 'float32', 3);
      const y = layer.apply(x) as tf.Tensor;
      expect(y.shape).toEqual([3, 12 - 2 - 4, 3]);
      expect(layer.shrink).toBe(6);
      const [k1, b1, k2, b2] = layer.getWeights().map((w) => w.arraySync()) as [number[][], number[], number[][], number[]];
      const expected = naiveLayer(naiveLayer(x.arraySync() as number[][][], k1, b1, 3, 1), k2, b2, 3, 2);
      const got = y.arraySync() as number[][][];
      expected.forEach((utt, b) => utt.forEach((frame, t) => frame.forEach((v, u) => expect(got[b][t][u]).toBeCloseTo(v, 4))));
    });

    it('has gradients that match finite differences', async () => {
      await initEngine(engine);
      const layer = new TdnnStack({ units: [3], dilations: [2], context: 2, activation: 'tanh', seed: 1 });
      const x = tf.randomNormal([2, 6, 2], 0, 1, 'float32', 5);
      layer.apply(x);
      const kernel = layer.trainableWeights[0].read() as tf.Variable;
      const loss = () => (layer.apply(x) as tf.Tensor).square().sum() as tf.Scalar;
      const { grads } = tf.variableGrads(loss, [kernel]);
      const analytic = grads[kernel.name].arraySync() as number[][];
      const base = kernel.arraySync() as number[][];
      const h = 1e-2;
      for (const [r, c] of [[0, 0], [1, 2], [3, 1]]) {
        const probe = (delta: number) => {
          const w = base.map((row) => [...row]);
          w[r][c] += delta;
          kernel.assign(tf.tensor2d(w));
          return loss().dataSync()[0];
        };
        const numeric = (probe(h) - probe(-h)) / (2 * h);
        expect(analytic[r][c]).toBeCloseTo(numeric, 1);
        expect(Math.abs(analytic[r][c] - numeric)).toBeLessThan(0.02 * Math.max(1, Math.abs(numeric)));
      }
      kernel.assign(tf.tensor2d(base));
    });

    it('with renorm, scales every output frame to unit RMS', async () => {
      await initEngine(engine);
      const layer = new TdnnStack({ units: [6], context: 2, renorm: true, activation: 'tanh', seed: 2 });
      const y = layer.apply(tf.randomNormal([2, 9, 4], 0, 3, 'float32', 4)) as tf.Tensor;
      const rms = tf.sqrt(y.square().mean(2)).dataSync();
      for (const r of rms) expect(r).toBeCloseTo(1, 3);
      expect(layer.getConfig().renorm).toBe(true);
    });

    it('refuses input shorter than its receptive field, naming the need', async () => {
      await initEngine(engine);
      const layer = new TdnnStack({ units: [2], dilations: [3], context: 3 });
      expect(() => layer.apply(tf.zeros([1, 6, 2]))).toThrow(/needs at least 7 frames, got 6/);
    });
  });
}

describe('TdnnStack config', () => {
  it('rejects bad units and dilations with the bad value', () => {
    expect(() => new TdnnStack({ units: [0] })).toThrow(/units must be integers 1..4096, got \[0\]/);
    expect(() => new TdnnStack({ units: [4, 4], dilations: [1] })).toThrow(/dilations must be 2 integers/);
    expect(() => new TdnnStack({ units: [4], initScale: -1 })).toThrow(/initScale must be > 0, got -1/);
  });
});

import { describe, expect, it } from 'vitest';
import { initEngine, tf } from '../../../src/engine';
import { matMul2d, StatsPooling, StepDropout, UtteranceNorm } from '../../../src/models/layers';

for (const engine of ['wasm', 'cpu'] as const) {
  describe(`pooling, normalisation and matmul (${engine})`, () => {
    it('pools mean and standard deviation over time', async () => {
      await initEngine(engine);
      // one utterance, 4 frames, 2 channels: channel 0 = 1,2,3,4 (mean 2.5, sd sqrt(1.25)); channel 1 constant 7
      const x = tf.tensor3d([[[1, 7], [2, 7], [3, 7], [4, 7]]]);
      const y = new StatsPooling({ epsilon: 0 }).apply(x) as tf.Tensor;
      expect(y.shape).toEqual([1, 4]);
      const [m0, m1, s0, s1] = await y.data();
      expect(m0).toBeCloseTo(2.5, 5);
      expect(m1).toBeCloseTo(7, 5);
      expect(s0).toBeCloseTo(Math.sqrt(1.25), 5);
      expect(s1).toBeCloseTo(0, 5);
    });

    it('centres each utterance and channel (and scales to unit variance when asked)', async () => {
      await initEngine(engine);
      const x = tf.randomNormal([2, 50, 3], 5, 4, 'float32', 9);
      const y = new UtteranceNorm({ epsilon: 0, normalizeVariance: true }).apply(x) as tf.Tensor;
      const { mean, variance } = tf.moments(y, 1);
      for (const m of await mean.data()) expect(Math.abs(m)).toBeLessThan(1e-4);
      for (const v of await variance.data()) expect(v).toBeCloseTo(1, 3);
      const centred = new UtteranceNorm().apply(x) as tf.Tensor;
      const c = tf.moments(centred, 1);
      for (const m of await c.mean.data()) expect(Math.abs(m)).toBeLessThan(1e-4);
      (await c.variance.data()).forEach((v, i) => expect(v).toBeCloseTo(tf.moments(x, 1).variance.dataSync()[i], 3));
    });

    it('StepDropout draws its mask from the step seed, and does nothing outside training', async () => {
      await initEngine(engine);
      const layer = new StepDropout({ rate: 0.5, seedOffset: 3 });
      const x = tf.ones([4, 64]);
      const mask = (seed: number) => Array.from((layer.apply(x, { training: true, seed }) as tf.Tensor).dataSync());
      expect(mask(1)).toEqual(mask(1));
      expect(mask(1)).not.toEqual(mask(2));
      const kept = mask(1).filter((v) => v > 0);
      expect(kept.length).toBeGreaterThan(64);
      expect(kept.length).toBeLessThan(192);
      for (const v of kept) expect(v).toBeCloseTo(2, 5);
      expect(Array.from((layer.apply(x) as tf.Tensor).dataSync())).toEqual(Array.from(x.dataSync()));
      expect(() => new StepDropout({ rate: 1 })).toThrow(/rate must be in \[0, 1\), got 1/);
    });

    it('matMul2d has the value and gradients of tf.matMul', async () => {
      await initEngine(engine);
      const a = tf.randomNormal([7, 5], 0, 1, 'float32', 1) as tf.Tensor2D;
      const b = tf.randomNormal([5, 3], 0, 1, 'float32', 2) as tf.Tensor2D;
      const f = (mm: (p: tf.Tensor2D, q: tf.Tensor2D) => tf.Tensor2D) => tf.grads((p: tf.Tensor, q: tf.Tensor) => mm(p as tf.Tensor2D, q as tf.Tensor2D).sin().sum());
      const [ga, gb] = f(matMul2d)([a, b]);
      const [ra, rb] = f(tf.matMul)([a, b]);
      expect(matMul2d(a, b).arraySync()).toEqual(tf.matMul(a, b).arraySync());
      (await ga.data()).forEach((v, i) => expect(v).toBeCloseTo(ra.dataSync()[i], 5));
      (await gb.data()).forEach((v, i) => expect(v).toBeCloseTo(rb.dataSync()[i], 5));
    });
  });
}

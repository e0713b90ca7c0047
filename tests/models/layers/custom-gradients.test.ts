/**
 * The LID layers with hand-written gradients (TdnnStack, logPairEnergy, StatsPooling, UtteranceNorm) against plain
 * formulations differentiated by tfjs itself: same outputs and same gradients, on every engine here; and the
 * faster wasm transpose against tf.transpose.
 */
import { describe, expect, it } from 'vitest';
import { initEngine, tf } from '../../../src/engine';
import { applyActivation, logPairEnergy, StatsPooling, TdnnStack, transpose2d, UtteranceNorm, type Activation } from '../../../src/models/layers';

/** Largest |a - b| relative to the largest |a| (at least 1e-3): a scale-free closeness measure. */
function relativeDiff(a: tf.Tensor, b: tf.Tensor): number {
  expect(a.shape).toEqual(b.shape);
  const av = a.dataSync();
  const bv = b.dataSync();
  let diff = 0;
  let scale = 1e-3;
  for (let i = 0; i < av.length; i++) {
    diff = Math.max(diff, Math.abs(av[i] - bv[i]));
    scale = Math.max(scale, Math.abs(av[i]));
  }
  return diff / scale;
}

/** A dilated valid TDNN stack per utterance with ordinary ops (batch-major, tfjs's own gradients). */
function plainTdnn(x: tf.Tensor3D, kernels: tf.Tensor2D[], biases: tf.Tensor1D[], dilations: number[], context: number, activation: Activation, renorm: boolean): tf.Tensor3D {
  let h = x;
  kernels.forEach((kernel, i) => {
    const [batch, time, channels] = h.shape;
    const timeOut = time - (context - 1) * dilations[i];
    let sum: tf.Tensor2D | null = null;
    for (let j = 0; j < context; j++) {
      const tap = h.slice([0, j * dilations[i], 0], [batch, timeOut, channels]).reshape([batch * timeOut, channels]) as tf.Tensor2D;
      const product = tf.matMul(tap, kernel.slice([j * channels, 0], [channels, kernel.shape[1]])) as tf.Tensor2D;
      sum = sum ? (sum.add(product) as tf.Tensor2D) : product;
    }
    let y = applyActivation(sum!.add(biases[i]), activation);
    if (renorm) y = y.mul(tf.rsqrt(y.square().mean(1, true).add(1e-5)));
    h = y.reshape([batch, timeOut, kernel.shape[1]]) as tf.Tensor3D;
  });
  return h;
}

/** [2F, F] pair-summing matrix, written out again so the reference shares no code with the layer. */
function plainLogPairEnergy(frames: tf.Tensor3D, kernel: tf.Tensor2D, eps: number): tf.Tensor3D {
  const [batch, time, taps] = frames.shape;
  const filters = kernel.shape[1] / 2;
  const z = tf.matMul(frames.reshape([batch * time, taps]) as tf.Tensor2D, kernel);
  const energy = z.slice([0, 0], [batch * time, filters]).square().add(z.slice([0, filters], [batch * time, filters]).square());
  return energy.add(eps).log().reshape([batch, time, filters]) as tf.Tensor3D;
}

for (const engine of ['wasm', 'cpu'] as const) {
  describe(`hand-written gradients match tfjs's own (${engine})`, () => {
    // units [8, 12] (multiples of 4) take Kielo's wasm kernels, with partial row blocks (33 and 21 rows) and a
    // half panel (12 columns); [6, 5] the tfjs ops
    for (const [activation, renorm, units] of [['relu', false, [6, 5]], ['tanh', false, [6, 5]], ['sigmoid', true, [6, 5]], ['relu', false, [8, 12]], ['tanh', false, [8, 12]]] as const) {
      it(`TdnnStack (${activation}${renorm ? ', renorm' : ''}, units ${units}): outputs and gradients for input, kernels and biases`, async () => {
        await initEngine(engine);
        const layer = new TdnnStack({ units: [...units], dilations: [1, 2], context: 3, activation, renorm, seed: 4 });
        const x = tf.randomNormal([3, 13, 4], 0, 1, 'float32', 9) as tf.Tensor3D;
        const probe = tf.randomNormal([3, 13 - 2 - 4, units[1]], 0, 1, 'float32', 10);
        layer.apply(x);
        // non-zero biases, so their gradients and the bias add are exercised
        layer.setWeights(layer.getWeights().map((w, i) => (i % 2 ? tf.randomNormal(w.shape, 0, 0.3, 'float32', 20 + i) : w)));
        const weights = layer.trainableWeights.map((w) => w.read());
        const kernels = weights.filter((_, i) => i % 2 === 0) as tf.Tensor2D[];
        const biases = weights.filter((_, i) => i % 2 === 1) as tf.Tensor1D[];
        const ours = (input: tf.Tensor, ...w: tf.Tensor[]) => {
          layer.setWeights(w);
          return (layer.apply(input) as tf.Tensor).mul(probe).sum();
        };
        const plain = (input: tf.Tensor, ...w: tf.Tensor[]) =>
          plainTdnn(input as tf.Tensor3D, w.filter((_, i) => i % 2 === 0) as tf.Tensor2D[], w.filter((_, i) => i % 2 === 1) as tf.Tensor1D[], [1, 2], 3, activation, renorm).mul(probe).sum();
        const args = [x, ...kernels.flatMap((k, i) => [k, biases[i]])];
        expect(relativeDiff(layer.apply(x) as tf.Tensor, plainTdnn(x, kernels, biases, [1, 2], 3, activation, renorm))).toBeLessThan(1e-5);
        const gOurs = tf.grads((...a: tf.Tensor[]) => ours(a[0], ...a.slice(1)))(args);
        const gPlain = tf.grads((...a: tf.Tensor[]) => plain(a[0], ...a.slice(1)))(args);
        gOurs.forEach((g, i) => expect(relativeDiff(g, gPlain[i]), `gradient ${i}`).toBeLessThan(1e-5));
        expect(Math.abs(gOurs[0].sum().dataSync()[0])).toBeGreaterThan(0); // the input gradient is not zeros
      });
    }

    it('TdnnStack with context 1 (a per-frame dense layer)', async () => {
      await initEngine(engine);
      const layer = new TdnnStack({ units: [3], context: 1, seed: 2 });
      const x = tf.randomNormal([2, 5, 4], 0, 1, 'float32', 3) as tf.Tensor3D;
      const [kernel, bias] = (layer.apply(x), layer.trainableWeights.map((w) => w.read())) as [tf.Tensor2D, tf.Tensor1D];
      expect(relativeDiff(layer.apply(x) as tf.Tensor, plainTdnn(x, [kernel], [bias], [1], 1, 'relu', false))).toBeLessThan(1e-5);
      const gOurs = tf.grad((input: tf.Tensor) => (layer.apply(input) as tf.Tensor).square().sum())(x);
      const gPlain = tf.grad((input: tf.Tensor) => plainTdnn(input as tf.Tensor3D, [kernel], [bias], [1], 1, 'relu', false).square().sum())(x);
      expect(relativeDiff(gOurs, gPlain)).toBeLessThan(1e-5);
    });

    // 12 filters (a multiple of 4) take Kielo's wasm pair kernels; 3 the tfjs ops
    for (const filters of [3, 12]) {
      it(`logPairEnergy (${filters} filters): log band energies and the kernel gradient`, async () => {
        await initEngine(engine);
        const frames = tf.randomNormal([2, 7, 16], 0, 1, 'float32', 5) as tf.Tensor3D;
        const kernel = tf.randomNormal([16, 2 * filters], 0, 0.5, 'float32', 6) as tf.Tensor2D;
        const probe = tf.randomNormal([2, 7, filters], 0, 1, 'float32', 7);
        expect(relativeDiff(logPairEnergy(frames, kernel, 1e-6), plainLogPairEnergy(frames, kernel, 1e-6))).toBeLessThan(1e-5);
        const gOurs = tf.grad((k: tf.Tensor) => logPairEnergy(frames, k as tf.Tensor2D, 1e-6).mul(probe).sum())(kernel);
        const gPlain = tf.grad((k: tf.Tensor) => plainLogPairEnergy(frames, k as tf.Tensor2D, 1e-6).mul(probe).sum())(kernel);
        expect(relativeDiff(gOurs, gPlain)).toBeLessThan(1e-5);
      });
    }

    it('transpose2d equals tf.transpose for even, odd, prime and single-row shapes', async () => {
      await initEngine(engine);
      for (const [rows, cols] of [[12, 5], [9, 4], [7, 3], [1, 6], [6, 1]]) {
        const x = tf.randomNormal([rows, cols], 0, 1, 'float32', rows) as tf.Tensor2D;
        expect(transpose2d(x).arraySync()).toEqual(tf.transpose(x).arraySync());
      }
    });

    it('StatsPooling and UtteranceNorm: outputs and input gradients', async () => {
      await initEngine(engine);
      const x = tf.randomNormal([3, 9, 4], 1, 2, 'float32', 8);
      const probe = tf.randomNormal([3, 8], 0, 1, 'float32', 9);
      const pooling = new StatsPooling();
      const plainPool = (input: tf.Tensor) => {
        const { mean, variance } = tf.moments(input, 1);
        return tf.concat([mean, tf.sqrt(variance.add(1e-5))], 1);
      };
      expect(relativeDiff(pooling.apply(x) as tf.Tensor, plainPool(x))).toBeLessThan(1e-5);
      const gPool = tf.grad((input: tf.Tensor) => (pooling.apply(input) as tf.Tensor).mul(probe).sum())(x);
      expect(relativeDiff(gPool, tf.grad((input: tf.Tensor) => plainPool(input).mul(probe).sum())(x))).toBeLessThan(1e-5);
      const norm = new UtteranceNorm();
      const plainNorm = (input: tf.Tensor) => input.sub(input.mean(1, true));
      const probe3 = tf.randomNormal([3, 9, 4], 0, 1, 'float32', 11);
      expect(relativeDiff(norm.apply(x) as tf.Tensor, plainNorm(x))).toBeLessThan(1e-5);
      const gNorm = tf.grad((input: tf.Tensor) => (norm.apply(input) as tf.Tensor).mul(probe3).sum())(x);
      expect(relativeDiff(gNorm, tf.grad((input: tf.Tensor) => plainNorm(input).mul(probe3).sum())(x))).toBeLessThan(1e-5);
    });
  });
}

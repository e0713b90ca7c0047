import { describe, expect, it } from 'vitest';
import { availableEngines, initEngine, tf } from '../../../src/engine';
import { buildWavenet, dilationsOf, receptiveFieldOf, resolveWavenetConfig, wavenetParamShapes } from '../../../src/models/wavenet';

describe('WaveNet config', () => {
  it('defaults to 2 stacks of dilations 1..512 with a receptive field of 2047 samples', () => {
    const config = resolveWavenetConfig();
    expect(dilationsOf(config)).toEqual([...[1, 2, 4, 8, 16, 32, 64, 128, 256, 512], ...[1, 2, 4, 8, 16, 32, 64, 128, 256, 512]]);
    expect(receptiveFieldOf(config)).toBe(2047);
    expect(receptiveFieldOf(resolveWavenetConfig({ layersPerStack: 3, stacks: 1 }))).toBe(8);
  });

  it('rejects bad fields naming the field and value', () => {
    expect(() => resolveWavenetConfig({ stacks: 0 })).toThrow(/stacks must be an integer in 1\.\.8, got 0/);
    expect(() => resolveWavenetConfig({ residualChannels: 2.5 })).toThrow(/residualChannels .* got 2.5/);
    expect(() => resolveWavenetConfig({ labels: ['a', 'a'] })).toThrow(/labels must be distinct/);
  });

  it('counts parameters: default model has ~175k (embed, 20 gated layers, two output layers)', () => {
    const shapes = wavenetParamShapes(resolveWavenetConfig());
    const total = shapes.reduce((sum, [, s]) => sum + s.reduce((a, b) => a * b, 1), 0);
    const perLayer = 64 * 64 + 64 + 32 * 96 + 96;
    expect(total).toBe(256 * 32 + 20 * perLayer + 64 * 64 + 64 + 64 * 256 + 256);
  });
});

describe('WaveNet forward pass', async () => {
  const engines = await availableEngines();

  for (const engine of engines) {
    it(`is causal: changing input t changes no logits before t (${engine})`, async () => {
      await initEngine(engine);
      const model = buildWavenet({ layersPerStack: 3, stacks: 2, residualChannels: 8, skipChannels: 8, classes: 32 }, 2);
      const a = Array.from({ length: 30 }, (_, t) => (t * 7) % 32);
      const b = [...a];
      b[20] = (b[20] + 5) % 32;
      const [la, lb] = [a, b].map((x) => tf.tidy(() => model.forward(tf.tensor2d([x], [1, 30], 'int32')).arraySync()[0]));
      for (let t = 0; t < 20; t++) expect(la[t]).toEqual(lb[t]);
      // ... and input t does reach t and the later positions (the receptive field is 15 > 9).
      expect(model.receptiveField).toBe(15);
      for (const t of [20, 29]) expect(Math.max(...la[t].map((v, k) => Math.abs(v - lb[t][k])))).toBeGreaterThan(1e-6);
      model.dispose();
    });

    it(`returns [batch, outputs, classes], the last outputs equal to the full pass, and trains (${engine})`, async () => {
      await initEngine(engine);
      const model = buildWavenet({ layersPerStack: 2, stacks: 1, residualChannels: 8, skipChannels: 8, classes: 16, labels: ['x', 'y'] }, 3);
      const inputs = tf.tensor2d([[1, 2, 3, 4, 5, 6], [6, 5, 4, 3, 2, 1]], [2, 6], 'int32');
      const labels = tf.tensor1d([0, 1], 'int32');
      const full = model.forward(inputs, labels);
      expect(full.shape).toEqual([2, 6, 16]);
      // outputs 2 and 3 leave a full receptive field (4) before them: computed "valid"; 5 does not: padded.
      for (const outputs of [2, 3, 5]) {
        const tail = model.forward(inputs, labels, outputs);
        expect(tail.shape).toEqual([2, outputs, 16]);
        const expected = full.slice([0, 6 - outputs, 0], [2, outputs, 16]).arraySync() as number[][][];
        (tail.arraySync() as number[][][]).forEach((row, b) => row.forEach((v, t) => v.forEach((x, k) => expect(x).toBeCloseTo(expected[b][t][k], 5))));
        tail.dispose();
      }
      expect(() => model.forward(inputs)).toThrow(/conditioned on a label/);
      // One gradient step on every engine lowers the loss of predicting the next sample.
      const targets = tf.oneHot(tf.tensor1d([2, 3, 4, 5, 6, 7, 5, 4, 3, 2, 1, 0], 'int32'), 16);
      const loss = () => tf.losses.softmaxCrossEntropy(targets, model.forward(inputs, labels).reshape([12, 16])) as tf.Scalar;
      const before = loss().dataSync()[0];
      const optimizer = tf.train.adam(0.05);
      for (let i = 0; i < 5; i++) optimizer.minimize(loss, false, [...model.params.values()]);
      expect(loss().dataSync()[0]).toBeLessThan(before - 0.1);
      tf.dispose([inputs, labels, full, targets]);
      optimizer.dispose();
      model.dispose();
    });
  }
});

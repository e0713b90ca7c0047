import { describe, expect, it } from 'vitest';
import { initEngine, tf } from '../../../src/engine';
import { buildLidModel, lidLogitsModel, receptiveFrames, resolveLidModelConfig, FRONTENDS } from '../../../src/models/lid';

const small = { filters: 8, channels: [8, 8], dilations: [1, 2], embedding: 8 };

/** Saves to memory and reads back with tf.loadLayersModel, as a saved model is read from disk. */
async function roundTrip(model: tf.LayersModel): Promise<tf.LayersModel> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(tf.io.withSaveHandler(async (artifacts) => {
    saved = artifacts;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return tf.loadLayersModel(tf.io.fromMemory(saved!));
}

for (const engine of ['wasm', 'cpu'] as const) {
  describe(`buildLidModel (${engine})`, () => {
    for (const frontend of FRONTENDS) {
      it(`${frontend}: posteriors per utterance, any length, and a saved copy predicts the same`, async () => {
        await initEngine(engine);
        const config = { ...small, frontend, inputDims: 13 };
        const model = buildLidModel(config, 3);
        const dims = frontend === 'mfcc' ? 13 : 400;
        for (const time of [receptiveFrames(resolveLidModelConfig(config)), 30]) {
          const p = model.predict(tf.randomNormal([2, time, dims], 0, 0.1, 'float32', 1)) as tf.Tensor;
          expect(p.shape).toEqual([2, 3]);
          const rows = p.arraySync() as number[][];
          for (const row of rows) expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
        }
        const x = tf.randomNormal([2, 20, dims], 0, 0.1, 'float32', 2);
        const loaded = await roundTrip(model);
        const a = (model.predict(x) as tf.Tensor).dataSync();
        const b = (loaded.predict(x) as tf.Tensor).dataSync();
        a.forEach((v, i) => expect(b[i]).toBeCloseTo(v, 5));
        const logits = lidLogitsModel(model).predict(x) as tf.Tensor;
        const soft = tf.softmax(logits).dataSync();
        a.forEach((v, i) => expect(soft[i]).toBeCloseTo(v, 5));
      });
    }

    it('is repeatable for a seed and differs across seeds', async () => {
      await initEngine(engine);
      const x = tf.randomNormal([1, 20, 400], 0, 0.1, 'float32', 3);
      const p = (seed: number) => (buildLidModel({ ...small, seed }, 3).predict(x) as tf.Tensor).arraySync();
      expect(p(5)).toEqual(p(5));
      expect(p(5)).not.toEqual(p(6));
    });
  });
}

describe('LID model config', () => {
  it('fills defaults and names a bad field with its value', () => {
    expect(resolveLidModelConfig({}).frontend).toBe('learned');
    expect(receptiveFrames(resolveLidModelConfig({ context: 3, dilations: [1, 2, 3], channels: [4, 4, 4] }))).toBe(13);
    expect(() => resolveLidModelConfig({ frontend: 'fft' as never })).toThrow(/frontend must be one of learned, sinc, mfcc, got "fft"/);
    expect(() => resolveLidModelConfig({ dropout: 2 })).toThrow(/dropout must be a number 0..0.9, got 2/);
    expect(() => resolveLidModelConfig({ channels: [8, 8], dilations: [1] })).toThrow(/dilations must be an array of 2/);
    expect(() => resolveLidModelConfig({ activation: 'gelu' as never })).toThrow(/activation must be one of sigmoid, tanh, relu/);
    expect(() => resolveLidModelConfig('x')).toThrow(/config must be an object/);
    expect(() => resolveLidModelConfig({ logFloor: 0 })).toThrow(/logFloor must be a number in \(0, 1\), got 0/);
    expect(() => buildLidModel({}, 1)).toThrow(/at least 2 labels, got 1/);
  });
});

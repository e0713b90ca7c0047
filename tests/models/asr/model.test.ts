import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { availableEngines, initEngine, tf } from '../../../src/engine';
import { defaultFeatureSpec } from '../../../src/features';
import { ASR_CHARACTERS, ASR_LABELS, buildAsrModel, decodeLabels, encodeText, loadAsrModel, recogniseFeatures, saveAsrModel } from '../../../src/models/asr';
import { readModelMetadata } from '../../../src/models/io';
import { ctcLoss, greedyDecode } from '../../../src/models/ctc';

const engines = await availableEngines();
const dir = mkdtempSync(join(tmpdir(), 'kielo-asr-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Features [frames x 8] where each character of `text` is 6 frames lit in its own dimension, with 4 silent frames between. */
function toyFeatures(text: string, seed: number): Float32Array {
  const rows: number[][] = [];
  let s = seed;
  const noise = () => ((s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31 - 0.5) * 0.2;
  const silence = () => Array.from({ length: 8 }, noise);
  for (let i = 0; i < 3; i++) rows.push(silence());
  for (const ch of text) {
    for (let i = 0; i < 6; i++) rows.push(Array.from({ length: 8 }, (_, d) => (d === 'abc '.indexOf(ch) ? 1 : 0) + noise()));
    for (let i = 0; i < 4; i++) rows.push(silence());
  }
  while (rows.length < 60) rows.push(silence());
  return Float32Array.from(rows.flat());
}

describe('buildAsrModel', () => {
  it('keeps the default model under 1.5 MB and maps frames to ceil(frames / 2) outputs', async () => {
    await initEngine(engines[0]);
    const model = buildAsrModel({ inputDims: 40 });
    const params = model.variables.reduce((n, v) => n + v.size, 0);
    expect(params * 4).toBeLessThan(1.5e6);
    expect(params).toBeGreaterThan(100_000);
    const logits = model.apply(tf.zeros([2, 37, 40]) as tf.Tensor3D);
    expect(logits.shape).toEqual([2, 19, 29]);
    logits.dispose();
    expect(() => buildAsrModel({ inputDims: 40, inputContext: 2 })).toThrow('AsrModelConfig.inputContext: expected an odd integer 1..15, got 2');
    model.dispose();
  });

  it.each(engines)('learns a toy CTC task on %s', async (engine) => {
    await initEngine(engine);
    const texts = ['abc', 'ca', 'bb', 'a c', 'cab', 'b a'];
    const model = buildAsrModel({ inputDims: 8, hidden: 32, dilations: [1, 2], dropout: 0 }, 3);
    const x = tf.tensor3d(Float32Array.from(texts.flatMap((t, i) => [...toyFeatures(t, i + 1)])), [texts.length, 60, 8]);
    const labels = texts.map(encodeText);
    const optimizer = tf.train.adam(0.01);
    for (let step = 0; step < 150; step++) {
      optimizer.minimize(() => ctcLoss(model.apply(x), labels).mean() as tf.Scalar, false, model.variables);
    }
    const lp = tf.tidy(() => tf.logSoftmax(model.apply(x)).arraySync());
    const decoded = lp.map((rows) => decodeLabels(greedyDecode({ data: rows.flat(), frames: rows.length, classes: 29 }).labels));
    expect(decoded).toEqual(texts);
    x.dispose();
    optimizer.dispose();
    model.dispose();
  });
});

describe('saveAsrModel / loadAsrModel', () => {
  it('round-trips weights, config and feature spec; recognition gives words with times', async () => {
    await initEngine(engines[0]);
    const model = buildAsrModel({ inputDims: 8, hidden: 16, dilations: [1] }, 5);
    const spec = defaultFeatureSpec('logmel');
    await saveAsrModel(join(dir, 'm'), model, { featureSpec: spec, training: { epochs: 1, valCer: 0.25, engine: 'wasm', data: 'DIR', valWer: null } });
    // the shared model files of src/models/io: kielo.json (metadata), weights.json (manifest), weights.bin
    expect(existsSync(join(dir, 'm', 'weights.json'))).toBe(true);
    const metadata = await readModelMetadata(join(dir, 'm'));
    expect(metadata).toMatchObject({ kind: 'asr', labels: ASR_LABELS, featureSpec: spec, config: model.config, metrics: { epochs: 1, valCer: 0.25 }, engine: 'wasm', notes: { data: 'DIR' } });
    expect(metadata.labels).toHaveLength(29);
    const { model: loaded, info } = await loadAsrModel(join(dir, 'm'));
    expect(info.featureSpec).toEqual(spec);
    expect(info.training).toEqual({ epochs: 1, valCer: 0.25, engine: 'wasm', data: 'DIR' });
    const x = tf.randomNormal([1, 30, 8], 0, 1, 'float32', 9) as tf.Tensor3D;
    const [a, b] = [model.apply(x), loaded.apply(x)];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    const result = recogniseFeatures(loaded, { data: x.dataSync() as Float32Array, frames: 30, dims: 8 }, 10, { beamWidth: 4 });
    expect(result.posteriorgram.frames).toBe(15);
    expect(result.posteriorgram.frameSeconds).toBeCloseTo(0.02, 12);
    expect(result.words.map((w) => w.text).join(' ')).toBe(result.text.trim().split(/ +/).filter(Boolean).join(' '));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });

  it('names the file and reason for broken model directories', async () => {
    await expect(loadAsrModel(join(dir, 'nothing'))).rejects.toThrow(`${join(dir, 'nothing', 'kielo.json')}: no such file`);
    const model = buildAsrModel({ inputDims: 8, hidden: 16, dilations: [1] });
    await saveAsrModel(join(dir, 'cut'), model, { featureSpec: defaultFeatureSpec('logmel'), training: {} });
    writeFileSync(join(dir, 'cut', 'weights.bin'), new Uint8Array(12));
    await expect(loadAsrModel(join(dir, 'cut'))).rejects.toThrow('weights.bin: weight size mismatch: 12 bytes');
    writeFileSync(join(dir, 'cut', 'kielo.json'), '{"kind": "lid"}');
    await expect(loadAsrModel(join(dir, 'cut'))).rejects.toThrow('kielo.json: model kind is "lid", expected "asr"');
    model.dispose();
  });

  it('loads a model saved in the first ASR format (model.json kielo-asr manifest + raw weights.bin)', async () => {
    await initEngine(engines[0]);
    const model = buildAsrModel({ inputDims: 8, hidden: 16, dilations: [1] }, 3);
    const old = join(dir, 'old');
    mkdirSync(old, { recursive: true });
    const values = model.variables.map((v) => v.dataSync() as Float32Array);
    const all = new Float32Array(values.reduce((n, v) => n + v.length, 0));
    values.reduce((offset, v) => (all.set(v, offset), offset + v.length), 0);
    writeFileSync(join(old, 'weights.bin'), new Uint8Array(all.buffer));
    writeFileSync(join(old, 'model.json'), JSON.stringify({ format: 'kielo-asr', version: 1, config: model.config, weights: model.variables.map((v, i) => ({ name: model.weightNames[i], shape: v.shape })) }));
    const spec = defaultFeatureSpec('logmel');
    writeFileSync(join(old, 'kielo.json'), JSON.stringify({ kind: 'asr', version: 1, alphabet: ASR_CHARACTERS, featureSpec: spec, training: { epochs: 82 } }));
    const { model: loaded, info } = await loadAsrModel(old);
    expect(info).toMatchObject({ featureSpec: spec, training: { epochs: 82 } });
    const x = tf.randomNormal([1, 12, 8], 0, 1, 'float32', 4) as tf.Tensor3D;
    const [a, b] = [model.apply(x), loaded.apply(x)];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    writeFileSync(join(old, 'kielo.json'), JSON.stringify({ kind: 'asr', version: 1, alphabet: 'abc', featureSpec: spec }));
    await expect(loadAsrModel(old)).rejects.toThrow('kielo.json: alphabet "abc" is not');
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });
});

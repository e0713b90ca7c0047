import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initEngine, tf } from '../../src/engine';
import { defaultFeatureSpec } from '../../src/features';
import { assignWeights, loadModel, loadWeights, modelDirHandler, readModelMetadata, saveModel, saveWeights } from '../../src/models/io';

/** A parameter-free custom layer (x * scale), registered like model modules register theirs. */
class ScaleLayer extends tf.layers.Layer {
  static className = 'KieloTestScale';
  readonly scale: number;
  constructor(config: { scale: number; name?: string }) {
    super(config);
    this.scale = config.scale;
  }
  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.mul(Array.isArray(inputs) ? inputs[0] : inputs, this.scale);
  }
  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), scale: this.scale };
  }
}
tf.serialization.registerClass(ScaleLayer);

function buildModel(): tf.LayersModel {
  const model = tf.sequential();
  model.add(tf.layers.dense({ inputShape: [4], units: 3, activation: 'relu', kernelInitializer: tf.initializers.randomNormal({ seed: 1 }) }));
  model.add(new ScaleLayer({ scale: 2.5 }));
  model.add(tf.layers.dense({ units: 2, activation: 'softmax' }));
  return model;
}

const metadata = { kind: 'lid', labels: ['fi', 'sv'], featureSpec: defaultFeatureSpec('mfcc'), config: { hidden: 3 }, metrics: { valAccuracy: 0.97 }, engine: 'cpu' };

let root: string;
beforeAll(async () => {
  await initEngine('cpu');
  root = await mkdtemp(join(tmpdir(), 'kielo-io-'));
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('saveModel / loadModel', () => {
  it('round-trips topology, weights (with a custom layer) and metadata', async () => {
    const dir = join(root, 'model');
    const model = buildModel();
    const written = await saveModel(dir, model, metadata);
    expect(written.version).toMatch(/^\d+\.\d+\.\d+/);
    const { model: loaded, metadata: read } = await loadModel(dir);
    expect(read).toEqual(written);
    expect(read.featureSpec).toEqual(defaultFeatureSpec('mfcc'));
    const x = tf.tensor2d([[1, -2, 3, 0.5], [0, 1, 0, -1]]);
    expect(Array.from(await (loaded.predict(x) as tf.Tensor).data())).toEqual(Array.from(await (model.predict(x) as tf.Tensor).data()));
    expect(loaded.layers.map((l) => l.getClassName())).toEqual(['Dense', 'KieloTestScale', 'Dense']);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    expect(json.weightsManifest[0].paths).toEqual(['weights.bin']);
    expect((await readFile(join(dir, 'weights.bin'))).byteLength).toBe(4 * (4 * 3 + 3 + 3 * 2 + 2));
    // The standard loader reads the same directory through the handler.
    const viaTf = await tf.loadLayersModel(modelDirHandler(dir));
    expect(viaTf.countParams()).toBe(model.countParams());
    await saveModel(dir, loaded, { ...metadata, metrics: { valAccuracy: 0.99 } }); // overwriting an existing model works
    expect((await readModelMetadata(dir)).metrics).toEqual({ valAccuracy: 0.99 });
  });

  it('names the file and reason when a model directory is damaged', async () => {
    const dir = join(root, 'damaged');
    await saveModel(dir, buildModel(), metadata);
    await rm(join(dir, 'kielo.json'));
    await expect(loadModel(dir)).rejects.toThrow(`${join(dir, 'kielo.json')}: missing`);
    await saveModel(dir, buildModel(), metadata);
    await writeFile(join(dir, 'model.json'), '{"modelTopology": ');
    await expect(loadModel(dir)).rejects.toThrow(new RegExp(`${join(dir, 'model.json')}: corrupt JSON`));
    await saveModel(dir, buildModel(), metadata);
    await writeFile(join(dir, 'weights.bin'), new Uint8Array(10));
    await expect(loadModel(dir)).rejects.toThrow(`${join(dir, 'weights.bin')}: weight size mismatch: 10 bytes, the manifest expects 92`);
    await saveModel(dir, buildModel(), metadata);
    await writeFile(join(dir, 'kielo.json'), JSON.stringify({ ...metadata, version: '1', createdAt: 'now', labels: 'fi' }));
    await expect(loadModel(dir)).rejects.toThrow(/kielo.json: field 'labels' must be a list of strings/);
    await writeFile(join(dir, 'kielo.json'), JSON.stringify({ ...metadata, version: '1', createdAt: 'now', featureSpec: { kind: 'nope' } }));
    await expect(loadModel(dir)).rejects.toThrow(/kielo.json: bad featureSpec/);
  });
});

describe('saveWeights / loadWeights', () => {
  it('round-trips named variables and assigns them back by name and shape', async () => {
    const dir = join(root, 'weights');
    const a = tf.variable(tf.tensor2d([[1, 2], [3, 4]]), true, 'io-test/a');
    const b = tf.variable(tf.tensor1d([0.5, -0.25, 8]), true, 'io-test/b');
    await saveWeights(dir, [a, b], { ...metadata, kind: 'wavenet', labels: [], featureSpec: null });
    const { weights, metadata: read } = await loadWeights(dir);
    expect(read.featureSpec).toBeNull();
    expect(Object.keys(weights)).toEqual(['io-test/a', 'io-test/b']);
    a.assign(tf.zeros([2, 2]));
    assignWeights([a, b], weights, dir);
    expect(Array.from(await a.data())).toEqual([1, 2, 3, 4]);
    expect(() => assignWeights([a], weights, dir)).toThrow(/weights not in the model: io-test\/b/);
    const c = tf.variable(tf.zeros([3, 1]), true, 'io-test/b2');
    expect(() => assignWeights([a, b, c], weights, dir)).toThrow(/missing weight 'io-test\/b2'/);
    const wrong = { 'io-test/a': tf.zeros([2]), 'io-test/b': weights['io-test/b'] };
    expect(() => assignWeights([a, b], wrong, dir)).toThrow(/weight 'io-test\/a' has shape \[2\], the model expects \[2,2\]/);
    tf.dispose([a, b, c, ...Object.values(weights), wrong['io-test/a']]);
  });
});

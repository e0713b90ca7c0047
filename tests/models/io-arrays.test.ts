/** Weights as plain Float32Arrays (saveWeightArrays / loadWeightArrays): the same files as saveWeights, no tensors. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initEngine, tf } from '../../src/engine';
import { loadWeightArrays, loadWeights, readModelMetadata, saveWeightArrays, saveWeights } from '../../src/models/io';

let root: string;
beforeAll(async () => {
  await initEngine('cpu');
  root = await mkdtemp(join(tmpdir(), 'kielo-io-arrays-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

const metadata = { kind: 'test', labels: [], featureSpec: null, config: { size: 2 }, metrics: { loss: 0.5 }, engine: 'cpu', notes: { data: '/data/x' } };
const arrays = [
  { name: 'w', shape: [2, 3], values: Float32Array.from([1, 2, 3, 4, 5, 6]) },
  { name: 'b', shape: [3], values: Float32Array.from([0.5, -0.25, 1e-7]) },
];

describe('saveWeightArrays / loadWeightArrays', () => {
  it('round-trips names, shapes, exact values, order and metadata (notes included)', async () => {
    const dir = join(root, 'arrays');
    const written = await saveWeightArrays(dir, arrays, metadata);
    expect(written.version).toMatch(/^\d+\.\d+\.\d+/);
    const loaded = await loadWeightArrays(dir);
    expect(loaded.arrays).toEqual(arrays);
    expect(loaded.metadata).toMatchObject({ ...metadata, createdAt: written.createdAt });
    expect((await readFile(join(dir, 'weights.bin'))).byteLength).toBe(9 * 4);
  });

  it('writes the files saveWeights writes: each loader reads the other writer', async () => {
    const fromArrays = await loadWeights(join(root, 'arrays'));
    expect(fromArrays.weights.w.shape).toEqual([2, 3]);
    expect(Array.from(await fromArrays.weights.b.data())).toEqual(Array.from(arrays[1].values));
    tf.dispose(Object.values(fromArrays.weights));
    const dir = join(root, 'tensors');
    const v = tf.variable(tf.tensor2d([[1, 2], [3, 4]]), true, 'io-arrays/v');
    await saveWeights(dir, [v], metadata);
    expect((await loadWeightArrays(dir)).arrays).toEqual([{ name: 'io-arrays/v', shape: [2, 2], values: Float32Array.from([1, 2, 3, 4]) }]);
    v.dispose();
  });

  it('refuses values that do not fill their shape, non-float32 weights and bad notes, naming the file', async () => {
    await expect(saveWeightArrays(join(root, 'bad'), [{ name: 'w', shape: [2, 2], values: new Float32Array(3) }], metadata)).rejects.toThrow(/weight 'w' has 3 values, its shape \[2,2\] needs 4/);
    const dir = join(root, 'ints');
    const n = tf.tensor1d([1, 2, 3], 'int32');
    await saveWeights(dir, { n }, metadata);
    n.dispose();
    await expect(loadWeightArrays(dir)).rejects.toThrow(/ints\/weights\.json: weight 'n' is int32: only float32 loads without TensorFlow\.js/);
    const meta = join(root, 'arrays', 'kielo.json');
    await writeFile(meta, JSON.stringify({ ...JSON.parse(await readFile(meta, 'utf8')), notes: { data: 3 } }));
    await expect(readModelMetadata(join(root, 'arrays'))).rejects.toThrow(/kielo\.json: field 'notes' must be an object of strings/);
  });
});

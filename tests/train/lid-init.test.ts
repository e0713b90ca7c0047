import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWav } from '../../src/audio';
import { featureBatch } from '../../src/datasets';
import { initEngine, tf } from '../../src/engine';
import { lidLogitsModel } from '../../src/models/lid';
import { readModelMetadata } from '../../src/models/io';
import { trainLid } from '../../src/train/lid';
import { initLidFrom } from '../../src/train/lid-init';
import { loadLid } from '../../src/train/lid-infer';
import { makeRng } from '../../src/util/random';
import { quickTraining, synthClip, writeToneNoiseSet } from './lid-fixtures';

let root = '';
let base = '';
let toneNoise = '';

/** A third class: short clicks (impulses every 10-40 ms) over silence. */
function clicks(seconds: number, rng: () => number): Float32Array {
  const x = new Float32Array(Math.round(seconds * 16000));
  const period = Math.round(160 + 480 * rng());
  for (let i = 0; i < x.length; i += period) x[i] = 0.3 + 0.5 * rng();
  return x;
}

/** DIR/tone and DIR/click (no noise folder): a label the base model lacks, and one of its labels missing. */
async function writeToneClickSet(dir: string, perClass: number): Promise<string> {
  const rng = makeRng(7);
  for (const kind of ['tone', 'click'] as const) {
    await mkdir(join(dir, kind), { recursive: true });
    for (let i = 0; i < perClass; i++) await writeWav(join(dir, kind, `${kind}${i}.wav`), kind === 'tone' ? synthClip('tone', 0.8, rng) : clicks(0.8, rng), 16000);
  }
  return dir;
}

const quick = { ...quickTraining, epochs: 2, engine: 'wasm' as const };

/** Every weight of one layer of a saved model, flattened. */
async function layerWeights(dir: string, layer: string): Promise<Float32Array> {
  const lid = await loadLid(dir);
  const values = lid.model.getLayer(layer).getWeights().map((w) => w.dataSync() as Float32Array);
  lid.model.dispose();
  return Float32Array.from(values.flatMap((v) => [...v]));
}

beforeAll(async () => {
  await initEngine('wasm');
  toneNoise = await writeToneNoiseSet(8, 11);
  root = await writeToneNoiseSet(0, 12);
  base = join(root, 'base');
  await trainLid({ ...quick, frontend: 'sinc', data: toneNoise, out: base, cacheDir: join(root, 'cache') });
});

afterAll(async () => {
  for (const dir of [toneNoise, root]) if (dir) await rm(dir, { recursive: true, force: true });
});

describe('initLidFrom', () => {
  it('before any step the copy gives the saved model its logits; a new label gets a small new row after the old ones', async () => {
    const saved = await loadLid(base);
    const init = await initLidFrom(base, ['click', 'noise', 'tone'], { seed: 3 });
    expect(init.labels).toEqual(['noise', 'tone', 'click']);
    expect(init.record).toMatchObject({ model: resolve(base), kind: 'lid-sinc', labels: ['noise', 'tone'], addedLabels: ['click'] });
    const b = featureBatch([synthClip('tone', 0.6, makeRng(5))], [0], saved.spec);
    const x = tf.tensor3d(b.data, [b.batch, b.frames, b.dims]);
    const before = (lidLogitsModel(saved.model).predict(x) as tf.Tensor2D).arraySync()[0];
    const after = (lidLogitsModel(init.model).predict(x) as tf.Tensor2D).arraySync()[0];
    expect(after.slice(0, 2)).toEqual(before);
    expect(after).toHaveLength(3);
    const [oldKernel] = saved.model.getLayer('logits').getWeights().map((w) => w.arraySync() as number[][]);
    const [newKernel] = init.model.getLayer('logits').getWeights().map((w) => w.arraySync() as number[][]);
    expect(newKernel.map((row) => row.slice(0, 2))).toEqual(oldKernel);
    expect(Math.max(...newKernel.map((row) => Math.abs(row[2])))).toBeLessThan(0.05);
    expect(Math.max(...newKernel.map((row) => Math.abs(row[2])))).toBeGreaterThan(0);
    tf.dispose(x);
    saved.model.dispose();
    init.model.dispose();
  });
});

describe('trainLid with initFrom', () => {
  it('freeze frontend: the filterbank stays bit-identical while the TDNN and classifier change; the model records its start', async () => {
    const out = join(root, 'ft-frontend');
    const result = await trainLid({ ...quick, data: toneNoise, out, initFrom: base, freeze: 'frontend', cacheDir: join(root, 'cache') });
    expect(result.frontend).toBe('sinc');
    expect(await layerWeights(out, 'filterbank')).toEqual(await layerWeights(base, 'filterbank'));
    expect(await layerWeights(out, 'tdnn')).not.toEqual(await layerWeights(base, 'tdnn'));
    expect(await layerWeights(out, 'logits')).not.toEqual(await layerWeights(base, 'logits'));
    const meta = await readModelMetadata<{ initFrom: { model: string }; training: { freeze: string } }>(out);
    expect(meta.config.initFrom.model).toBe(resolve(base));
    expect(meta.config.training.freeze).toBe('frontend');
  });

  it('freeze tdnn: the filterbank and TDNN stay bit-identical, the embedding changes', async () => {
    const out = join(root, 'ft-tdnn');
    await trainLid({ ...quick, data: toneNoise, out, initFrom: base, freeze: 'tdnn', cacheDir: join(root, 'cache') });
    expect(await layerWeights(out, 'filterbank')).toEqual(await layerWeights(base, 'filterbank'));
    expect(await layerWeights(out, 'tdnn')).toEqual(await layerWeights(base, 'tdnn'));
    expect(await layerWeights(out, 'embedding')).not.toEqual(await layerWeights(base, 'embedding'));
  });

  it('a label the model lacks gets a new output row; a label the data lacks keeps its row', async () => {
    const data = await writeToneClickSet(join(root, 'tone-click'), 8);
    const out = join(root, 'ft-click');
    const result = await trainLid({ ...quick, data, out, initFrom: base, cacheDir: join(root, 'cache') });
    expect(result.labels).toEqual(['noise', 'tone', 'click']);
    const lid = await loadLid(out);
    expect(lid.labels).toEqual(['noise', 'tone', 'click']);
    expect(lid.model.getLayer('logits').getWeights()[0].shape).toEqual([quickTraining.model.embedding, 3]);
    lid.model.dispose();
  });

  it('refuses a front end that differs from the model, naming the model directory and the field', async () => {
    await expect(trainLid({ ...quick, frontend: 'mfcc', data: toneNoise, out: join(root, 'bad'), initFrom: base, cacheDir: join(root, 'cache') }))
      .rejects.toThrow(new RegExp(`${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}.*frontend "mfcc" \\(model: "sinc"\\)`));
    await expect(trainLid({ ...quick, data: toneNoise, out: join(root, 'bad'), initFrom: base, model: { channels: [8, 8] }, cacheDir: join(root, 'cache') }))
      .rejects.toThrow(/model\.channels \[8,8\] \(model: \[16,16\]\)/);
    await expect(trainLid({ ...quick, data: toneNoise, out: join(root, 'bad'), freeze: 'tdnn', cacheDir: join(root, 'cache') })).rejects.toThrow(/freeze 'tdnn' needs initFrom/);
    await expect(trainLid({ ...quick, data: toneNoise, out: join(root, 'bad'), initFrom: base, initScale: 2, cacheDir: join(root, 'cache') })).rejects.toThrow(`initScale does not apply with initFrom: the weights come from ${base}`);
  });

  it('a resumed fine-tuning run ends where an uninterrupted one does, frozen layers untouched', async () => {
    const options = { ...quick, data: toneNoise, initFrom: base, freeze: 'frontend' as const, cacheDir: join(root, 'cache') };
    await trainLid({ ...options, epochs: 3, out: join(root, 'straight') });
    await trainLid({ ...options, epochs: 2, out: join(root, 'resumed') });
    const epochs: number[] = [];
    const resumed = await trainLid({ ...options, epochs: 3, out: join(root, 'resumed'), resume: true }, { onEvent: (e) => { if (e.type === 'epoch') epochs.push(e.record.epoch); } });
    expect(resumed.epochs).toBe(3);
    expect(epochs).toEqual([3]);
    for (const layer of ['tdnn', 'embedding', 'logits']) expect(await layerWeights(join(root, 'resumed'), layer)).toEqual(await layerWeights(join(root, 'straight'), layer));
    expect(await layerWeights(join(root, 'resumed'), 'filterbank')).toEqual(await layerWeights(base, 'filterbank'));
  });
});

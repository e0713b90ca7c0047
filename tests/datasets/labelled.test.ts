import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWav } from '../../src/audio';
import { BatchPrefetcher, clipBatches, fitLength, itemsOfSplit, PcmCache, readCrop, readLabelledSet, stratifiedSplit } from '../../src/datasets';
import { basicAugment } from '../../src/features';
import { defaultFeatureSpec } from '../../src/features';
import { makeRng } from '../../src/util/random';

let dir = '';
let cacheDir = '';

/** A ramp so every sample's position is checkable after a crop. */
function ramp(n: number, offset: number): Float32Array {
  return Float32Array.from({ length: n }, (_, i) => ((i + offset) % 1000) / 2000);
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-labelled-'));
  cacheDir = join(dir, '.cache');
  for (const label of ['a', 'b']) {
    await mkdir(join(dir, label));
    for (let i = 0; i < 5; i++) await writeWav(join(dir, label, `${label}${i}.wav`), ramp(4000 + 1000 * i, i), 16000);
  }
  await writeFile(join(dir, 'a', 'broken.wav'), 'RIFF not really');
  const rows = ['file\tlabel\tsplit', ...['a', 'b'].flatMap((l) => [0, 1, 2, 3, 4].map((i) => `${l}/${l}${i}.wav\t${l}\t${i < 4 ? 'train' : 'test'}`))];
  await writeFile(join(dir, 'manifest.tsv'), `${rows.join('\n')}\n`);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('labelled sets', () => {
  it('reads labels sorted and the manifest split per file', async () => {
    const set = await readLabelledSet(dir);
    expect(set.labels).toEqual(['a', 'b']);
    expect(set.hasSplit).toBe(true);
    expect(itemsOfSplit(set, 'test').map((i) => i.file.split('/').pop())).toEqual(['a4.wav', 'b4.wav']);
    expect(itemsOfSplit(set, 'train')).toHaveLength(8);
    expect(itemsOfSplit(set, 'all')).toHaveLength(11);
  });

  it('splits by file, stratified by label, repeatably', async () => {
    const items = Array.from({ length: 30 }, (_, i) => ({ file: `f${i}`, label: i < 20 ? 'x' : 'y' }));
    const { train, val } = stratifiedSplit(items, 0.2, makeRng(4));
    expect(val.filter((i) => i.label === 'x')).toHaveLength(4);
    expect(val.filter((i) => i.label === 'y')).toHaveLength(2);
    expect(train).toHaveLength(24);
    expect(new Set([...train, ...val].map((i) => i.file)).size).toBe(30);
    expect(stratifiedSplit(items, 0.2, makeRng(4)).val).toEqual(val);
    expect(() => stratifiedSplit(items, 1, makeRng(1))).toThrow(/fraction must be in \[0, 1\), got 1/);
  });

  it('refuses a folder with fewer than two labels', async () => {
    const one = await mkdtemp(join(tmpdir(), 'kielo-one-label-'));
    await mkdir(join(one, 'solo'), { recursive: true });
    await writeWav(join(one, 'solo', 'x.wav'), ramp(1000, 0), 16000);
    await expect(readLabelledSet(one)).rejects.toThrow(/at least 2 label folders with audio, found 1/);
    await rm(one, { recursive: true, force: true });
  });
});

describe('PcmCache', () => {
  it('stores clips as 16-bit PCM, reads windows back, reports a bad file and reuses the cache', async () => {
    const set = await readLabelledSet(dir);
    const files = set.items.map((i) => i.file);
    const bad: string[] = [];
    const cache = await PcmCache.build(files, { dir: cacheDir, onBadFile: (file) => bad.push(file) });
    expect(bad).toEqual([join(dir, 'a', 'broken.wav')]);
    const i = files.indexOf(join(dir, 'a', 'a2.wav'));
    expect(cache.length(i)).toBe(6000);
    const window = cache.read(i, 100, 50);
    const expected = ramp(6000, 2).subarray(100, 150);
    window.forEach((v, k) => expect(Math.abs(v - expected[k])).toBeLessThan(1 / 32767 + 1e-6));
    expect(cache.read(i, 5990, 100)).toHaveLength(10);
    expect(() => cache.read(files.indexOf(join(dir, 'a', 'broken.wav')))).toThrow(/was not decoded/);
    cache.close();
    const again: string[] = [];
    const reused = await PcmCache.build(files, { dir: cacheDir, onBadFile: (file) => again.push(file) });
    expect(again).toEqual(bad);
    expect((await readdir(cacheDir)).filter((f) => f.endsWith('.pcm16'))).toHaveLength(1);
    reused.close();
  });
});

describe('clip batches', () => {
  it('tiles short clips instead of padding with silence', () => {
    expect(Array.from(fitLength(Float32Array.from([1, 2, 3]), 7))).toEqual([1, 2, 3, 1, 2, 3, 1]);
    expect(Array.from(fitLength(Float32Array.from([1, 2, 3, 4]), 2, 1))).toEqual([2, 3]);
  });

  it('streams [batch x frames x dims] features with labels; same rng, same batches', async () => {
    const set = await readLabelledSet(dir);
    const files = set.items.map((i) => i.file);
    const cache = await PcmCache.build(files, { dir: cacheDir });
    const indices = files.map((_, i) => i);
    const options = {
      cache, indices, labelOf: (i: number) => set.labels.indexOf(set.items[i].label), spec: defaultFeatureSpec('frames'),
      clipSamples: 8000, batchSize: 4, augment: basicAugment, cropsPerClip: 2,
    };
    const batches = [...clipBatches({ ...options, rng: makeRng(7) })];
    expect(batches.map((b) => b.batch)).toEqual([4, 4, 4, 4, 4]); // 10 decodable clips x 2 crops
    expect(batches[0]).toMatchObject({ frames: 48, dims: 400 });
    expect(batches[0].data).toHaveLength(4 * 48 * 400);
    const again = [...clipBatches({ ...options, rng: makeRng(7) })];
    expect(again[3].data).toEqual(batches[3].data);
    expect(Array.from(again[3].labels)).toEqual(Array.from(batches[3].labels));
    const fixed = [...clipBatches({ ...options, rng: null, maxBatches: 2 })];
    expect(fixed).toHaveLength(2);
    const centred = readCrop(cache, indices[0], 2000, null);
    expect(centred).toHaveLength(2000);
    cache.close();
  });

  it('prefetches in a worker thread exactly the batches clipBatches makes for the seed; stops early; reports errors', async () => {
    const set = await readLabelledSet(dir);
    const files = set.items.map((i) => i.file);
    const cache = await PcmCache.build(files, { dir: cacheDir });
    const indices = files.map((_, i) => i);
    const labels = indices.map((i) => set.labels.indexOf(set.items[i].label));
    const shared = { spec: defaultFeatureSpec('frames'), clipSamples: 8000, batchSize: 4 };
    const pass = { indices, augment: basicAugment, cropsPerClip: 2 };
    const direct = [...clipBatches({ ...shared, ...pass, cache, labelOf: (i) => labels[i], rng: makeRng(11) })];
    const prefetcher = new BatchPrefetcher({ ...shared, cache, labels });
    try {
      const fetched = [];
      for await (const b of prefetcher.batches({ ...pass, seed: 11, ahead: 2 })) fetched.push(b);
      expect(fetched).toHaveLength(direct.length);
      fetched.forEach((b, k) => {
        expect(b.data).toEqual(direct[k].data);
        expect(Array.from(b.labels)).toEqual(Array.from(direct[k].labels));
      });
      // leave a pass after one batch, then run a fixed-order pass on the same worker
      for await (const b of prefetcher.batches({ ...pass, seed: 12 })) {
        expect(b.batch).toBe(4);
        break;
      }
      const fixed = [];
      for await (const b of prefetcher.batches({ indices, seed: null, maxBatches: 2 })) fixed.push(b);
      expect(fixed.map((b) => b.data)).toEqual([...clipBatches({ ...shared, indices, cache, labelOf: (i) => labels[i], rng: null, maxBatches: 2 })].map((b) => b.data));
      // a worker that cannot start (its cache file is gone) fails the pass with the reason
      const broken = new BatchPrefetcher({ ...shared, labels, cache: { handle: () => ({ path: join(dir, 'gone.pcm16'), clips: [], sampleRate: 16000 }) } as unknown as PcmCache });
      const failing = async () => {
        for await (const _ of broken.batches({ indices: [0], seed: 1 })) void _;
      };
      await expect(failing()).rejects.toThrow(/batch prefetcher: .*gone\.pcm16/);
      await broken.close();
    } finally {
      await prefetcher.close();
      cache.close();
    }
  });
});

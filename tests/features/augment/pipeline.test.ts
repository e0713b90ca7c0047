import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWav } from '../../../src/audio';
import { BatchPrefetcher, clipBatches, PcmCache } from '../../../src/datasets';
import { AUGMENT_PRESETS, augmentLine, augmentVoiceRoomMic, defaultFeatureSpec, usesVoiceChannel, type AugmentConfig } from '../../../src/features';
import { makeRng } from '../../../src/util/random';
import { whiteNoise } from '../signals';

let dir = '';
let cache: PcmCache;
const files: string[] = [];
const labels = [0, 0, 0, 1, 1, 1];

/** Every transform on every crop, so each one runs in these tests. */
const everything: AugmentConfig = {
  ...AUGMENT_PRESETS['voice-channel'], speedProb: 1, noiseProb: 1, vtlpProb: 1, reverbProb: 1, eqProb: 1, telephoneProb: 1, codecProb: 1, specAugmentProb: 1,
};

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-augment-'));
  await mkdir(join(dir, 'wav'));
  for (let i = 0; i < labels.length; i++) {
    const file = join(dir, 'wav', `c${i}.wav`);
    await writeWav(file, whiteNoise(12000 + 2000 * i, 0.1, i), 16000);
    files.push(file);
  }
  cache = await PcmCache.build(files, { dir: join(dir, 'cache') });
});

afterAll(async () => {
  cache.close();
  await rm(dir, { recursive: true, force: true });
});

const shared = { clipSamples: 8000, batchSize: 4, cropsPerClip: 2 };
const indices = labels.map((_, i) => i);

describe('voice and channel augmentation in the batch pipeline', () => {
  for (const kind of ['frames', 'mfcc'] as const) {
    it(`same seed, same batches; another seed, other batches; shapes as without augmentation (${kind})`, () => {
      const spec = defaultFeatureSpec(kind);
      const run = (seed: number | null, augment: AugmentConfig) =>
        [...clipBatches({ ...shared, cache, indices, labelOf: (i) => labels[i], spec, rng: seed === null ? null : makeRng(seed), augment })];
      const a = run(3, everything);
      const b = run(3, everything);
      const c = run(4, everything);
      const plain = run(3, AUGMENT_PRESETS.none);
      expect(a.map((x) => [x.batch, x.frames, x.dims])).toEqual(plain.map((x) => [x.batch, x.frames, x.dims]));
      a.forEach((batch, k) => expect(batch.data).toEqual(b[k].data));
      expect(a[0].data).not.toEqual(c[0].data);
      expect(a[0].data).not.toEqual(plain[0].data);
      for (const batch of a) expect(batch.data.every(Number.isFinite)).toBe(true);
    });
  }

  it('masks MFCC features (SpecAugment) only when the front end is spectral', () => {
    const maskedRows = (kind: 'frames' | 'mfcc', augment: AugmentConfig) => {
      const spec = defaultFeatureSpec(kind);
      const [batch] = [...clipBatches({ ...shared, cache, indices, labelOf: (i) => labels[i], spec, rng: makeRng(8), augment, maxBatches: 1 })];
      let rows = 0; // frames whose every dim has one value: a time mask
      for (let r = 0; r < batch.batch * batch.frames; r++) {
        const row = batch.data.subarray(r * batch.dims, (r + 1) * batch.dims);
        if (row.every((v) => v === row[0])) rows++;
      }
      return rows;
    };
    const masksOnly = { ...AUGMENT_PRESETS.none, specAugmentProb: 1, specAugment: { timeMasks: 2, timeWidth: 10, freqMasks: 0 } };
    expect(maskedRows('mfcc', masksOnly)).toBeGreaterThan(0);
    expect(maskedRows('mfcc', AUGMENT_PRESETS.none)).toBe(0);
    expect(maskedRows('frames', masksOnly)).toBe(0);
  });

  it('the prefetch worker makes exactly the batches clipBatches makes for the seed', async () => {
    const spec = defaultFeatureSpec('frames');
    const direct = [...clipBatches({ ...shared, cache, indices, labelOf: (i) => labels[i], spec, rng: makeRng(17), augment: everything })];
    const prefetcher = new BatchPrefetcher({ cache, labels, spec, clipSamples: shared.clipSamples, batchSize: shared.batchSize });
    try {
      const fetched = [];
      for await (const b of prefetcher.batches({ indices, seed: 17, augment: everything, cropsPerClip: shared.cropsPerClip })) fetched.push(b);
      expect(fetched).toHaveLength(direct.length);
      fetched.forEach((b, k) => expect(b.data).toEqual(direct[k].data));
    } finally {
      await prefetcher.close();
    }
  });

  it('each step keeps the length and repeats for a seed; the presets are what they say', () => {
    const x = whiteNoise(16000, 0.1, 2);
    const y = augmentLine(augmentVoiceRoomMic(x, everything, makeRng(1)), everything, makeRng(2));
    expect(y).toHaveLength(x.length);
    expect(augmentLine(augmentVoiceRoomMic(x, everything, makeRng(1)), everything, makeRng(2))).toEqual(y);
    expect(usesVoiceChannel(AUGMENT_PRESETS.basic)).toBe(false);
    expect(usesVoiceChannel(AUGMENT_PRESETS.none)).toBe(false);
    expect(usesVoiceChannel(AUGMENT_PRESETS['voice-channel'])).toBe(true);
    expect(AUGMENT_PRESETS.none).toMatchObject({ gainDb: 0, noiseProb: 0, speedProb: 0, specAugmentProb: 0 });
  });
});

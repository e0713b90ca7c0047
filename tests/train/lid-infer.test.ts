/** evaluateLid: labels checked against the model before any decoding, unknown label folders skipped on request, accuracy per speaker. */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWav } from '../../src/audio';
import { initEngine } from '../../src/engine';
import { evaluateLid, loadLid, type LoadedLid } from '../../src/train/lid-infer';
import { makeRng } from '../../src/util/random';
import { synthClip } from './lid-fixtures';

let dir = '';
let lid: LoadedLid;

beforeAll(async () => {
  await initEngine('wasm');
  lid = await loadLid('assets/demo/models/lid'); // labels cs, en, fi, it, ru
  dir = await mkdtemp(join(tmpdir(), 'kielo-lid-infer-'));
  const rng = makeRng(5);
  const files = ['en/s1/0.wav', 'en/s1/1.wav', 'en/s2/0.wav', 'fi/s3/0.wav', 'fi/s3/1.wav', 'xx/s9/0.wav', 'xx/s9/1.wav', 'yy/0.wav'];
  for (const f of files) {
    await mkdir(join(dir, f, '..'), { recursive: true });
    await writeWav(join(dir, f), synthClip('noise', 0.6, rng), 16000);
  }
});
afterAll(async () => {
  lid.model.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('evaluateLid', () => {
  it('refuses labels the model does not have before decoding any file, naming them with their file counts', async () => {
    let progress = 0;
    let bad = 0;
    const run = evaluateLid(lid, dir, { onProgress: () => progress++, onBadFile: () => bad++ });
    await expect(run).rejects.toThrow(/labels xx \(2 files\), yy \(1 file\) are not among the model's \(cs, en, fi, it, ru\): --skip-unknown-labels scores only/);
    expect([progress, bad]).toEqual([0, 0]);
  });

  it('with skipUnknownLabels scores only the known folders and counts the others in skippedLabels', async () => {
    let total = 0;
    const r = await evaluateLid(lid, dir, { skipUnknownLabels: true, onProgress: (_, t) => (total = t) });
    expect(r.n).toBe(5);
    expect(total).toBe(5);
    expect(r.skippedLabels).toEqual({ xx: 2, yy: 1 });
    expect(r.perClass.en.support).toBe(3);
    expect(r.byGroup).toBeUndefined();
  });

  it('reports accuracy per speaker with groupBy (skipped folders need no speaker)', async () => {
    const r = await evaluateLid(lid, dir, { skipUnknownLabels: true, groupBy: 'speaker' });
    expect(r.groupBy).toBe('speaker');
    expect(r.groupsFrom).toBe('the first folder below each label folder');
    expect(Object.keys(r.byGroup!)).toEqual(['s1', 's2', 's3']);
    expect(r.byGroup!.s1).toMatchObject({ n: 2, labels: ['en'] });
    expect(r.byGroup!.s3).toMatchObject({ n: 2, labels: ['fi'] });
    const hits = Object.values(r.byGroup!).reduce((sum, g) => sum + g.accuracy * g.n, 0);
    expect(hits / r.n).toBeCloseTo(r.accuracy, 9);
  });

  it('says so when no label of the set is the model\'s', async () => {
    const other = await mkdtemp(join(tmpdir(), 'kielo-lid-other-'));
    for (const label of ['xx', 'yy']) {
      await mkdir(join(other, label));
      await writeWav(join(other, label, 'a.wav'), synthClip('tone', 0.5, makeRng(1)), 16000);
    }
    await expect(evaluateLid(lid, other, { skipUnknownLabels: true })).rejects.toThrow(/none of the labels xx \(1 file\), yy \(1 file\) is among the model's/);
    await rm(other, { recursive: true, force: true });
  });
});

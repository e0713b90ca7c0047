/** `kielo crossval`: one fold per speaker, each trained without its speaker and scored on it; JSON shape; usage errors. */
import { mkdir, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { foldsOf } from '../../src/cli/commands/crossval';
import { EXIT } from '../../src/cli/main';
import { writeWav } from '../../src/audio';
import { makeRng } from '../../src/util/random';
import { synthClip, quickTraining, tinyModel } from '../train/lid-fixtures';
import { kielo } from './lid-cli';

const SPEAKERS = ['s1', 's2', 's3'];
const PER_SPEAKER = 3;
let dir = '';
beforeAll(async () => {
  // DIR/<label>/<speaker>/*.wav: 3 speakers x 2 labels x 3 clips
  dir = await mkdtemp(join(tmpdir(), 'kielo-crossval-test-'));
  const rng = makeRng(5);
  for (const kind of ['tone', 'noise'] as const) {
    for (const speaker of SPEAKERS) {
      await mkdir(join(dir, 'data', kind, speaker), { recursive: true });
      for (let i = 0; i < PER_SPEAKER; i++) await writeWav(join(dir, 'data', kind, speaker, `${i}.wav`), synthClip(kind, 0.7, rng), 16000);
    }
  }
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const tiny = [
  '--epochs', '1', '--engine', 'wasm', '--seed', '2', '--batch-size', String(quickTraining.batchSize), '--clip-seconds', String(quickTraining.clipSeconds),
  '--crops-per-file', '1', '--augment', 'none', '--filters', String(tinyModel.filters), '--channels', tinyModel.channels.join(','),
  '--dilations', tinyModel.dilations.join(','), '--embedding', String(tinyModel.embedding),
];

describe('kielo crossval', () => {
  it('deals groups round-robin into folds', () => {
    expect(foldsOf(['b', 'a', 'c', 'a'], 10)).toEqual([['a'], ['b'], ['c']]);
    expect(foldsOf(['a', 'b', 'c', 'd', 'e'], 2)).toEqual([['a', 'c', 'e'], ['b', 'd']]);
  });

  it('trains one model per held-out speaker without that speaker, scores it on that speaker, and prints the JSON', async () => {
    const out = join(dir, 'folds');
    const { code, stdout, stderr } = await kielo('crossval', '--data', join(dir, 'data'), '--group-by', 'speaker', '--out', out, '--cache-dir', join(dir, 'cache'), ...tiny, '--json');
    expect(code, stderr).toBe(EXIT.ok);
    const r = JSON.parse(stdout);
    expect(r).toMatchObject({ groupBy: 'speaker', groupsFrom: 'the first folder below each label folder', groups: 3 });
    expect(Object.keys(r).sort()).toEqual(['folds', 'groupBy', 'groups', 'groupsFrom', 'max', 'mean', 'min', 'seenMean', 'std']);
    expect(r.folds.map((f: { heldOut: string[] }) => f.heldOut)).toEqual(SPEAKERS.map((s) => [s]));
    for (const [k, f] of r.folds.entries()) {
      expect(Object.keys(f).sort()).toEqual(['accuracy', 'epochs', 'fold', 'heldOut', 'model', 'n', 'seenAccuracy', 'trainFiles', 'valFiles']);
      expect(f).toMatchObject({ fold: k + 1, n: 2 * PER_SPEAKER, epochs: 1, model: join(out, `fold-${k + 1}`) });
      // the held-out speaker's files are in neither training nor validation: the two other speakers' files only
      expect(f.trainFiles + f.valFiles).toBe(2 * 2 * PER_SPEAKER);
      expect(f.accuracy).toBeGreaterThanOrEqual(0);
      expect(f.accuracy).toBeLessThanOrEqual(1);
      expect(f.seenAccuracy).toBeGreaterThanOrEqual(0);
      const saved = JSON.parse(await readFile(join(f.model, 'kielo.json'), 'utf8'));
      expect(saved.config.training).toMatchObject({ holdOut: f.heldOut, groupBy: 'speaker' });
    }
    const accuracies = r.folds.map((f: { accuracy: number }) => f.accuracy);
    expect(r.mean).toBeCloseTo(accuracies.reduce((a: number, b: number) => a + b, 0) / 3, 10);
    expect(r.min).toBe(Math.min(...accuracies));
    expect(r.max).toBe(Math.max(...accuracies));
    expect(r.std).toBeGreaterThanOrEqual(0);
    expect(stderr).toMatch(/fold 2\/3: holding out speaker s2/);
    expect(stderr).toMatch(/held out of training: speaker s2 \(6 files\)/);
  }, 120_000);

  it('without --out: --folds 2 groups the speakers; the human report has a line per fold', async () => {
    const { code, stdout, stderr } = await kielo('crossval', '--data', join(dir, 'data'), '--group-by', 'speaker', '--folds', '2', '--cache-dir', join(dir, 'cache'), ...tiny);
    expect(code, stderr).toBe(EXIT.ok);
    expect(stdout).toMatch(/^2 folds over 3 speakers/);
    expect(stdout).toMatch(/fold 1, held out s1, s3: 12 files, accuracy \d+\.\d%/);
    expect(stdout).toMatch(/held-out accuracy: mean \d+\.\d%, std \d+\.\d%/);
    expect(stderr).toMatch(/fold 1\/2: holding out speaker s1, s3/);
  }, 120_000);

  it('needs --group-by speaker|source and at most as many folds as groups (exit 1)', async () => {
    const data = join(dir, 'data');
    const none = await kielo('crossval', '--data', data);
    expect(none.code).toBe(EXIT.usage);
    expect(none.stderr).toMatch(/--group-by speaker\|source is required/);
    expect((await kielo('crossval', '--data', data, '--group-by', 'file')).code).toBe(EXIT.usage);
    const many = await kielo('crossval', '--data', data, '--group-by', 'speaker', '--folds', '4');
    expect(many.code).toBe(EXIT.usage);
    expect(many.stderr).toMatch(/--folds 4 is more than the 3 speakers/);
    expect((await kielo('crossval', '--data', data, '--group-by', 'speaker', '--folds', '1')).code).toBe(EXIT.usage);
  });
});

/** `kielo classify`: posteriors per file and per 1 s segment; bad files reported, others classified (exit 2). */
import { writeFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWav } from '../../src/audio';
import { EXIT } from '../../src/cli/main';
import { trainLid } from '../../src/train/lid';
import { makeRng } from '../../src/util/random';
import { quickTraining, synthClip, writeToneNoiseSet } from '../train/lid-fixtures';
import { kielo } from './lid-cli';

let data = '';
let model = '';
beforeAll(async () => {
  data = await writeToneNoiseSet(16, 21);
  model = join(data, 'model');
  await trainLid({ data, out: model, engine: 'wasm', ...quickTraining, frontend: 'sinc' });
});
afterAll(async () => {
  await rm(data, { recursive: true, force: true });
});

describe('kielo classify', () => {
  it('gives label, posteriors and segments over time; a tone then noise changes label midway', async () => {
    const rng = makeRng(5);
    const mixed = join(data, 'tone-then-noise.wav');
    const tone = synthClip('tone', 2, rng);
    const noise = synthClip('noise', 2, rng);
    const both = new Float32Array(tone.length + noise.length);
    both.set(tone);
    both.set(noise, tone.length);
    await writeWav(mixed, both, 16000);
    const bad = join(data, 'bad.wav');
    await writeFile(bad, 'not audio');
    const { code, stdout, stderr } = await kielo('classify', '--model', model, '--engine', 'wasm', '--json', mixed, bad);
    expect(code).toBe(EXIT.inputFailed);
    expect(stderr).toContain(`kielo classify: ${bad}: `);
    const [r] = JSON.parse(stdout);
    expect(r.file).toBe(mixed);
    expect(Object.keys(r.posteriors).sort()).toEqual(['noise', 'tone']);
    expect(r.segments).toHaveLength(7); // 4 s: windows at 0, 0.5, ..., 3
    expect(r.segments[0]).toMatchObject({ start: 0, end: 1, label: 'tone' });
    expect(r.segments[6]).toMatchObject({ start: 3, end: 4, label: 'noise' });
    expect(r.segments[0].posteriors.tone).toBeGreaterThan(0.5);
  });

  it('needs a model and files (exit 1) and names a missing model', async () => {
    expect((await kielo('classify', join(data, 'x.wav'))).code).toBe(EXIT.usage);
    const missing = await kielo('classify', '--model', join(data, 'nope'), join(data, 'tone', 'tone0.wav'));
    expect(missing.code).toBe(EXIT.inputFailed);
    expect(missing.stderr).toContain(join(data, 'nope'));
  });
});

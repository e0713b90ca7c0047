/** `kielo eval`: {n, accuracy, labels, confusion, eer, cavg, perClass, byDuration}; manifest test split honoured. */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { listLabelledFiles, writeWav } from '../../src/audio';
import { EXIT } from '../../src/cli/main';
import { trainLid } from '../../src/train/lid';
import { makeRng } from '../../src/util/random';
import { quickTraining, synthClip, writeToneNoiseSet } from '../train/lid-fixtures';
import { kielo } from './lid-cli';

let data = '';
let test = '';
let model = '';
beforeAll(async () => {
  data = await writeToneNoiseSet(16, 31);
  test = await writeToneNoiseSet(6, 32);
  model = join(data, 'model');
  await trainLid({ data, out: model, engine: 'wasm', ...quickTraining, frontend: 'sinc' });
});
afterAll(async () => {
  for (const d of [data, test]) await rm(d, { recursive: true, force: true });
});

describe('kielo eval', () => {
  it('scores every file of a folder without a manifest', async () => {
    const { code, stdout } = await kielo('eval', '--model', model, '--data', test, '--engine', 'wasm', '--json');
    expect(code).toBe(EXIT.ok);
    const r = JSON.parse(stdout);
    expect(r).toMatchObject({ n: 12, labels: ['noise', 'tone'], split: 'all' });
    expect(r.accuracy).toBeGreaterThanOrEqual(0.9);
    expect(r.confusion.flat().reduce((a: number, b: number) => a + b, 0)).toBe(12);
    expect(r.perClass.tone.support).toBe(6);
    expect(r.eer).toBeGreaterThanOrEqual(0);
    expect(r.cavg).toBeGreaterThanOrEqual(0);
    expect(r.byDuration['<=3s'].n).toBe(12);
    // tones and noise are no speech: calibration is reported, nothing is answered
    expect(r.temperature).toBeGreaterThan(0);
    expect(r.ece).toBeGreaterThanOrEqual(0);
    expect(r.nll).toBeGreaterThan(0);
    expect(r.speechFiles).toBe(0);
    expect(r.answered).toEqual({ minConfidence: 0.5, n: 0, coverage: 0, accuracy: null });
  });

  it("uses only the manifest's test split when there is one", async () => {
    const files = await listLabelledFiles(test);
    const rows = files.map((f, i) => `${relative(test, f.file)}\t${f.label}\t${i % 3 === 0 ? 'test' : 'train'}`);
    await writeFile(join(test, 'manifest.tsv'), `file\tlabel\tsplit\n${rows.join('\n')}\n`);
    const { stdout } = await kielo('eval', '--model', model, '--data', test, '--engine', 'wasm', '--json');
    expect(JSON.parse(stdout)).toMatchObject({ n: 4, split: 'test' });
    const all = await kielo('eval', '--model', model, '--data', test, '--engine', 'wasm', '--split', 'all', '--json');
    expect(JSON.parse(all.stdout).n).toBe(12);
  });

  it('refuses unknown labels before scoring; --skip-unknown-labels scores the rest and lists them; --group-by', async () => {
    const extra = await writeToneNoiseSet(3, 33);
    await mkdir(join(extra, 'hum'));
    for (const i of [0, 1]) await writeWav(join(extra, 'hum', `hum${i}.wav`), synthClip('tone', 0.6, makeRng(i)), 16000);
    const base = ['eval', '--model', model, '--data', extra, '--engine', 'wasm'];
    const refused = await kielo(...base, '--json');
    expect(refused.code).toBe(EXIT.inputFailed);
    expect(refused.stdout).toBe('');
    expect(refused.stderr).toMatch(/labels hum \(2 files\) are not among the model's \(noise, tone\): --skip-unknown-labels scores only the folders the model knows/);
    const args = [...base, '--skip-unknown-labels', '--group-by', 'speaker', '--group-pattern', '(\\d)\\.wav$'];
    const scored = await kielo(...args, '--json');
    expect(scored.code).toBe(EXIT.ok);
    const r = JSON.parse(scored.stdout);
    expect(r).toMatchObject({ n: 6, labels: ['noise', 'tone'], skippedLabels: { hum: 2 }, groupBy: 'speaker', groupsFrom: 'pattern (\\d)\\.wav$' });
    expect(Object.keys(r.byGroup)).toEqual(['0', '1', '2']);
    expect(r.byGroup['1']).toMatchObject({ n: 2, labels: ['noise', 'tone'] });
    const human = await kielo(...args);
    expect(human.stdout).toMatch(/by speaker \(pattern .*\): 3 speakers, mean accuracy \d/);
    expect(human.stdout).toMatch(/skipped 1 label folders the model does not know: hum \(2\)/);
    expect((await kielo(...base, '--group-pattern', '(x)')).stderr).toMatch(/--group-pattern needs --group-by/);
    expect((await kielo(...base, '--group-by', 'speaker', '--group-pattern', 'x')).code).toBe(EXIT.usage);
    await rm(extra, { recursive: true, force: true });
  });

  it('--vad silero counts the files Silero takes for speech; an unknown --vad is a usage error', async () => {
    // a demo Finnish clip, and beeps at random pitches (which our detector takes for speech) as English
    const dir = await mkdtemp(join(tmpdir(), 'kielo-eval-vad-'));
    onTestFinished(() => rm(dir, { recursive: true, force: true }));
    for (const label of ['fi', 'en']) await mkdir(join(dir, label));
    await writeFile(join(dir, 'fi', 'fi009.flac'), await readFile('assets/demo/lid/fi/fi009-klatt3.flac'));
    const rng = makeRng(7);
    const x = new Float32Array(32000);
    for (let b = 0; b < 16; b++) {
      const hz = 300 + 2000 * rng();
      for (let i = 0; i < 1600; i++) x[b * 2000 + i] = 0.3 * Math.sin((2 * Math.PI * hz * i) / 16000);
    }
    await writeWav(join(dir, 'en', 'beeps.wav'), x, 16000);
    const evaluate = async (...vad: string[]) => {
      const { code, stdout, stderr } = await kielo('eval', '--model', 'assets/demo/models/lid', '--data', dir, '--engine', 'wasm', ...vad, '--json');
      expect(code, stderr).toBe(EXIT.ok);
      return JSON.parse(stdout) as { n: number; speechFiles: number };
    };
    expect(await evaluate('--vad', 'silero')).toMatchObject({ n: 2, speechFiles: 1 });
    expect(await evaluate()).toMatchObject({ n: 2, speechFiles: 2 });
    const unknown = await kielo('eval', '--model', model, '--data', test, '--vad', 'energy');
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toContain("--vad must be one of kielo, silero, got 'energy'");
  });

  it('needs --model and --data (exit 1)', async () => {
    expect((await kielo('eval', '--data', test)).code).toBe(EXIT.usage);
    expect((await kielo('eval', '--model', model)).stderr).toMatch(/--data DIR is required/);
  });
});

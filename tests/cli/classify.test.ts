/**
 * `kielo classify`: posteriors per file and per 1 s segment; bad files reported, others classified (exit 2); speech and
 * unsure, with label null when there is no speech or the model is unsure; the temperature trainLid fits.
 */
import { readFile, writeFile, rm } from 'node:fs/promises';
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
    // a tone then noise is no speech: no label, though the model has a best guess
    expect(r).toMatchObject({ speech: false, unsure: false, label: null });
    expect(['noise', 'tone']).toContain(r.bestGuess);
  });

  it('saves the temperature fitted on validation logits in the model, never raising the validation NLL', async () => {
    const metadata = JSON.parse(await readFile(join(model, 'kielo.json'), 'utf8'));
    expect(metadata.calibration).toMatchObject({ method: 'temperature' });
    expect(metadata.calibration.temperature).toBeGreaterThan(0);
    expect(metadata.calibration.n).toBeGreaterThan(0);
    expect(metadata.calibration.nllAfter).toBeLessThanOrEqual(metadata.calibration.nllBefore);
  });

  it('answers speech with a label, and says unsure (label null) below --min-confidence', async () => {
    // the bundled model gives this clip 86% fi
    const clip = 'assets/demo/lid/fi/fi009-klatt3.flac';
    const sure = await kielo('classify', '--model', 'assets/demo/models/lid', '--engine', 'wasm', '--json', clip);
    const [a] = JSON.parse(sure.stdout);
    expect(a).toMatchObject({ label: 'fi', speech: true, unsure: false, bestGuess: 'fi' });
    expect(a.confidence).toBeGreaterThan(0.5);
    expect(a.confidence).toBeLessThan(0.99);
    const { code, stdout } = await kielo('classify', '--model', 'assets/demo/models/lid', '--engine', 'wasm', '--json', '--min-confidence', '0.99', clip);
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(stdout)[0]).toMatchObject({ label: null, speech: true, unsure: true, bestGuess: 'fi', confidence: a.confidence });
    const human = await kielo('classify', '--model', 'assets/demo/models/lid', '--engine', 'wasm', '--min-confidence', '0.99', clip);
    expect(human.stdout).toMatch(/unsure \(best guess: fi, \d+%\)/);
    expect((await kielo('classify', '--model', 'assets/demo/models/lid', '--min-confidence', '1.5', clip)).code).toBe(EXIT.usage);
  });

  it('--vad silero decides speech with Silero: no speech in a tone or in beeps our detector takes for speech; speech in a demo clip', async () => {
    const tone = join(data, 'silero-tone.wav');
    await writeWav(tone, Float32Array.from({ length: 16000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 300 * i) / 16000)), 16000);
    // 16 beeps of 0.1 s at random pitches, 8 a second: a moving spectrum at syllable rate, which fools our detector
    const beeps = join(data, 'silero-beeps.wav');
    const rng = makeRng(7);
    const x = new Float32Array(32000);
    for (let b = 0; b < 16; b++) {
      const hz = 300 + 2000 * rng();
      for (let i = 0; i < 1600; i++) x[b * 2000 + i] = 0.3 * Math.sin((2 * Math.PI * hz * i) / 16000);
    }
    await writeWav(beeps, x, 16000);
    const clip = 'assets/demo/lid/fi/fi009-klatt3.flac';
    const run = async (...vad: string[]) => {
      const { code, stdout } = await kielo('classify', '--model', 'assets/demo/models/lid', '--engine', 'wasm', '--json', ...vad, tone, beeps, clip);
      expect(code).toBe(EXIT.ok);
      return JSON.parse(stdout) as { speech: boolean; label: string | null }[];
    };
    const silero = await run('--vad', 'silero');
    expect(silero.map((r) => [r.speech, r.label])).toEqual([[false, null], [false, null], [true, 'fi']]);
    const kielo_ = await run();
    expect(kielo_.map((r) => [r.speech, r.label === null])).toEqual([[false, true], [true, false], [true, false]]);
    expect((await run('--vad', 'kielo')).map((r) => r.speech)).toEqual([false, true, true]);
    const unknown = await kielo('classify', '--model', 'assets/demo/models/lid', '--vad', 'webrtc', clip);
    expect(unknown.code).toBe(EXIT.usage);
    expect(unknown.stderr).toContain("--vad must be one of kielo, silero, got 'webrtc'");
  });

  it('needs a model and files (exit 1) and names a missing model', async () => {
    expect((await kielo('classify', join(data, 'x.wav'))).code).toBe(EXIT.usage);
    const missing = await kielo('classify', '--model', join(data, 'nope'), join(data, 'tone', 'tone0.wav'));
    expect(missing.code).toBe(EXIT.inputFailed);
    expect(missing.stderr).toContain(join(data, 'nope'));
  });
});

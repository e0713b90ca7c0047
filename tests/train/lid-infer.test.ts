/**
 * evaluateLid: labels checked against the model before any decoding, unknown label folders skipped on request, accuracy
 * per speaker, calibration and coverage. classifySamples: calibrated posteriors, no speech, unsure.
 */
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadAudio, writeWav } from '../../src/audio';
import { calibratePosteriors } from '../../src/metrics/calibration';
import { initEngine } from '../../src/engine';
import { classifySamples, DEFAULT_MIN_CONFIDENCE, evaluateLid, loadLid, type LoadedLid } from '../../src/train/lid-infer';
import { makeRng } from '../../src/util/random';
import { synthClip } from './lid-fixtures';

let dir = '';
let lid: LoadedLid;

beforeAll(async () => {
  await initEngine('wasm');
  dir = await mkdtemp(join(tmpdir(), 'kielo-lid-infer-'));
  lid = await loadLid(await calibratedCopy(null)); // the bundled model (labels cs, en, fi, it, ru), uncalibrated
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

/** A copy of the bundled model with `calibration` written into its kielo.json (none for null). */
async function calibratedCopy(temperature: number | null): Promise<string> {
  const copy = join(dir, `model-t${temperature}`);
  await cp('assets/demo/models/lid', copy, { recursive: true });
  const metadata = JSON.parse(await readFile(join(copy, 'kielo.json'), 'utf8'));
  if (temperature === null) delete metadata.calibration;
  else metadata.calibration = { method: 'temperature', temperature, n: 10, nllBefore: 1, nllAfter: 0.5, eceBefore: 0.2, eceAfter: 0.05 };
  await writeFile(join(copy, 'kielo.json'), JSON.stringify(metadata));
  return copy;
}

const FI_CLIP = 'assets/demo/lid/fi/fi002-klatt4.flac';

describe('classifySamples: calibration, no speech, unsure', () => {
  it('loads a model without calibration at temperature 1 and answers a demo clip', async () => {
    expect(lid.temperature).toBe(1);
    const { samples } = await loadAudio(FI_CLIP, { sampleRate: 16000 });
    const c = classifySamples(lid, samples, FI_CLIP);
    expect(c).toMatchObject({ speech: true, unsure: false, label: 'fi', bestGuess: 'fi' });
    expect(c.confidence).toBe(Math.max(...Object.values(c.posteriors)));
    expect(c.confidence).toBeGreaterThanOrEqual(DEFAULT_MIN_CONFIDENCE);
  });

  it('says no speech, label null, for a 300 Hz tone, whatever the model guesses', () => {
    const tone = Float32Array.from({ length: 32000 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 300 * i) / 16000));
    const c = classifySamples(lid, tone, 'tone.wav');
    expect(c).toMatchObject({ speech: false, unsure: false, label: null });
    expect(lid.labels).toContain(c.bestGuess);
    // without the detector the same tone is "speech" and gets an answer or an unsure
    const forced = classifySamples(lid, tone, 'tone.wav', { speechDetector: false, minConfidence: 0 });
    expect(forced).toMatchObject({ speech: true, unsure: false, label: c.bestGuess });
  });

  it("applies the model's temperature to every posterior; a high one makes the model unsure (label null)", async () => {
    const { samples } = await loadAudio(FI_CLIP, { sampleRate: 16000 });
    const raw = classifySamples(lid, samples, FI_CLIP);
    const hot = await loadLid(await calibratedCopy(50));
    try {
      expect(hot.temperature).toBe(50);
      const c = classifySamples(hot, samples, FI_CLIP);
      const expected = calibratePosteriors([lid.labels.map((l) => raw.posteriors[l])], 50)[0];
      lid.labels.forEach((l, i) => expect(c.posteriors[l]).toBeCloseTo(expected[i], 5));
      expect(c.bestGuess).toBe('fi');
      expect(c.confidence).toBeLessThan(0.5);
      expect(c).toMatchObject({ speech: true, unsure: true, label: null });
      expect(classifySamples(hot, samples, FI_CLIP, { minConfidence: 0.2 })).toMatchObject({ unsure: false, label: 'fi' });
      expect(() => classifySamples(hot, samples, FI_CLIP, { minConfidence: 2 })).toThrow(/minConfidence must be in \[0, 1\], got 2/);
      // evaluation: ECE and NLL of the calibrated posteriors beside the model's own; nothing answered at 0.5
      const report = await evaluateLid(hot, dir, { skipUnknownLabels: true });
      const own = await evaluateLid(lid, dir, { skipUnknownLabels: true });
      expect(report.temperature).toBe(50);
      expect(report.uncalibrated.nll!).toBeCloseTo(own.nll!, 3);
      expect(report.uncalibrated.ece!).toBeCloseTo(own.ece!, 3);
      expect(report.answered).toMatchObject({ minConfidence: 0.5, n: 0, coverage: 0, accuracy: null });
    } finally {
      hot.model.dispose();
    }
  });

  it('refuses a calibration temperature that is not a number > 0, naming kielo.json', async () => {
    const bad = await calibratedCopy(-1);
    await expect(loadLid(bad)).rejects.toThrow(/kielo\.json.*temperature must be a number > 0, got -1/);
  });

  it('reports ECE, NLL, speech files and coverage in evaluateLid (noise clips are no speech: nothing answered)', async () => {
    const r = await evaluateLid(lid, dir, { skipUnknownLabels: true });
    expect(r.temperature).toBe(1);
    expect(r.ece).toBeGreaterThanOrEqual(0);
    expect(r.nll).toBeGreaterThan(0);
    expect(r.uncalibrated).toEqual({ ece: r.ece, nll: r.nll });
    expect(r.speechFiles).toBe(0);
    expect(r.answered).toMatchObject({ n: 0, coverage: 0, accuracy: null });
  });
});

import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../src/engine';
import { trainLid } from '../../src/train/lid';
import type { RecipeEvent } from '../../src/train/recipe';
import { classifyFile, evaluateLid, loadLid } from '../../src/train/lid-infer';
import { readModelMetadata } from '../../src/models/io';
import { quickTraining, writeToneNoiseSet } from './lid-fixtures';

let trainDir = '';
let testDir = '';
let outRoot = '';

beforeAll(async () => {
  trainDir = await writeToneNoiseSet(16, 1);
  testDir = await writeToneNoiseSet(10, 2);
  outRoot = await writeToneNoiseSet(0, 3);
});

afterAll(async () => {
  for (const dir of [trainDir, testDir, outRoot]) await rm(dir, { recursive: true, force: true });
});

const quick = quickTraining;

for (const engine of ['wasm', 'cpu'] as const) {
  describe(`trainLid on ${engine}`, () => {
    it('a sinc front end learns tones vs noise to >= 95% on unseen clips, saves a model that reloads and classifies', async () => {
      const out = join(outRoot, `model-${engine}`);
      const events: RecipeEvent[] = [];
      const result = await trainLid({ ...quick, frontend: 'sinc', data: trainDir, out, engine, cacheDir: join(outRoot, 'cache') }, { onEvent: (e) => events.push(e) });
      expect(result.engine).toBe(engine);
      expect(result.labels).toEqual(['noise', 'tone']);
      expect(result.epochs).toBe(8);
      expect(events.filter((e) => e.type === 'epoch')).toHaveLength(8);
      const meta = await readModelMetadata(out);
      expect(meta).toMatchObject({ kind: 'lid-sinc', labels: ['noise', 'tone'], engine, featureSpec: { kind: 'frames' } });
      expect(meta.metrics.valAccuracy).toBeCloseTo(result.valAccuracy, 6);

      await initEngine(engine);
      const lid = await loadLid(out);
      const report = await evaluateLid(lid, testDir);
      expect(report.n).toBe(20);
      expect(report.split).toBe('all');
      expect(report.accuracy).toBeGreaterThanOrEqual(0.95);
      expect(report.perClass.tone.recall).toBeGreaterThanOrEqual(0.9);
      expect(report.perClass.noise.recall).toBeGreaterThanOrEqual(0.9);
      // tones and noise are not speech: without the speech detector the label is the model's answer
      const c = await classifyFile(lid, join(testDir, 'tone', 'tone0.wav'), { speechDetector: false });
      expect(c.label).toBe('tone');
      expect(c.posteriors.tone + c.posteriors.noise).toBeCloseTo(1, 5);
      expect(c.segments.length).toBeGreaterThanOrEqual(1);
      expect(c.segments[0]).toMatchObject({ start: 0 });
    });
  });
}

describe('trainLid: the other front ends', () => {
  it('the free learned filterbank fits its training set (it generalises worse than sinc on tones: its pairs lose quadrature)', async () => {
    const result = await trainLid({ ...quick, frontend: 'learned', data: trainDir, out: join(outRoot, 'model-learned'), engine: 'wasm', cacheDir: join(outRoot, 'cache') });
    expect(result.frontend).toBe('learned');
    expect(result.trainAccuracy).toBeGreaterThanOrEqual(0.9);
    expect(result.history[result.history.length - 1].trainLoss).toBeLessThan(result.history[0].trainLoss);
  });

  it('trains through the same back end and records its FeatureSpec', async () => {
    const out = join(outRoot, 'model-mfcc');
    const result = await trainLid({ ...quick, frontend: 'mfcc', data: trainDir, out, engine: 'wasm', cacheDir: join(outRoot, 'cache') });
    expect(result.frontend).toBe('mfcc');
    const meta = await readModelMetadata(out);
    expect(meta.featureSpec).toMatchObject({ kind: 'mfcc', nMfcc: 13, deltas: 2 });
    const lid = await loadLid(out);
    expect((await evaluateLid(lid, testDir)).accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('is repeatable: the same seed gives the same losses', async () => {
    const run = async (name: string) => {
      const losses: number[] = [];
      await trainLid({ ...quick, epochs: 2, data: trainDir, out: join(outRoot, name), engine: 'wasm', cacheDir: join(outRoot, 'cache') }, {
        onEvent: (e) => { if (e.type === 'batch') losses.push(e.loss); },
      });
      return losses;
    };
    expect(await run('rep-a')).toEqual(await run('rep-b'));
  });
});

// The shipped demo LID model still identifies the held-out test split (unseen sentences AND unseen voice variants).
import { statSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { availableEngines, initEngine } from '../../src/engine';
import { evaluateLid, loadLid } from '../../src/train/lid-infer';

const MODEL = 'assets/demo/models/lid';

describe('the shipped demo LID model', () => {
  it('is a small learned-front-end model that scores the demo test split as its README says', async () => {
    await initEngine((await availableEngines())[0]);
    const lid = await loadLid(MODEL);
    expect(['learned', 'sinc']).toContain(lid.config.frontend);
    expect(lid.labels).toEqual(['cs', 'en', 'fi', 'it', 'ru']);
    expect(statSync(`${MODEL}/weights.bin`).size).toBeLessThan(1_000_000);
    const report = await evaluateLid(lid, 'assets/demo/lid');
    lid.model.dispose();
    expect(report.split).toBe('test');
    expect(report.n).toBe(110);
    expect(report.failed).toEqual([]);
    // measured when the model was committed (README): 96.4% (106/110), every class recall >= 86.4%
    expect(report.accuracy).toBeGreaterThanOrEqual(0.96);
    for (const label of report.labels) expect(report.perClass[label].recall).toBeGreaterThanOrEqual(0.85);
    expect(report.eer).toBeLessThan(0.03); // 0.023 measured
    expect(report.cavg).toBeLessThan(0.03); // 0.023 measured
  });

  it('comes with the MFCC baseline trained the same way, scoring the same split as its README says', async () => {
    await initEngine((await availableEngines())[0]);
    const lid = await loadLid('assets/demo/models/lid-mfcc');
    expect(lid.config.frontend).toBe('mfcc');
    expect(lid.labels).toEqual(['cs', 'en', 'fi', 'it', 'ru']);
    const report = await evaluateLid(lid, 'assets/demo/lid');
    lid.model.dispose();
    expect(report.n).toBe(110);
    // measured when the model was committed (README): 94.5% (104/110), EER 2.7%, Cavg 0.034, cs recall 81.8%
    expect(report.accuracy).toBeGreaterThanOrEqual(0.94);
    for (const label of report.labels) expect(report.perClass[label].recall).toBeGreaterThanOrEqual(0.8);
    expect(report.eer).toBeLessThan(0.03);
    expect(report.cavg).toBeLessThan(0.04);
  });
});

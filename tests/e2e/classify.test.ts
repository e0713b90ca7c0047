/**
 * End to end with the bundled language model (assets/demo/models/lid, or $KIELO_DEMO_MODELS/lid): drop a demo file
 * on Classify and see its language, posteriors and language over time; score the model in Results. Screenshots go
 * to test-artifacts/.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dropFile, useStudio } from './browser';
import { DEMO_DIR } from '../../src/api/models';

const studio = useStudio();
const { shot, nav } = studio;

describe('the studio with the bundled language model', () => {
  it('drop a demo file and see its language', async () => {
    await nav('Classify');
    const file = join(DEMO_DIR, 'lid', 'fi', 'fi001-max.flac');
    await dropFile(studio.page, 'fi001-max.flac', await readFile(file));
    const verdict = studio.page.locator('[data-testid=language]');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.textContent()).toBe('Language: fi');
    expect(await studio.page.locator('.segments .segment').count()).toBeGreaterThan(0);
    await studio.page.locator('[data-testid=waveform]').waitFor();
    await shot('classify');
  });


  it('evaluate the bundled model on the demo test split: accuracy, EER, Cavg and a confusion heatmap', async () => {
    await nav('Results');
    await studio.page.click('form >> text=Evaluate');
    const report = studio.page.locator('[data-testid=eval-report]');
    await report.waitFor({ timeout: 90_000 });
    expect(await report.locator('dd').nth(1).textContent()).toMatch(/^\d+\.\d%$/);
    expect(await report.locator('dd').nth(4).textContent()).toMatch(/^0\.\d{3}$/);
    expect(await report.locator('table.heatmap tbody tr').count()).toBe(5);
    await shot('results');
  });
});

/**
 * End to end: Debian's chromium drives browser mode on a fresh project with the real back end (jobs in workers):
 * drop a demo file and see it listed with its waveform; train briefly and watch the curves grow; reload and find
 * the project as it was. The flows that need the bundled models are in classify, asr and generate.test.ts. Screenshots go to
 * test-artifacts/.
 */
import { describe, expect, it } from 'vitest';
import { mkdirSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { dropFile, useStudio } from './browser';
import { writeTone } from '../audio/fixtures';
import { DEMO_DIR } from '../../src/api/models';

const studio = useStudio();
const { shot, nav } = studio;

/** Two "languages" of synthetic clips (low vs high tones in noise), enough for a short training run. */
function toneDataset(dir: string): void {
  for (const [label, freq] of [['lo', 300], ['hi', 2400]] as const) {
    mkdirSync(join(dir, label), { recursive: true });
    for (let i = 0; i < 6; i++) {
      writeTone(join(dir, label, `${i}.wav`), { rate: 16000, seconds: 1, frequencies: [freq + 40 * i], amplitude: 0.3 });
    }
  }
}

describe('the studio in a browser', () => {
  it('opens on the project through the tokened URL', async () => {
    await studio.page.waitForSelector('footer >> text=/project —/');
    expect(await studio.page.textContent('[data-testid=status-project]')).toContain(studio.projectDir);
  });

  it('drop a demo file and see it listed with duration, rate, channels, label and its waveform', async () => {
    await nav('Files');
    const file = join(DEMO_DIR, 'lid', 'it', (await readdir(join(DEMO_DIR, 'lid', 'it'))).sort()[0]);
    await dropFile(studio.page, basename(file), await readFile(file));
    const row = studio.page.locator('table.files tbody tr');
    await row.first().waitFor();
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').nth(2).textContent()).toMatch(/^\d+ Hz$/);
    await studio.page.click(`table.files >> text=${basename(file, '.flac')}`);
    await studio.page.locator('[data-testid=waveform]').waitFor();
    await studio.page.locator('canvas.spectrogram').waitFor();
    await shot('files');
  });
  it('start a short training and see the curves grow', async () => {
    const data = join(studio.dir, 'tones');
    toneDataset(data);
    await nav('Train');
    // "Adapt this model" offers the bundled LID models; choosing one shows what stays fixed and hides the knobs the model fixes
    const adapt = studio.page.locator('label:has-text("Adapt this model") select');
    await adapt.locator('option', { hasText: 'demo lid' }).first().waitFor({ state: 'attached' });
    await adapt.selectOption('demo-lid');
    await studio.page.locator('label:has-text("Keep fixed") select').waitFor();
    expect(await studio.page.locator('label:has-text("Activation")').count()).toBe(0);
    await adapt.selectOption('');
    expect(await studio.page.locator('label:has-text("Keep fixed")').count()).toBe(0);
    await studio.page.fill('input[list=datasets]', data);
    await studio.page.fill('label:has-text("Epochs") input', '3');
    await studio.page.fill('label:has-text("Validation fraction") input', '0.34');
    await studio.page.fill('label:has-text("Batch size") input', '4');
    await studio.page.click('text=Start training');
    const charts = studio.page.locator('[data-testid=training-charts]');
    // React may render several epoch events at once: wait for the first curve point, then for all three
    const epochsShown = async () => Number((await charts.getAttribute('data-epochs')) ?? 0);
    await expect.poll(epochsShown, { timeout: 90_000, interval: 250 }).toBeGreaterThanOrEqual(1);
    await expect.poll(epochsShown, { timeout: 90_000, interval: 250 }).toBe(3);
    expect(await charts.locator('figure').count()).toBe(3);
    await studio.page.waitForSelector('text=Finished.', { timeout: 60_000 });
    await shot('train');
  });

  it('see the learned filters of the trained model beside the mel bank', async () => {
    await nav('Filters');
    const select = studio.page.locator('.view select').first();
    const runModel = await select.locator('option', { hasText: 'lid-learned' }).first().getAttribute('value');
    await select.selectOption(runModel!);
    await studio.page.locator('.impulses svg').first().waitFor({ timeout: 30_000 });
    expect(await studio.page.locator('.impulses svg').count()).toBeGreaterThan(1);
    expect(await studio.page.locator('figcaption', { hasText: 'Mel filterbank' }).count()).toBe(1);
    await shot('filters');
  });

  it('reload and find the project as it was', async () => {
    await studio.page.reload();
    await nav('Files');
    await studio.page.waitForSelector('table.files >> tbody tr');
    await nav('Projects');
    await studio.page.waitForSelector('table.runs >> text=done');
    expect(await studio.page.locator('table.runs tbody tr').count()).toBe(1);
    await shot('projects');
  });
});

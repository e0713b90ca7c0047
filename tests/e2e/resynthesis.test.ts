/**
 * End to end with the bundled vocoder (assets/demo/models/vocoder, or $KIELO_DEMO_MODELS/vocoder): resynthesise a
 * demo file the vocoder never trained on (the LID corpus's test split) and see the original, Griffin-Lim and WaveNet
 * one under another on one time axis, each playable. The screenshot goes to test-artifacts/resynthesis.png.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DEMO_DIR } from '../../src/api/models';
import { ARTIFACTS, useStudio } from './browser';

const studio = useStudio();
const FILE = join(DEMO_DIR, 'lid/en/en071-f2.flac');

describe('the Resynthesise panel with the bundled vocoder', () => {
  it('resynthesises a demo file and shows the three takes aligned and playable', async () => {
    const { page } = studio;
    await studio.nav('Generate');
    const panel = page.getByRole('region', { name: 'Resynthesise' });
    await expect.poll(() => panel.getByLabel('Vocoder').locator('option').allTextContents()).toEqual(['demo vocoder (bundled)']);
    // the vocoder is not offered as a generator from nothing
    expect(await page.getByLabel('Model', { exact: true }).locator('option').allTextContents()).not.toContain('demo vocoder (bundled)');
    await panel.getByRole('button', { name: 'Resynthesise' }).click();
    await expect.poll(() => panel.getByTestId('resynthesis-status').textContent()).toBe('Choose an audio file to resynthesise.');

    await panel.getByLabel('Audio file', { exact: true }).fill(FILE);
    await panel.getByRole('button', { name: 'Resynthesise' }).click();
    await expect.poll(() => panel.getByTestId('resynthesis-status').textContent(), { timeout: 120_000, interval: 200 }).toBe('Resynthesised.');
    const takes = ['Original', 'Griffin-Lim', 'WaveNet'].map((name) => panel.getByTestId(`take-${name}`));
    for (const take of takes) await take.locator('[data-testid=waveform]').waitFor();
    expect(await takes[2].locator('h4').textContent()).toMatch(/^WaveNet LSD \d+\.\d dB · MCD \d+\.\d dB · level [+-]\d+\.\d dB · real-time factor \d+\.\d\d$/);
    expect(await takes[1].locator('h4').textContent()).toMatch(/^Griffin-Lim LSD \d+\.\d dB/);
    // one time axis: the three waveforms span the same width and their time readouts end at the same duration
    const boxes = await Promise.all(takes.map((t) => t.locator('[data-testid=waveform]').boundingBox()));
    expect(new Set(boxes.map((b) => Math.round(b!.x))).size).toBe(1);
    expect(new Set(boxes.map((b) => Math.round(b!.width))).size).toBe(1);
    const ends = await Promise.all(takes.map((t) => t.locator('.waveform .time').textContent()));
    expect(new Set(ends.map((e) => e!.split('/').at(-1)!.trim())).size).toBe(1);
    // the WaveNet take plays
    await takes[2].getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => takes[2].locator('.waveform .time').textContent(), { timeout: 10_000 }).not.toMatch(/^0:00\.000 /);
    await takes[2].getByRole('button', { name: 'Pause', exact: true }).click();
    await panel.screenshot({ path: join(ARTIFACTS, 'resynthesis.png') });
  }, 180_000);
});

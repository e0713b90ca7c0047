/**
 * End to end with the bundled WaveNet (assets/demo/models/wavenet, or $KIELO_DEMO_MODELS/wavenet): generate a short
 * sample, see it listed and hear it play in the waveform player; then babble with the bundled vocoder and unit prior.
 * Screenshots go to test-artifacts/.
 */
import { describe, expect, it } from 'vitest';
import { useStudio } from './browser';

const studio = useStudio();
const { shot, nav } = studio;

describe('the studio with the bundled WaveNet', () => {
  it('generate a short sample and see it playable', async () => {
    await nav('Generate');
    // the bundled model is offered, and its labels are a choice rather than something learnt from an error
    await expect.poll(() => studio.page.getByLabel('Model').locator('option').allTextContents()).toEqual(['demo wavenet (bundled)', 'demo vocoder (bundled): babble from the unit prior']);
    expect(await studio.page.getByLabel('Label').locator('option').allTextContents()).toEqual(['(any)', 'phrases', 'vowels']);
    await studio.page.getByLabel('Label').selectOption('vowels');
    await studio.page.fill('label:has-text("Seconds") input', '1');
    await studio.page.click('form >> text=Generate');
    await studio.page.waitForSelector('text=Done.', { timeout: 60_000 });
    expect(await studio.page.locator('.samples li').count()).toBe(1);
    await studio.page.locator('[data-testid=waveform]').waitFor();
    expect(await studio.page.locator('.samples li').first().textContent()).toContain('vowels');
    expect(await studio.page.getByTestId('now-playing').textContent()).toBe(' · in the player');
    await studio.page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => studio.page.getByTestId('now-playing').textContent(), { interval: 20, timeout: 10_000 }).toBe(' ▶ playing');
    // playing moves the time readout off zero: the browser decoded and played the WAV; the list says which sample plays
    await expect.poll(() => studio.page.textContent('.waveform .time'), { timeout: 10_000 }).not.toMatch(/^0:00\.000 /);
    await shot('generate');

    // the bundled vocoder babbles from the bundled unit prior: a second sample, from nothing
    await studio.page.getByLabel('Model').selectOption('demo-vocoder');
    expect(await studio.page.getByLabel('Label').locator('option').allTextContents()).toEqual(['(the model has no labels)']);
    await studio.page.click('form >> text=Generate');
    await expect.poll(() => studio.page.locator('.samples li').count(), { timeout: 60_000 }).toBe(2);
    expect(await studio.page.locator('.samples li').allTextContents()).toContainEqual(expect.stringContaining('demo-vocoder · 1 s'));
  });
});

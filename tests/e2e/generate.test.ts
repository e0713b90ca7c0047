/**
 * End to end with the bundled WaveNet (assets/demo/models/wavenet, or $KIELO_DEMO_MODELS/wavenet): generate a short
 * sample, see it listed and hear it play in the waveform player. Screenshots go to test-artifacts/.
 */
import { describe, expect, it } from 'vitest';
import { useStudio } from './browser';

const studio = useStudio();
const { shot, nav } = studio;

describe('the studio with the bundled WaveNet', () => {
  it('generate a short sample and see it playable', async () => {
    await nav('Generate');
    await studio.page.fill('label:has-text("Seconds") input', '0.25');
    await studio.page.click('form >> text=Generate');
    await studio.page.waitForSelector('text=Done.', { timeout: 60_000 });
    expect(await studio.page.locator('.samples li').count()).toBe(1);
    await studio.page.locator('[data-testid=waveform]').waitFor();
    await studio.page.click('.waveform button:has-text("Play")');
    // playing moves the time readout off zero: the browser decoded and played the WAV
    await expect.poll(() => studio.page.textContent('.waveform .time'), { timeout: 10_000 }).not.toMatch(/^0:00\.00 /);
    await shot('generate');
  });
});

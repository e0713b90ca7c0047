/**
 * End to end with the bundled WaveNet (assets/demo/models/wavenet, or $KIELO_DEMO_MODELS/wavenet): generate a short
 * sample, see it listed and hear it play in the waveform player. Screenshots go to test-artifacts/.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { ARTIFACTS, openStudio, type Studio } from './browser';

let studio: Studio;

beforeAll(async () => {
  await mkdir(ARTIFACTS, { recursive: true });
  studio = await openStudio();
}, 120_000);
afterAll(async () => {
  await studio?.close();
});

const shot = (name: string) => studio.page.screenshot({ path: join(ARTIFACTS, `${name}.png`) });
const nav = (view: string) => studio.page.click(`nav >> text=${view}`);

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

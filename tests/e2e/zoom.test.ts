/**
 * End to end in Chromium: the language-over-time strip lines up with the waveform at any zoom and scroll (its regions
 * are measured against where wavesurfer draws the same seconds). Uses the bundled language model.
 */
import { describe, expect, it } from 'vitest';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { dropFile, useStudio } from './browser';
import { DEMO_DIR } from '../../src/api/models';

const studio = useStudio();
const { shot, nav } = studio;

/** Runs in the page: the wave's x of each region edge (from wavesurfer's scrolled wrapper) and the region's own x. */
const MEASURE = `() => {
  const host = document.querySelector('[data-testid=waveform] > div');
  const wrapper = host.shadowRoot.querySelector('.wrapper').getBoundingClientRect();
  const scroll = host.shadowRoot.querySelector('.scroll');
  const regions = [...document.querySelectorAll('.segments .segment')];
  const duration = Number(document.querySelector('.waveform').dataset.duration);
  return {
    scrollLeft: scroll.scrollLeft,
    waveWidth: wrapper.width,
    regions: regions.map((r) => {
      const box = r.getBoundingClientRect();
      const waveX = (t) => wrapper.left + (t / duration) * wrapper.width;
      return { start: Number(r.dataset.start), left: box.left, right: box.right, waveLeft: waveX(Number(r.dataset.start)), waveRight: waveX(Number(r.dataset.end)) };
    }),
  };
}`;

interface Measured {
  scrollLeft: number;
  waveWidth: number;
  regions: { start: number; left: number; right: number; waveLeft: number; waveRight: number }[];
}

const measure = (page: Page) => page.evaluate(`(${MEASURE})()`) as Promise<Measured>;

/** Every region's edges sit within 1.5 px of the same seconds on the waveform. */
function expectAligned(measured: Measured): void {
  expect(measured.regions.length).toBeGreaterThan(0);
  for (const r of measured.regions) {
    expect(Math.abs(r.left - r.waveLeft), `region from ${r.start} s, left edge`).toBeLessThan(1.5);
    expect(Math.abs(r.right - r.waveRight), `region from ${r.start} s, right edge`).toBeLessThan(1.5);
  }
}

describe('language over time under a zoomed waveform', () => {
  it('keeps each region under its seconds of the waveform at zoom 0, zoomed in and scrolled', async () => {
    await nav('Classify');
    await dropFile(studio.page, 'fi001-max.flac', await readFile(join(DEMO_DIR, 'lid', 'fi', 'fi001-max.flac')));
    await studio.page.locator('.segments .segment').first().waitFor({ timeout: 60_000 });
    const fit = await measure(studio.page);
    expectAligned(fit);

    await studio.page.locator('.waveform input[type=range]').fill('500');
    await expect.poll(async () => (await measure(studio.page)).waveWidth).toBeGreaterThan(fit.waveWidth + 100);
    expectAligned(await measure(studio.page));

    await studio.page.evaluate(`document.querySelector('[data-testid=waveform] > div').shadowRoot.querySelector('.scroll').scrollLeft = 1e6`);
    await expect.poll(async () => (await measure(studio.page)).scrollLeft).toBeGreaterThan(100);
    await expect.poll(async () => expectAligned(await measure(studio.page))).toBeUndefined();
    await shot('classify-zoomed');
  });
});

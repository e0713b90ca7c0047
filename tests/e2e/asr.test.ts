/**
 * End to end with the bundled recogniser (assets/demo/models/asr, or $KIELO_DEMO_MODELS/asr): transcribe a demo digit
 * file in Results and see the hypothesis aligned with its reference, WER/CER and the CTC posteriorgram.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { useStudio } from './browser';
import { DEMO_DIR } from '../../src/api/models';

const studio = useStudio();
const { shot } = studio;

describe('the studio with the bundled recogniser', () => {
  it('transcribe a demo file: aligned transcript, WER/CER, posteriorgram', async () => {
    // added by path, as a drop in the desktop app does, so its reference .txt stays beside it
    const { added } = await studio.service.addFiles([join(DEMO_DIR, 'asr', 'test', 'digits', 'd0006.flac')]);
    expect(added).toHaveLength(1);
    await studio.page.reload();
    await studio.page.click('nav >> text=Results');
    await studio.page.locator('form >> text=Transcribe').waitFor();
    await studio.page.waitForSelector('section[aria-label="Speech recognition"] select >> nth=1 >> option', { state: 'attached' });
    await studio.page.click('form >> text=Transcribe');
    const report = studio.page.locator('[data-testid=transcript]');
    await report.waitFor({ timeout: 60_000 });
    expect(await report.locator('.alignment span').count()).toBeGreaterThan(0);
    expect(await report.locator('dd').first().textContent()).toMatch(/^\d+\.\d%$/);
    await report.locator('canvas.posteriorgram').waitFor();
    await shot('asr');
  });
});

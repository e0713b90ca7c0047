/**
 * End to end with the bundled recogniser (assets/demo/models/asr, or $KIELO_DEMO_MODELS/asr): in the ASR view,
 * transcribe a demo digit file with beam 16 and the bundled word list, score it against its paired transcript and
 * a typed reference (WER/CER, the alignment), beside the labelled posteriorgram. Screenshot: asr-scoring.png.
 */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { useStudio } from './browser';
import { DEMO_DIR } from '../../src/api/models';

const studio = useStudio();
const { shot } = studio;

describe('the studio with the bundled recogniser', () => {
  it('transcribe a demo file with beam 16 and the digit word list: scored against its paired transcript, then a typed reference', async () => {
    // added by path, as a drop in the desktop app does: its reference .txt beside it is paired as its transcript
    const { added, transcripts } = await studio.service.addFiles([join(DEMO_DIR, 'asr', 'test', 'digits', 'd0006.flac')]);
    expect(added).toHaveLength(1);
    expect(transcripts.map((t) => t.file)).toEqual([join(DEMO_DIR, 'asr', 'test', 'digits', 'd0006.txt')]);
    await studio.page.reload();
    await studio.page.click('nav >> text=ASR');
    await studio.page.locator('label:has-text("Word list") option', { hasText: 'digits.txt' }).waitFor({ state: 'attached' });
    await studio.page.fill('label:has-text("Beam width") input', '16');
    await studio.page.selectOption('label:has-text("Word list") select', 'digits.txt');
    await studio.page.click('form >> text=Transcribe');
    const report = studio.page.locator('[data-testid=transcript]');
    await report.waitFor({ timeout: 60_000 });
    expect(await report.locator('p', { hasText: 'Reference' }).textContent()).toBe('Reference (paired transcript): seven three four');
    expect(await report.locator('[data-testid=wer]').textContent()).toBe('0.0%');
    expect(await report.textContent()).toContain('(beam 16, words of digits.txt)');

    await studio.page.fill('label.reference textarea', 'seven three five');
    await studio.page.click('form >> text=Transcribe');
    await report.locator('p', { hasText: 'Reference (typed)' }).waitFor({ timeout: 60_000 });
    expect(await report.locator('[data-testid=wer]').textContent()).toBe('33.3%');
    expect(await report.locator('[data-testid=word-counts]').textContent()).toBe('2 correct, 1 substituted, 0 deleted, 0 inserted');
    expect(await report.locator('.alignment span.op-S').textContent()).toBe('four (five) ');
    expect(await report.locator('ol[aria-label=Symbols] li').first().textContent()).toBe('blank');
    expect(await report.locator('[aria-label="Time (s)"] span').first().textContent()).toBe('0.0');
    await report.locator('canvas.posteriorgram').waitFor();
    await shot('asr-scoring');
  });
});

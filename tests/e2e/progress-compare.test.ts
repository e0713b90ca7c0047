/**
 * End to end (Chromium, browser mode, real back end): progress within an epoch while a run trains on the demo
 * languages, the run's outcome and its exports; and the classical-versus-deep comparison (the bundled MFCC
 * baseline against the bundled learned-front-end model on the demo test split). Screenshots: train-progress,
 * compare (test-artifacts/).
 */
import { describe, expect, it } from 'vitest';
import { copyFile, mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Download } from 'playwright-core';
import { useStudio } from './browser';
import { DEMO_DIR } from '../../src/api/models';

const studio = useStudio();
const { shot, nav } = studio;

/** Clicks `button` and returns the file the page offers as a download. */
async function download(click: () => Promise<void>): Promise<{ name: string; bytes: Buffer }> {
  const [file] = await Promise.all([studio.page.waitForEvent('download', { timeout: 30_000 }) as Promise<Download>, click()]);
  return { name: file.suggestedFilename(), bytes: await readFile((await file.path())!) };
}

/** "12 / 176 batches · 850 clips/s · 9 s left" as numbers. */
function parseProgress(text: string): { done: number; total: number; rate: number | null; left: boolean } | null {
  const m = /^(\d+) \/ (\d+) batches(?: · ([\d.]+)(k?) clips\/s)?/.exec(text);
  if (!m) return null;
  return { done: Number(m[1]), total: Number(m[2]), rate: m[3] ? Number(m[3]) * (m[4] ? 1000 : 1) : null, left: text.includes(' left') };
}

describe('work the user watches', () => {
  it('every number field of the Train form is valid at its default in Chromium (Init scale 1 included)', async () => {
    await nav('Train');
    await studio.page.locator('label:has-text("Init scale") input').waitFor();
    // (the e2e project has no DOM types: the input's few members used are named here)
    type NumberInput = { checkValidity(): boolean; validationMessage: string; closest(selector: string): { textContent: string | null } | null };
    const fields = await studio.page.$$eval('input[type=number]', (inputs) =>
      inputs.map((element) => {
        const input = element as unknown as NumberInput;
        return [input.closest('label')?.textContent ?? '', input.checkValidity(), input.validationMessage] as const;
      }),
    );
    expect(fields.length).toBeGreaterThan(5);
    for (const [label, valid, why] of fields) expect([label, valid, why]).toEqual([label, true, '']);
  });

  it('shows progress within each epoch (batches, clips/s, time left) while a run trains, then its outcome and exports', { timeout: 400_000 }, async () => {
    // 16 demo recordings per language: about 64 training files, 4 crops each, about 64 batches of 4 an epoch
    const data = join(studio.dir, 'demo-subset');
    for (const label of ['cs', 'en', 'fi', 'it', 'ru']) {
      await mkdir(join(data, label), { recursive: true });
      for (const name of (await readdir(join(DEMO_DIR, 'lid', label))).sort().slice(0, 16)) await copyFile(join(DEMO_DIR, 'lid', label, name), join(data, label, name));
    }
    await nav('Train');
    await studio.page.fill('input[list=datasets]', data);
    await studio.page.fill('label:has-text("Epochs") input', '2');
    await studio.page.fill('label:has-text("Batch size") input', '4');
    // the form keeps its values when another view is shown and this one comes back
    await nav('Files');
    await nav('Train');
    expect(await studio.page.inputValue('label:has-text("Batch size") input')).toBe('4');
    await studio.page.click('text=Start training');
    const numbers = studio.page.getByRole('group', { name: /^Epoch \d+$/ }).locator('[data-testid=progress-numbers]');
    const runNumbers = studio.page.getByRole('group', { name: 'Run' }).locator('[data-testid=progress-numbers]');
    const seen: NonNullable<ReturnType<typeof parseProgress>>[] = [];
    let runText = '';
    // wait for a report a third of the way into an epoch, with a pace and a time left; the run's bar is read at the
    // same moment (on an idle machine the two epochs end soon after, and the bars with them)
    await expect.poll(async () => {
      const p = parseProgress((await numbers.textContent({ timeout: 1000 }).catch(() => null)) ?? '');
      if (p) seen.push(p);
      const ready = p !== null && p.done >= p.total / 3 && p.done < p.total && p.rate !== null && p.left;
      if (ready) runText = (await runNumbers.textContent({ timeout: 1000 }).catch(() => null)) ?? '';
      return ready;
    }, { timeout: 300_000, interval: 100 }).toBe(true);
    await shot('train-progress');
    const last = seen.at(-1)!;
    expect(last.total).toBeGreaterThanOrEqual(60); // 64 or so training files (validation takes a fifth per language) x 4 crops / 4
    expect(last.total).toBeLessThanOrEqual(68);
    expect(last.rate!).toBeGreaterThan(0);
    // epochs done of the run; on an idle machine the last epoch can end between the two reads (then 2 / 2, 0 s left)
    expect(runText).toMatch(/^[0-2] \/ 2 epochs · .* left$/);
    await studio.page.waitForSelector('text=Finished.', { timeout: 300_000 });
    // the loss trace within epochs stays on the loss chart; the outcome says what the run came to
    const trace = studio.page.locator('[data-series="train (per batch)"] polyline');
    expect(((await trace.getAttribute('points')) ?? '').split(' ').length).toBeGreaterThan(2);
    const outcome = studio.page.locator('[data-testid=run-outcome]');
    await outcome.waitFor();
    const text = (await outcome.textContent())!;
    expect(text).toMatch(/Best epoch[12] of 2/);
    expect(text).toMatch(/Validation accuracy\d+\.\d%/);
    expect(text).toMatch(/Model saved in.*runs.*model/);
    expect(text).toMatch(/Training time/);
    const markers = await studio.page.locator('[data-testid=marker]').allTextContents();
    expect(markers[0]).toMatch(/^best epoch/);
    // exports: the curves as CSV, the loss chart as PNG
    const csv = await download(() => outcome.getByRole('button', { name: 'Curves CSV' }).click());
    const rows = csv.bytes.toString('utf8').trim().split('\r\n');
    expect(rows[0]).toBe('epoch,train_loss,val_loss,train_accuracy,val_accuracy,seconds');
    expect(rows.slice(1).map((r) => r.split(',')[0])).toEqual(['1', '2']);
    const png = await download(() => studio.page.locator('figure', { hasText: 'Loss' }).getByRole('button', { name: 'PNG' }).click());
    expect(png.name).toMatch(/^run-.*-loss\.png$/);
    expect(png.bytes.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect([png.bytes.readUInt32BE(16), png.bytes.readUInt32BE(20)]).toEqual([720, 380]);
    const svg = await download(() => studio.page.locator('figure', { hasText: 'Loss' }).getByRole('button', { name: 'SVG' }).click());
    expect(svg.bytes.toString('utf8')).toMatch(/<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
  });

  it('compares the MFCC baseline with the learned front end on the demo test split: accuracies, difference, confusions', { timeout: 400_000 }, async () => {
    await nav('Compare');
    const checked = async (name: string) => studio.page.getByRole('checkbox', { name: new RegExp(`^\\s*${name}`) }).isChecked();
    await studio.page.getByRole('checkbox').first().waitFor();
    expect(await checked('demo lid \\(MFCC baseline\\)')).toBe(true);
    expect(await checked('demo lid(?! \\()')).toBe(true);
    await studio.page.getByRole('main').getByRole('button', { name: 'Compare' }).click();
    // each evaluation is a job with its progress bar
    await studio.page.locator('[data-testid=job-progress]').waitFor({ timeout: 60_000 });
    const difference = studio.page.locator('[data-testid=difference]');
    await difference.waitFor({ timeout: 360_000 });
    expect(await difference.textContent()).toMatch(/^demo lid is \d+\.\d points (more|less) accurate than demo lid \(MFCC baseline\) on the same 110 files \(95% interval [+−]\d+\.\d to [+−]\d+\.\d points; p [=<] [\d.]+\): the interval (ex|in)cludes no difference\.$/);
    const rows = await studio.page.locator('[data-testid=comparison-table] tbody tr').count();
    expect(rows).toBe(2);
    expect(await studio.page.locator('figure.confusion').count()).toBe(2);
    await shot('compare');
    const files = await download(() => studio.page.getByRole('button', { name: 'demo lid: per file CSV' }).click());
    const lines = files.bytes.toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe('file,label,predicted,confidence,correct');
    expect(lines).toHaveLength(111);
  });
});

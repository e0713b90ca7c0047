/**
 * End to end with the bundled language model: import keeps names and reports a second drop of the same file;
 * Classify's table of every file marks a folder label the model disagrees with; Results lists the misclassified
 * files of an evaluation and opens one in Classify; opening a plain folder offers to make it a project.
 * Screenshot: test-artifacts/results-table.png.
 */
import { describe, expect, it } from 'vitest';
import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { dropFile, useStudio } from './browser';
import { DEMO_DIR } from '../../src/api/models';

const studio = useStudio();
const { shot, nav } = studio;

/** Copies demo clips into DIR/<folder>/<name>: [folder, demo path under lid/]. */
async function folderOf(dir: string, files: [string, string][]): Promise<void> {
  for (const [folder, demo] of files) {
    await mkdir(join(dir, folder), { recursive: true });
    await copyFile(join(DEMO_DIR, 'lid', demo), join(dir, folder, demo.split('/')[1]));
  }
}

describe('import, the Classify table and the misclassified files', () => {
  it('a dropped file keeps its name and shows its origin; the same file dropped again is reported, not added', async () => {
    await nav('Files');
    const bytes = await readFile(join(DEMO_DIR, 'lid', 'fi', 'fi001-max.flac'));
    await dropFile(studio.page, 'fi001-max.flac', bytes);
    const status = studio.page.locator('footer [role=status]');
    await status.filter({ hasText: 'added' }).waitFor();
    expect(await status.textContent()).toBe('1 file added (copied into the project)');
    const row = studio.page.locator('table.files tbody tr');
    expect(await row.locator('td').first().textContent()).toBe('fi001-max.flac');
    expect(await row.locator('td.origin').textContent()).toBe('fi001-max.flac (copy in the project)');
    await dropFile(studio.page, 'fi001-max.flac', bytes);
    await status.filter({ hasText: 'already in the project' }).waitFor();
    expect(await status.textContent()).toBe('0 files added; already in the project, not added again: fi001-max.flac (as fi001-max.flac)');
    expect(await row.count()).toBe(1);
  });

  it('classify every file: a table with label, prediction, posterior and duration; the misfiled one is marked', async () => {
    const recordings = join(studio.dir, 'recordings');
    await folderOf(recordings, [['fi', 'fi/fi002-klatt4.flac'], ['fi', 'fi/fi003-f2.flac'], ['en', 'en/en008-shelby.flac'], ['en', 'fi/fi028-m6.flac']]);
    const { added } = await studio.service.addFiles([recordings]);
    expect(added.map((f) => [f.name, f.label])).toEqual([['en008-shelby.flac', 'en'], ['fi028-m6.flac', 'en'], ['fi002-klatt4.flac', 'fi'], ['fi003-f2.flac', 'fi']]);
    await studio.page.reload();
    await nav('Classify');
    const all = studio.page.locator('button:has-text("Classify all 5 file(s)")');
    await all.waitFor();
    await expect.poll(() => all.isEnabled()).toBe(true);
    await all.click();
    const table = studio.page.locator('table[aria-label="Classification of every file"]');
    await table.waitFor({ timeout: 90_000 });
    const rows = await table.locator('tbody tr').evaluateAll((trs) => trs.map((tr) => ({ mismatch: tr.classList.contains('mismatch'), cells: [...tr.querySelectorAll('td')].map((td) => td.textContent) })));
    const byName = Object.fromEntries(rows.map((r) => [r.cells[0], r]));
    expect(byName['fi028-m6.flac'].mismatch).toBe(true);
    expect(byName['fi028-m6.flac'].cells.slice(1, 3)).toEqual(['en', 'fi']);
    expect(byName['fi028-m6.flac'].cells[7]).toBe('≠ disagrees');
    for (const name of ['fi002-klatt4.flac', 'fi003-f2.flac', 'en008-shelby.flac']) expect([name, byName[name].mismatch, byName[name].cells[7]]).toEqual([name, false, '✓']);
    expect(byName['fi001-max.flac'].cells[1]).toBe('–');
    for (const r of rows) expect(r.cells[3]).toMatch(/^[a-z]{2} \d+\.\d%$/);
    for (const r of rows) expect(r.cells[6]).toMatch(/^\d\.\d\d s$/);
    await table.locator('button.sort', { hasText: 'Agrees' }).click();
    expect(await table.locator('tbody tr').first().locator('td').first().textContent()).toBe('fi028-m6.flac');
    await shot('results-table');
  });

  it('evaluate a labelled folder: per-language precision/recall, and the misclassified file opens in Classify', async () => {
    const set = join(studio.dir, 'set');
    await folderOf(set, [['fi', 'fi/fi022-klatt4.flac'], ['fi', 'fi/fi003-f2.flac'], ['en', 'en/en008-shelby.flac'], ['en', 'en/en012-whisper.flac'], ['en', 'fi/fi028-m6.flac']]);
    await nav('Results');
    await studio.page.fill('input[placeholder="(demo languages)"]', set);
    await studio.page.click('form >> text=Evaluate');
    const report = studio.page.locator('[data-testid=eval-report]');
    await report.waitFor({ timeout: 90_000 });
    const perClass = await report.locator('table[aria-label="Per language"] tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent)));
    expect(perClass.map((r) => r[0])).toEqual(['cs', 'en', 'fi', 'it', 'ru']);
    expect(perClass.find((r) => r[0] === 'en')?.[3]).toBe('3');
    const wrong = report.locator('table[aria-label="Misclassified files"] tbody tr');
    const misfiled = join(set, 'en', 'fi028-m6.flac');
    expect(await wrong.locator('td').first().allTextContents()).toContain(misfiled);
    await wrong.locator(`button[title="Open ${misfiled} in Classify"]`).click();
    const verdict = studio.page.locator('[data-testid=language]');
    await verdict.waitFor({ timeout: 60_000 });
    expect(await verdict.textContent()).toBe('Language: fi');
    expect(await studio.page.locator('table.files tr.selected td').first().textContent()).toBe('fi028-m6.flac');
  });

  it('opening a plain folder as a project offers to create one there, and does (its files stay)', async () => {
    const plain = join(studio.dir, 'plain-recordings');
    await folderOf(plain, [['fi', 'fi/fi002-klatt4.flac']]);
    await nav('Projects');
    const asked: string[] = [];
    studio.page.once('dialog', (dialog) => {
      asked.push(dialog.message());
      void dialog.accept();
    });
    await studio.page.fill('input[placeholder="/path/to/project"]', plain);
    await studio.page.click('form >> button:text-is("Open")');
    await studio.page.locator('[data-testid=status-project]', { hasText: plain }).waitFor();
    expect(asked).toEqual([`${plain} is not a Kielo project yet.\n\nCreate a project in this folder? Its files stay where they are.`]);
    expect(await readFile(join(plain, 'fi', 'fi002-klatt4.flac'))).toEqual(await readFile(join(DEMO_DIR, 'lid', 'fi', 'fi002-klatt4.flac')));
    expect(await studio.page.locator('[role=alert]').count()).toBe(0);
  });
});

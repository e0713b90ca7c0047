/**
 * End to end in Chromium, browser mode: the in-page menu bar opens the in-page folder browser (File > Add folder…,
 * File > Open project…), a folder is picked by clicking through it, and the result is checked in the page and in
 * the service; Esc closes a dialog; arrows move between files; +/- zoom; View switches the theme. Screenshots: test-artifacts/menu-file.png, menu-open-dialog.png.
 */
import { describe, expect, it } from 'vitest';
import { copyFile, mkdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { Page } from 'playwright-core';
import { useStudio } from './browser';
import { DEMO_DIR } from '../../src/api/models';
import { Project } from '../../src/project';

const studio = useStudio();
const { shot } = studio;

/** Clicks a menu of the in-page menu bar, then one of its items. */
async function menu(page: Page, name: string, item: string): Promise<void> {
  await page.getByRole('menubar').getByRole('menuitem', { name, exact: true }).click();
  await page.getByRole('menu', { name }).getByRole('menuitem', { name: item }).click();
}

describe('menus and the folder browser in browser mode', () => {
  it('File > Add folder… browses up from the project into a folder of recordings and adds its audio', async () => {
    const page = studio.page;
    const recordings = join(studio.dir, 'recordings');
    await mkdir(join(recordings, 'fi'), { recursive: true });
    await copyFile(join(DEMO_DIR, 'lid', 'fi', 'fi001-max.flac'), join(recordings, 'fi', 'fi001-max.flac'));
    await copyFile(join(DEMO_DIR, 'lid', 'fi', 'fi002-klatt4.flac'), join(recordings, 'fi', 'fi002-klatt4.flac'));
    const other = await Project.create(join(studio.dir, 'other-study'), 'other-study');
    await other.close();

    await page.getByRole('menubar').getByRole('menuitem', { name: 'File', exact: true }).click();
    await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: 'Add folder…' }).hover();
    await shot('menu-file');
    await page.getByRole('menu', { name: 'File' }).getByRole('menuitem', { name: 'Add folder…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Add a folder of audio' });
    await expect.poll(() => dialog.getByLabel('Folder path').inputValue()).toBe(studio.projectDir);
    await dialog.getByRole('button', { name: 'Up one folder' }).click();
    await expect.poll(() => dialog.getByLabel('Folder path').inputValue()).toBe(studio.dir);
    // the folder beside the project that holds a project is marked as one
    await dialog.getByRole('button', { name: /other-study\/\s*Kielo project/ }).waitFor();
    await shot('menu-open-dialog');
    await dialog.getByRole('button', { name: /recordings/ }).click();
    await expect.poll(() => dialog.getByLabel('Folder path').inputValue()).toBe(recordings);
    await dialog.getByRole('button', { name: 'Choose this folder' }).click();

    await page.getByText('2 files added (referenced where they are)').waitFor({ timeout: 30_000 });
    expect(await dialog.count()).toBe(0);
    expect((await studio.service.listFiles()).map((f) => [f.name, f.label]).sort()).toEqual([['fi001-max.flac', 'fi'], ['fi002-klatt4.flac', 'fi']]);
  });

  it('arrows move between the files, and Esc closes a dialog', async () => {
    const page = studio.page;
    const files = await studio.service.listFiles();
    await page.locator('body').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.locator('tr.selected').textContent()).toContain(files[1].name);
    await page.keyboard.press('ArrowUp');
    await expect.poll(() => page.locator('tr.selected').textContent()).toContain(files[0].name);

    await menu(page, 'Help', 'Keyboard shortcuts');
    const shortcuts = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
    await shortcuts.getByRole('rowheader', { name: 'Open project' }).waitFor();
    expect(await shortcuts.getByRole('row', { name: /Open project/ }).textContent()).toContain('Ctrl+O');
    await page.keyboard.press('Escape');
    await expect.poll(() => shortcuts.count()).toBe(0);
  });

  it('+ and - zoom the studio, View > Actual size resets it, View > Dark / light switches the theme', async () => {
    const page = studio.page;
    const zoom = () => page.evaluate('document.documentElement.style.zoom');
    await page.keyboard.press('+');
    await page.keyboard.press('+');
    await expect.poll(zoom).toBe('1.25');
    await page.keyboard.press('-');
    await expect.poll(zoom).toBe('1.1');
    await menu(page, 'View', 'Actual size');
    await expect.poll(zoom).toBe('1');
    const theme = () => page.evaluate('document.documentElement.dataset.theme + " " + getComputedStyle(document.body).backgroundColor');
    await menu(page, 'View', 'Dark / light');
    const first = (await theme()) as string;
    await menu(page, 'View', 'Dark / light');
    const second = (await theme()) as string;
    // headless Chromium prefers light: the first switch goes dark, the second back to light, each with its background
    expect([first, second]).toEqual(['dark rgb(20, 23, 29)', 'light rgb(247, 248, 250)']);
  });

  it('Ctrl+O opens the project chooser; picking the project beside it opens that project', async () => {
    const page = studio.page;
    await page.keyboard.press('Control+o');
    const dialog = page.getByRole('dialog', { name: 'Open a project folder' });
    await dialog.getByRole('button', { name: 'Up one folder' }).click();
    await dialog.getByRole('button', { name: /other-study/ }).click();
    await expect.poll(() => dialog.getByLabel('Folder path').inputValue()).toBe(join(studio.dir, 'other-study'));
    await dialog.getByRole('button', { name: 'Choose this folder' }).click();
    await expect.poll(() => page.getByTestId('status-project').textContent()).toContain(`other-study — ${join(studio.dir, 'other-study')}`);
    expect(basename((await studio.service.project()).dir)).toBe('other-study');
  });
});

/**
 * The main process put together (electron/main.ts) with the stand-in electron module and a real service on a
 * temporary project: the window opens on app://kielo with the remembered view, the menu is set, IPC calls reach the
 * service, an opened project goes to the OS recent documents and the menu's Open recent, a menu click reaches
 * the renderer as a command, and a job shows on the taskbar.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import * as electron from './electron-stand-in';
import { COMMAND_CHANNEL, channelOf } from '../../electron/channels';

vi.mock('electron', () => import('./electron-stand-in'));

const OURS = 'app://kielo/index.html';
let dir: string;
const argv = process.argv;

beforeAll(async () => {
  electron.reset();
  dir = await mkdtemp(join(tmpdir(), 'kielo-main-'));
  process.env.KIELO_HOME = join(dir, 'home');
  electron.app.userData = join(dir, 'user-data');
  await mkdir(electron.app.userData, { recursive: true });
  await writeFile(join(electron.app.userData, 'window-state.json'), JSON.stringify({ bounds: { x: 40, y: 30, width: 1100, height: 800 }, lastView: 'Projects' }));
  process.argv = [...argv, '--project', join(dir, 'first')];
  await import('../../electron/main');
  await vi.waitFor(() => expect(electron.BrowserWindow.created.length).toBe(1), { timeout: 20_000 });
});

afterAll(async () => {
  process.argv = argv;
  electron.app.emit('will-quit', { preventDefault: () => {} });
  await new Promise((done) => setTimeout(done, 200));
  await rm(dir, { recursive: true, force: true });
});

const menu = () => (electron.Menu.applied as { template: MenuItemConstructorOptions[] }).template;
const fileMenu = () => menu().find((m) => m.label === 'File')!.submenu as MenuItemConstructorOptions[];

describe('electron/main.ts', () => {
  it('opens the window at the remembered place and view, and sets the menu', () => {
    const [window] = electron.BrowserWindow.created;
    expect([window.options.x, window.options.y, window.options.width, window.options.height]).toEqual([40, 30, 1100, 800]);
    expect(window.loadedUrl).toBe('app://kielo/index.html#Projects');
    expect((window.options.webPreferences as { preload: string }).preload).toMatch(/dist[\\/]electron[\\/]preload\.cjs$/);
    expect(menu().map((m) => m.label ?? m.role)).toContain('Run');
    expect(electron.protocol.handlers.has('app')).toBe(true);
  });

  it('serves the project given with --project through IPC', async () => {
    const info = (await electron.ipcMain.invoke(channelOf('project'), OURS)) as { dir: string };
    expect(info.dir).toBe(join(dir, 'first'));
  });

  it('puts an opened project in the OS recent documents and the menu, and a menu click reaches the renderer', async () => {
    const second = join(dir, 'second');
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [second] });
    const [picked] = (await electron.ipcMain.invoke('kielo:choose-paths', OURS, { purpose: 'project' })) as string[];
    await electron.ipcMain.invoke(channelOf('createProject'), OURS, picked, 'second');
    expect(electron.app.recentDocuments).toEqual([join(dir, 'first'), second]);
    await vi.waitFor(() => {
      const recent = fileMenu().find((i) => i.label === 'Open recent')!.submenu as MenuItemConstructorOptions[];
      expect(recent.map((i) => i.label)).toEqual([second, join(dir, 'first')]);
    });
    const [window] = electron.BrowserWindow.created;
    fileMenu().find((i) => i.label === 'Add folder…')!.click!({} as never, undefined, {} as never);
    expect(window.webContents.sent.at(-1)).toEqual({ channel: COMMAND_CHANNEL, args: [{ id: 'addFolder', arg: undefined }] });
  });

  it('shows a running job on the taskbar and enables Run > Cancel while it runs', async () => {
    const [window] = electron.BrowserWindow.created;
    const cancel = () => (menu().find((m) => m.label === 'Run')!.submenu as MenuItemConstructorOptions[]).find((i) => i.label === 'Cancel')!.enabled;
    expect(cancel()).toBe(false);
    const { jobId } = (await electron.ipcMain.invoke(channelOf('generate'), OURS, { seconds: 0.05 })) as { jobId: string };
    await vi.waitFor(() => expect(window.progress[0]).toBe(2), { timeout: 30_000 });
    await vi.waitFor(() => expect(cancel()).toBe(true));
    await electron.ipcMain.invoke(channelOf('cancelJob'), OURS, jobId);
    await vi.waitFor(() => expect(window.progress.at(-1)).toBe(-1), { timeout: 60_000 });
    await vi.waitFor(() => expect(cancel()).toBe(false));
  });
});

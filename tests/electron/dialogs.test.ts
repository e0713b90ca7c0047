/** Native open dialogs with the stand-in electron module: one dialog per purpose, picks granted, cancel gives nothing. */
import { beforeEach, describe, expect, it, vi } from 'vitest';
import * as electron from './electron-stand-in';
import { PathGrants } from '../../electron/path-grants';
import { AUDIO_EXTENSIONS } from '../../src/audio/files';

vi.mock('electron', () => import('./electron-stand-in'));
const { choosePaths, dialogOptions } = await import('../../electron/dialogs');

beforeEach(() => electron.reset());

describe('dialogOptions', () => {
  it('asks for audio files (every extension Kielo reads), folders, a project (may be new) and a dataset folder', () => {
    expect(dialogOptions({ purpose: 'files' })).toMatchObject({ properties: ['openFile', 'multiSelections'], filters: [{ name: 'Audio', extensions: [...AUDIO_EXTENSIONS] }, { name: 'All files', extensions: ['*'] }] });
    expect(dialogOptions({ purpose: 'folder' }).properties).toEqual(['openDirectory', 'multiSelections']);
    expect(dialogOptions({ purpose: 'project' }).properties).toEqual(['openDirectory', 'createDirectory', 'promptToCreate']);
    expect(dialogOptions({ purpose: 'dataset', title: 'Test set', defaultPath: '/data' })).toEqual({ title: 'Test set', defaultPath: '/data', properties: ['openDirectory'] });
  });
});

describe('choosePaths', () => {
  it('shows the dialog on the window and grants what was picked', async () => {
    const grants = new PathGrants();
    const window = new electron.BrowserWindow({});
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: ['/data/a.wav', '/data/b.wav'] });
    expect(await choosePaths(window as never, { purpose: 'files' }, grants)).toEqual(['/data/a.wav', '/data/b.wav']);
    expect(electron.dialog.showOpenDialog.mock.calls[0][0]).toBe(window);
    expect(grants.allows('/data/a.wav')).toBe(true);
    expect(grants.allows('/data/c.wav')).toBe(false);
  });

  it('returns [] and grants nothing when cancelled; refuses a malformed request before any dialog', async () => {
    const grants = new PathGrants();
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: ['/x'] });
    expect(await choosePaths(null, { purpose: 'folder' }, grants)).toEqual([]);
    expect(grants.allows('/x')).toBe(false);
    await expect(choosePaths(null, { purpose: 'folder', defaultPath: 7 }, grants)).rejects.toThrow(/choosePaths: .*purpose: one of files, folder, project, dataset/);
    await expect(choosePaths(null, 'files', grants)).rejects.toThrow('choosePaths:');
    expect(electron.dialog.showOpenDialog).toHaveBeenCalledTimes(1);
  });
});

/**
 * The IPC wrapper with the stand-in electron module: every call is refused from a foreign frame and with a payload
 * its valibot schema rejects; a path reaches the service only when the user chose it (native open dialog, dropped
 * file) or allowed it; and what the dialog returns flows to the real service (project opened, folder added).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as electron from './electron-stand-in';
import { API_SCHEMAS, type KieloApi } from '../../src/api/contract';
import { KieloService } from '../../src/api/service';
import { DEMO_DIR } from '../../src/api/models';
import { CHOOSE_PATHS_CHANNEL, DROPPED_PATH_CHANNEL, JOB_EVENT_CHANNEL, channelOf } from '../../electron/channels';
import { PathGrants } from '../../electron/path-grants';

vi.mock('electron', () => import('./electron-stand-in'));
const { registerIpc, trustedSender } = await import('../../electron/ipc');
const { choosePaths, confirmPaths } = await import('../../electron/dialogs');

const OURS = 'app://kielo/index.html#Files';
const ipc = electron.ipcMain;

/** A KieloApi whose calls record their arguments and answer a project; job events can be emitted. */
function recordingApi() {
  const listeners = new Set<(e: unknown) => void>();
  const api = Object.fromEntries(Object.keys(API_SCHEMAS).map((m) => [m, vi.fn(async (...args: unknown[]) => (m.endsWith('Project') ? { dir: args[0], name: 'p' } : { method: m, args }))]));
  return Object.assign(api, {
    onJobEvent: (listener: (e: unknown) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (e: unknown) => listeners.forEach((l) => l(e)),
  }) as unknown as KieloApi & Record<string, ReturnType<typeof vi.fn>> & { emit(e: unknown): void };
}

function setUp(api: KieloApi, grants = new PathGrants()) {
  const contents = new electron.FakeWebContents();
  const ask = vi.fn(async () => false);
  const opened = vi.fn();
  const remove = registerIpc(api, { target: () => contents as never, grants, ask, choose: (request) => choosePaths(null, request, grants), onProjectOpened: opened });
  return { contents, ask, opened, remove, grants };
}

beforeEach(() => electron.reset());

describe('trustedSender', () => {
  it('trusts only frames on app://kielo', () => {
    const from = (url: string | null) => trustedSender({ senderFrame: url === null ? null : { url } } as never);
    expect(from(OURS)).toBe(true);
    for (const url of ['https://kielo/', 'app://kielo.evil.example/', 'app://evil/', 'file:///app/index.html', 'http://127.0.0.1:5173/', 'not a url', '', null]) {
      expect(from(url), String(url)).toBe(false);
    }
  });
});

describe('registerIpc', () => {
  it('registers one handler per KieloApi call and the dialog channel, and removes them all', () => {
    const { remove } = setUp(recordingApi());
    expect([...ipc.handlers.keys()].sort()).toEqual([...Object.keys(API_SCHEMAS).map((m) => channelOf(m as never)), CHOOSE_PATHS_CHANNEL].sort());
    remove();
    expect(ipc.handlers.size).toBe(0);
    expect(ipc.listeners.get(DROPPED_PATH_CHANNEL)).toEqual([]);
  });

  it('refuses a call from a foreign frame and never reaches the service', async () => {
    const api = recordingApi();
    setUp(api);
    await expect(ipc.invoke(channelOf('listFiles'), 'https://evil.example/')).rejects.toThrow('listFiles: refused a call from an untrusted sender');
    await expect(ipc.invoke(channelOf('removeFile'), null, 'f1')).rejects.toThrow('untrusted sender');
    await expect(ipc.invoke(CHOOSE_PATHS_CHANNEL, 'file:///tmp/x.html', { purpose: 'files' })).rejects.toThrow('choosePaths: refused');
    expect(api.listFiles).not.toHaveBeenCalled();
    expect(api.removeFile).not.toHaveBeenCalled();
    expect(electron.dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('refuses malformed payloads with the schema\'s reason, and passes valid ones with defaults applied', async () => {
    const api = recordingApi();
    setUp(api);
    await expect(ipc.invoke(channelOf('removeFile'), OURS, 42)).rejects.toThrow('removeFile argument 1: expected a string, got 42');
    await expect(ipc.invoke(channelOf('setLabel'), OURS, 'f1', 'fi', 'extra')).rejects.toThrow('setLabel: expected at most 2 arguments, got 3');
    await expect(ipc.invoke(channelOf('waveform'), OURS, 'f1', 5)).rejects.toThrow('waveform argument 2');
    await expect(ipc.invoke(channelOf('startTraining'), OURS, { dataset: '/d', epochs: 5, rm: '-rf' })).rejects.toThrow('startTraining argument 1.rm: unknown field');
    await expect(ipc.invoke(channelOf('nope' as never), OURS)).rejects.toThrow("No handler registered for 'kielo:nope'");
    expect(api.removeFile).not.toHaveBeenCalled();
    expect(api.startTraining).not.toHaveBeenCalled();
    await ipc.invoke(channelOf('removeFile'), OURS, 'f1');
    expect(api.removeFile).toHaveBeenCalledWith('f1');
  });

  it('refuses a path the user did not choose when the user declines, and never reaches the service', async () => {
    const api = recordingApi();
    const { ask } = setUp(api);
    await expect(ipc.invoke(channelOf('addFiles'), OURS, ['/etc/passwd'])).rejects.toThrow('addFiles: /etc/passwd was not chosen by the user, and access was refused');
    await expect(ipc.invoke(channelOf('openProject'), OURS, 'relative/dir')).rejects.toThrow("openProject: 'relative/dir' is not an absolute path");
    await expect(ipc.invoke(channelOf('listDirectory'), OURS, '/home/someone')).rejects.toThrow('was not chosen by the user');
    expect(ask).toHaveBeenCalledWith('addFiles', ['/etc/passwd']);
    expect(api.addFiles).not.toHaveBeenCalled();
    expect(api.openProject).not.toHaveBeenCalled();
    expect(api.listDirectory).not.toHaveBeenCalled();
  });

  it('asks through a native message box for a typed path and lets it through once allowed', async () => {
    const api = recordingApi();
    const grants = new PathGrants();
    registerIpc(api, { target: () => null, grants, ask: (_m, paths) => confirmPaths(null, paths), choose: async () => [] });
    electron.dialog.showMessageBox.mockResolvedValueOnce({ response: 0, checkboxChecked: false });
    await ipc.invoke(channelOf('startTraining'), OURS, { dataset: '/data/corpus' });
    expect(electron.dialog.showMessageBox.mock.calls[0][0]).toMatchObject({ buttons: ['Allow', 'Cancel'], cancelId: 1, detail: expect.stringContaining('/data/corpus') });
    expect(api.startTraining).toHaveBeenCalledWith(expect.objectContaining({ dataset: '/data/corpus', epochs: 10 }));
    // allowed once: the folder and what is inside it are granted from now on
    await ipc.invoke(channelOf('evaluate'), OURS, 'demo-lid', '/data/corpus/test');
    expect(electron.dialog.showMessageBox).toHaveBeenCalledTimes(1);
  });

  it('lets paths inside a granted folder through, but not a sibling that shares its prefix or a .. escape', async () => {
    const api = recordingApi();
    const grants = new PathGrants();
    grants.grant('/data/corpus');
    const { ask } = setUp(api, grants);
    await ipc.invoke(channelOf('addFiles'), OURS, ['/data/corpus/fi/a.wav', '/data/corpus']);
    expect(api.addFiles).toHaveBeenCalledTimes(1);
    await expect(ipc.invoke(channelOf('addFiles'), OURS, ['/data/corpus-private/a.wav'])).rejects.toThrow('was not chosen');
    await expect(ipc.invoke(channelOf('addFiles'), OURS, ['/data/corpus/../secret'])).rejects.toThrow('was not chosen');
    expect(ask).toHaveBeenCalledTimes(2);
    expect(api.addFiles).toHaveBeenCalledTimes(1);
  });

  it('grants the path of a file dropped on our window, not one sent from another frame', async () => {
    const api = recordingApi();
    const { grants } = setUp(api);
    ipc.emitFrom(DROPPED_PATH_CHANNEL, 'https://evil.example/', '/home/u/secret.wav');
    expect(grants.allows('/home/u/secret.wav')).toBe(false);
    ipc.emitFrom(DROPPED_PATH_CHANNEL, OURS, '/home/u/dropped.wav');
    await ipc.invoke(channelOf('addFiles'), OURS, ['/home/u/dropped.wav']);
    expect(api.addFiles).toHaveBeenCalledWith(['/home/u/dropped.wav']);
  });

  it('sends job events to the window', () => {
    const api = recordingApi();
    const { contents } = setUp(api);
    api.emit({ type: 'progress', jobId: 'j1', fraction: 0.5, message: 'epoch 1/2' });
    expect(contents.sent).toEqual([{ channel: JOB_EVENT_CHANNEL, args: [{ type: 'progress', jobId: 'j1', fraction: 0.5, message: 'epoch 1/2' }] }]);
  });

  it('refuses a malformed dialog request', async () => {
    setUp(recordingApi());
    await expect(ipc.invoke(CHOOSE_PATHS_CHANNEL, OURS, { purpose: 'anything' })).rejects.toThrow('choosePaths:');
    await expect(ipc.invoke(CHOOSE_PATHS_CHANNEL, OURS, { purpose: 'files', script: 'x' })).rejects.toThrow('choosePaths:');
    expect(electron.dialog.showOpenDialog).not.toHaveBeenCalled();
  });
});

describe('dialog results flow to the service', () => {
  let dir: string;
  let service: KieloService;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kielo-ipc-'));
    process.env.KIELO_HOME = join(dir, 'home');
    service = await KieloService.open(join(dir, 'first'));
    await mkdir(join(dir, 'recordings', 'fi'), { recursive: true });
    await copyFile(join(DEMO_DIR, 'lid', 'fi', 'fi001-max.flac'), join(dir, 'recordings', 'fi', 'fi001-max.flac'));
  });
  afterAll(async () => {
    await service.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('opens the project folder picked in the dialog, adds the folder picked next, and records the recent document', async () => {
    const { ask, opened } = setUp(service);
    const second = join(dir, 'second');
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [second] });
    const [picked] = (await ipc.invoke(CHOOSE_PATHS_CHANNEL, OURS, { purpose: 'project' })) as string[];
    expect(electron.dialog.showOpenDialog.mock.calls[0][0]).toMatchObject({ properties: ['openDirectory', 'createDirectory', 'promptToCreate'] });
    const info = (await ipc.invoke(channelOf('createProject'), OURS, picked, 'Second')) as { dir: string; name: string };
    expect(info).toMatchObject({ dir: second, name: 'Second' });
    expect((await service.project()).dir).toBe(second);
    expect(opened).toHaveBeenCalledWith(second);

    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [join(dir, 'recordings')] });
    const folders = (await ipc.invoke(CHOOSE_PATHS_CHANNEL, OURS, { purpose: 'folder' })) as string[];
    const result = (await ipc.invoke(channelOf('addFiles'), OURS, folders)) as { added: { name: string; label: string }[] };
    expect(result.added.map((f) => [f.name, f.label])).toEqual([['fi001-max.flac', 'fi']]);
    expect((await service.listFiles()).map((f) => f.name)).toEqual(['fi001-max.flac']);
    expect(ask).not.toHaveBeenCalled();
  });

  it('returns nothing when the dialog is cancelled', async () => {
    setUp(service);
    electron.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: true, filePaths: [] });
    expect(await ipc.invoke(CHOOSE_PATHS_CHANNEL, OURS, { purpose: 'files' })).toEqual([]);
  });
});

/**
 * The sandboxed preload with the stand-in electron module: it exposes one invoke per KieloApi call and the shell's
 * bridge, never ipcRenderer itself, and reports only real dropped files' paths to main.
 */
import { describe, expect, it, vi } from 'vitest';
import * as electron from './electron-stand-in';
import { API_SCHEMAS, type KieloApi } from '../../src/api/contract';
import { COMMAND_CHANNEL, DROPPED_PATH_CHANNEL, JOB_EVENT_CHANNEL } from '../../electron/channels';

vi.mock('electron', () => import('./electron-stand-in'));
await import('../../electron/preload');

const kielo = electron.contextBridge.exposed.get('kielo') as KieloApi;
const host = electron.contextBridge.exposed.get('kieloHost') as {
  pathForFile(file: unknown): string;
  choosePaths(request: unknown): Promise<string[]>;
  onCommand(listener: (c: unknown) => void): () => void;
  platform: string;
};

describe('preload', () => {
  it('exposes exactly the KieloApi calls and the host bridge, nothing of electron', () => {
    expect([...electron.contextBridge.exposed.keys()]).toEqual(['kielo', 'kieloHost']);
    expect(Object.keys(kielo).sort()).toEqual([...Object.keys(API_SCHEMAS), 'onJobEvent'].sort());
    expect(Object.keys(host).sort()).toEqual(['choosePaths', 'onCommand', 'pathForFile', 'platform', 'versions']);
    for (const value of [...Object.values(kielo), ...Object.values(host)]) expect(value).not.toBe(electron.ipcRenderer);
  });

  it('turns each call into one invoke on its own channel', async () => {
    await kielo.setLabel('f1', 'fi');
    await host.choosePaths({ purpose: 'folder' });
    expect(electron.ipcRenderer.invoked.slice(-2)).toEqual([
      { channel: 'kielo:setLabel', args: ['f1', 'fi'] },
      { channel: 'kielo:choose-paths', args: [{ purpose: 'folder' }] },
    ]);
  });

  it('reports the path of a real dropped file to main, and nothing for a file made in the page', () => {
    expect(host.pathForFile({ path: '/home/u/a.wav' })).toBe('/home/u/a.wav');
    expect(host.pathForFile({})).toBe('');
    expect(electron.ipcRenderer.sentToMain).toEqual([{ channel: DROPPED_PATH_CHANNEL, args: ['/home/u/a.wav'] }]);
  });

  it('subscribes to job events and menu commands, and unsubscribes', () => {
    const events = vi.fn();
    const commands = vi.fn();
    const offEvents = kielo.onJobEvent(events);
    const offCommands = host.onCommand(commands);
    electron.ipcRenderer.listeners.get(JOB_EVENT_CHANNEL)![0]({}, { type: 'cancelled', jobId: 'j', runId: null });
    electron.ipcRenderer.listeners.get(COMMAND_CHANNEL)![0]({}, { id: 'openProject' });
    expect(events).toHaveBeenCalledWith({ type: 'cancelled', jobId: 'j', runId: null });
    expect(commands).toHaveBeenCalledWith({ id: 'openProject' });
    offEvents();
    offCommands();
    expect(electron.ipcRenderer.listeners.get(JOB_EVENT_CHANNEL)).toEqual([]);
    expect(electron.ipcRenderer.listeners.get(COMMAND_CHANNEL)).toEqual([]);
  });
});

/**
 * The sandboxed preload: one bridge method per KieloApi call (from the contract's list, so none is missed), each a
 * single ipcRenderer.invoke on its own channel; job events via one channel whose subscription returns its
 * unsubscribe; and the shell's own bridge (dialogs, menu commands). Bundled to one CommonJS file by esbuild.
 * ipcRenderer itself is never exposed.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import { API_SCHEMAS, type ApiMethod, type CommandId, type JobEvent, type KieloApi, type PathRequest } from '../src/api/contract';
import { CHOOSE_PATHS_CHANNEL, COMMAND_CHANNEL, DROPPED_PATH_CHANNEL, JOB_EVENT_CHANNEL, channelOf } from './channels';

const calls = Object.fromEntries(
  (Object.keys(API_SCHEMAS) as ApiMethod[]).map((method) => [method, (...args: unknown[]) => ipcRenderer.invoke(channelOf(method), ...args)]),
) as unknown as Omit<KieloApi, 'onJobEvent'>;

const api: KieloApi = {
  ...calls,
  onJobEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, jobEvent: JobEvent) => listener(jobEvent);
    ipcRenderer.on(JOB_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(JOB_EVENT_CHANNEL, handler);
    };
  },
};

/** The shell's own bridge (renderer/api/host.ts: KieloHost). */
const host = {
  /** The path of a dropped File; main grants it (path-grants.ts), since only a real dropped File has one. */
  pathForFile: (file: File) => {
    const path = webUtils.getPathForFile(file);
    if (path) ipcRenderer.send(DROPPED_PATH_CHANNEL, path);
    return path;
  },
  choosePaths: (request: PathRequest): Promise<string[]> => ipcRenderer.invoke(CHOOSE_PATHS_CHANNEL, request),
  onCommand: (listener: (command: { id: CommandId; arg?: string }) => void) => {
    const handler = (_event: IpcRendererEvent, command: { id: CommandId; arg?: string }) => listener(command);
    ipcRenderer.on(COMMAND_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(COMMAND_CHANNEL, handler);
    };
  },
  platform: process.platform,
  versions: { electron: process.versions.electron, chrome: process.versions.chrome, node: process.versions.node },
};

contextBridge.exposeInMainWorld('kielo', api);
contextBridge.exposeInMainWorld('kieloHost', host);

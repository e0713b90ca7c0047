/**
 * The sandboxed preload: one bridge method per KieloApi call, each a single ipcRenderer.invoke on its own channel;
 * job events via one channel whose subscription returns its unsubscribe. Bundled to one CommonJS file by esbuild.
 * ipcRenderer itself is never exposed.
 */
import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { CommandId, JobEvent, KieloApi, PathRequest } from '../src/api/contract';
import { CHOOSE_PATHS_CHANNEL, COMMAND_CHANNEL, DROPPED_PATH_CHANNEL, JOB_EVENT_CHANNEL, channelOf } from './channels';

const api = {
  engine: () => ipcRenderer.invoke(channelOf('engine')),
  project: () => ipcRenderer.invoke(channelOf('project')),
  recentProjects: () => ipcRenderer.invoke(channelOf('recentProjects')),
  openProject: (dir) => ipcRenderer.invoke(channelOf('openProject'), dir),
  createProject: (dir, name) => ipcRenderer.invoke(channelOf('createProject'), dir, name),
  listFiles: () => ipcRenderer.invoke(channelOf('listFiles')),
  addFiles: (paths) => ipcRenderer.invoke(channelOf('addFiles'), paths),
  uploadFiles: (files) => ipcRenderer.invoke(channelOf('uploadFiles'), files),
  removeFile: (id) => ipcRenderer.invoke(channelOf('removeFile'), id),
  setLabel: (id, label) => ipcRenderer.invoke(channelOf('setLabel'), id, label),
  waveform: (id, buckets) => ipcRenderer.invoke(channelOf('waveform'), id, buckets),
  spectrogram: (id) => ipcRenderer.invoke(channelOf('spectrogram'), id),
  audio: (id) => ipcRenderer.invoke(channelOf('audio'), id),
  models: () => ipcRenderer.invoke(channelOf('models')),
  datasets: () => ipcRenderer.invoke(channelOf('datasets')),
  classify: (id, model) => ipcRenderer.invoke(channelOf('classify'), id, model),
  startTraining: (settings) => ipcRenderer.invoke(channelOf('startTraining'), settings),
  resumeTraining: (runId) => ipcRenderer.invoke(channelOf('resumeTraining'), runId),
  cancelJob: (jobId) => ipcRenderer.invoke(channelOf('cancelJob'), jobId),
  runs: () => ipcRenderer.invoke(channelOf('runs')),
  run: (runId) => ipcRenderer.invoke(channelOf('run'), runId),
  filters: (model) => ipcRenderer.invoke(channelOf('filters'), model),
  evaluate: (model, dataset) => ipcRenderer.invoke(channelOf('evaluate'), model, dataset),
  compareModels: (models, dataset) => ipcRenderer.invoke(channelOf('compareModels'), models, dataset),
  transcribe: (id, model) => ipcRenderer.invoke(channelOf('transcribe'), id, model),
  generate: (settings) => ipcRenderer.invoke(channelOf('generate'), settings),
  generated: () => ipcRenderer.invoke(channelOf('generated')),
  generatedAudio: (id) => ipcRenderer.invoke(channelOf('generatedAudio'), id),
  listDirectory: (dir, options) => ipcRenderer.invoke(channelOf('listDirectory'), dir, options),
  onJobEvent: (listener) => {
    const handler = (_event: IpcRendererEvent, jobEvent: JobEvent) => listener(jobEvent);
    ipcRenderer.on(JOB_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(JOB_EVENT_CHANNEL, handler);
    };
  },
} satisfies KieloApi;

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

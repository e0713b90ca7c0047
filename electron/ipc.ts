/**
 * Registers every KieloApi call on ipcMain through one wrapper: sender origin checked with a URL parser, payload
 * validated (the contract's valibot schemas), paths checked against what the user chose (path-grants.ts). Also the
 * shell's own channels: native open dialogs and the paths of dropped files.
 */
import { ipcMain, type IpcMainEvent, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { API_SCHEMAS, type ApiMethod, type KieloApi, type ProjectInfo } from '../src/api/contract';
import { validateArgs } from '../src/api/validate';
import { APP_ORIGIN, CHOOSE_PATHS_CHANNEL, DROPPED_PATH_CHANNEL, JOB_EVENT_CHANNEL, channelOf } from './channels';
import type { AskUser, PathGrants } from './path-grants';

/** True when the frame that sent an IPC message is our own renderer (app://kielo/...). */
export function trustedSender(event: IpcMainInvokeEvent | IpcMainEvent): boolean {
  const url = event.senderFrame?.url;
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_ORIGIN.scheme}:` && parsed.host === APP_ORIGIN.host;
  } catch {
    return false;
  }
}

/** What the wrapper needs beside the API. */
export interface IpcOptions {
  /** Where job events go (the main window's web contents, when open). */
  target: () => WebContents | null;
  /** The paths the user chose. */
  grants: PathGrants;
  /** Asks the user about a path that was not chosen in a dialog (a native message box). */
  ask: AskUser;
  /** Shows a native open dialog for a (not yet validated) request and grants what is picked. */
  choose: (request: unknown) => Promise<string[]>;
  /** After a project was opened or created through the API (OS recent documents, the menu's recent list). */
  onProjectOpened?: (dir: string) => void;
}

/** One handler: check the sender, validate the payload, check its paths, call the service. */
function handler(api: KieloApi, method: ApiMethod, options: IpcOptions) {
  return async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
    if (!trustedSender(event)) throw new Error(`${method}: refused a call from an untrusted sender`);
    const valid = validateArgs(method, args);
    await options.grants.authorize(method, valid, options.ask);
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    const result = await fn.apply(api, valid);
    if (method === 'openProject' || method === 'createProject') {
      const dir = (result as ProjectInfo).dir;
      options.grants.grant(dir);
      options.onProjectOpened?.(dir);
    }
    return result;
  };
}

/** Registers all calls and the shell's channels; job events go to `options.target`. Returns the function that removes them. */
export function registerIpc(api: KieloApi, options: IpcOptions): () => void {
  const methods = Object.keys(API_SCHEMAS) as ApiMethod[];
  for (const method of methods) ipcMain.handle(channelOf(method), handler(api, method, options));
  ipcMain.handle(CHOOSE_PATHS_CHANNEL, (event, request: unknown) => {
    if (!trustedSender(event)) throw new Error('choosePaths: refused a call from an untrusted sender');
    return options.choose(request);
  });
  const dropped = (event: IpcMainEvent, path: unknown) => {
    if (trustedSender(event) && typeof path === 'string') options.grants.grant(path);
  };
  ipcMain.on(DROPPED_PATH_CHANNEL, dropped);
  const unsubscribe = api.onJobEvent((event) => options.target()?.send(JOB_EVENT_CHANNEL, event));
  return () => {
    unsubscribe();
    for (const method of methods) ipcMain.removeHandler(channelOf(method));
    ipcMain.removeHandler(CHOOSE_PATHS_CHANNEL);
    ipcMain.removeListener(DROPPED_PATH_CHANNEL, dropped);
  };
}

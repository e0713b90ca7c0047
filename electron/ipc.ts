/** Registers every KieloApi call on ipcMain through one wrapper: sender origin checked with a URL parser, payload validated. */
import { ipcMain, type IpcMainInvokeEvent, type WebContents } from 'electron';
import { API_SCHEMAS, type ApiMethod, type KieloApi } from '../src/api/contract';
import { validateArgs } from '../src/api/validate';
import { APP_ORIGIN, JOB_EVENT_CHANNEL, channelOf } from './channels';

/** True when the frame that sent an IPC message is our own renderer (app://kielo/...). */
export function trustedSender(event: IpcMainInvokeEvent): boolean {
  const url = event.senderFrame?.url;
  if (!url) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_ORIGIN.scheme}:` && parsed.host === APP_ORIGIN.host;
  } catch {
    return false;
  }
}

/** One handler: check the sender, validate the payload against the contract's schema, then call the service. */
function handler(api: KieloApi, method: ApiMethod) {
  return async (event: IpcMainInvokeEvent, ...args: unknown[]) => {
    if (!trustedSender(event)) throw new Error(`${method}: refused a call from an untrusted sender`);
    const valid = validateArgs(method, args);
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    return fn.apply(api, valid);
  };
}

/** Registers all calls; job events go to `target`. Returns the function that removes them. */
export function registerIpc(api: KieloApi, target: () => WebContents | null): () => void {
  const methods = Object.keys(API_SCHEMAS) as ApiMethod[];
  for (const method of methods) ipcMain.handle(channelOf(method), handler(api, method));
  const unsubscribe = api.onJobEvent((event) => target()?.send(JOB_EVENT_CHANNEL, event));
  return () => {
    unsubscribe();
    for (const method of methods) ipcMain.removeHandler(channelOf(method));
  };
}

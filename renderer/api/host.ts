/**
 * What the Electron preload adds beside KieloApi (electron/preload.ts): the path of a dropped file, native open
 * dialogs, the application menu's commands, the platform and versions. Absent in browser mode, where the in-page
 * menu bar and file browser stand in.
 */
import type { CommandId, KieloApi, PathRequest } from '../contract';

/** A command from the application menu (Open recent carries its folder). */
export interface HostCommand {
  id: CommandId;
  arg?: string;
}

/** The Electron host bridge. */
export interface KieloHost {
  /** Absolute path of a dropped File (main then lets the service read it). */
  pathForFile(file: File): string;
  /** Shows a native open dialog; the chosen paths, [] when cancelled. */
  choosePaths(request: PathRequest): Promise<string[]>;
  /** Follows the application menu's commands; returns the unsubscribe. */
  onCommand(listener: (command: HostCommand) => void): () => void;
  /** Node's process.platform ('darwin', 'win32', 'linux'...). */
  platform: string;
  versions: { electron: string; chrome: string; node: string };
}

declare global {
  interface Window {
    kielo?: KieloApi;
    kieloHost?: KieloHost;
  }
}

/** The host bridge when running in Electron, else null. */
export function host(): KieloHost | null {
  return window.kieloHost ?? null;
}

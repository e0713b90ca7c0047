/** What the Electron preload adds beside KieloApi: the path of a dropped file (webUtils). Absent in browser mode. */
import type { KieloApi } from '../contract';

/** The Electron host bridge. */
export interface KieloHost {
  /** Absolute path of a dropped File. */
  pathForFile(file: File): string;
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

/** IPC channel names shared by main and preload (no imports of electron here). */
import type { ApiMethod } from '../src/api/contract';

/** The invoke channel of one KieloApi call. */
export function channelOf(method: ApiMethod): string {
  return `kielo:${method}`;
}

/** The channel job events are sent on. */
export const JOB_EVENT_CHANNEL = 'kielo:job-event';

/** Main to renderer: a menu command ({ id, arg? }) to run. */
export const COMMAND_CHANNEL = 'kielo:command';

/** Renderer to main (invoke): show a native open dialog (PathRequest, src/api/schemas.ts); answers the chosen paths. */
export const CHOOSE_PATHS_CHANNEL = 'kielo:choose-paths';

/** Renderer to main (send): the path of a file dropped on the window, read by the preload from the real File. */
export const DROPPED_PATH_CHANNEL = 'kielo:dropped-path';

/** The custom scheme and host the renderer is served from. */
export const APP_ORIGIN = { scheme: 'app', host: 'kielo' } as const;

/** IPC channel names shared by main and preload (no imports of electron here). */
import type { ApiMethod } from '../src/api/contract';

/** The invoke channel of one KieloApi call. */
export function channelOf(method: ApiMethod): string {
  return `kielo:${method}`;
}

/** The channel job events are sent on. */
export const JOB_EVENT_CHANNEL = 'kielo:job-event';

/** The custom scheme and host the renderer is served from. */
export const APP_ORIGIN = { scheme: 'app', host: 'kielo' } as const;

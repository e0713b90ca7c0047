/**
 * The main window's size, position and last view, remembered in a small JSON file in app.getPath('userData').
 * Validated on load (valibot): a missing, corrupt or hand-edited file gives the defaults and a message, never a
 * crash; a position on no connected display is dropped so the window cannot open off screen. No electron import.
 */
import * as v from 'valibot';
import { writeJsonAtomic } from '../src/util/atomic-file';
import { readJsonFile } from '../src/util/json-file';
import { messageOf } from '../src/util/errors';

/** The settings file's name in userData. */
export const WINDOW_STATE_FILE = 'window-state.json';

const coordinate = v.pipe(v.number(), v.integer(), v.minValue(-100_000), v.maxValue(100_000));
const WindowStateSchema = v.object({
  bounds: v.object({
    x: v.optional(coordinate),
    y: v.optional(coordinate),
    width: v.pipe(v.number(), v.integer(), v.minValue(400), v.maxValue(20_000)),
    height: v.pipe(v.number(), v.integer(), v.minValue(300), v.maxValue(20_000)),
  }),
  maximized: v.optional(v.boolean(), false),
  /** The renderer's view (its URL hash), e.g. 'Train'. */
  lastView: v.optional(v.nullable(v.pipe(v.string(), v.regex(/^[A-Za-z]{1,32}$/))), null),
});

/** What is remembered. */
export type WindowState = v.InferOutput<typeof WindowStateSchema>;
/** A rectangle on screen (Electron's Rectangle). */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A new window: 1280 x 860, placed by the system, on the first view. */
export const DEFAULT_WINDOW_STATE: WindowState = { bounds: { width: 1280, height: 860 }, maximized: false, lastView: null };

/** The remembered state, or the defaults with the reason when the file is missing or not valid. */
export async function readWindowState(path: string): Promise<{ state: WindowState; problem: string | null }> {
  try {
    const parsed = v.safeParse(WindowStateSchema, await readJsonFile(path));
    if (parsed.success) return { state: parsed.output, problem: null };
    const issue = parsed.issues[0];
    const field = (issue.path ?? []).map((item) => String(item.key)).join('.');
    return { state: DEFAULT_WINDOW_STATE, problem: `${path}: ${field || 'contents'}: ${issue.message}; using the defaults` };
  } catch (error) {
    return { state: DEFAULT_WINDOW_STATE, problem: `${messageOf(error)}; using the defaults` };
  }
}

/** Saves the state (atomically: a crash mid-write leaves the previous file). */
export function writeWindowState(path: string, state: WindowState): Promise<void> {
  return writeJsonAtomic(path, state, { createFolder: true });
}

/** True when at least 100 x 50 pixels of the window's top part lie on the work area. */
function showsOn(bounds: Rect, area: Rect): boolean {
  const width = Math.min(bounds.x + bounds.width, area.x + area.width) - Math.max(bounds.x, area.x);
  const top = Math.min(bounds.y + 50, area.y + area.height) - Math.max(bounds.y, area.y);
  return width >= 100 && top >= 50;
}

/** The bounds to open with: the position dropped (the system places it) when no display's work area shows it. */
export function placeOnScreen(bounds: WindowState['bounds'], workAreas: Rect[]): WindowState['bounds'] {
  const { x, y, width, height } = bounds;
  if (x === undefined || y === undefined || workAreas.some((area) => showsOn({ x, y, width, height }, area))) return bounds;
  return { width, height };
}

/** The view named by a renderer URL's hash (app://kielo/index.html#Train gives 'Train'), or null. */
export function viewOfUrl(url: string): string | null {
  try {
    const hash = decodeURIComponent(new URL(url).hash.slice(1));
    return /^[A-Za-z]{1,32}$/.test(hash) ? hash : null;
  } catch {
    return null;
  }
}

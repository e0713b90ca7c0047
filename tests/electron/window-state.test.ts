/** The remembered window: validated on load (bad file → defaults with a reason, no crash), kept on screen. */
import { afterAll, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DEFAULT_WINDOW_STATE, placeOnScreen, readWindowState, viewOfUrl, writeWindowState } from '../../electron/window-state';

const dir = await mkdtemp(join(tmpdir(), 'kielo-window-state-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('readWindowState', () => {
  it('reads back what was written', async () => {
    const file = join(dir, 'good.json');
    const state = { bounds: { x: -1200, y: 40, width: 1000, height: 700 }, maximized: true, lastView: 'Results' };
    await writeWindowState(file, state);
    expect(await readWindowState(file)).toEqual({ state, problem: null });
  });

  it('gives the defaults and the reason for a missing, corrupt or hand-edited file', async () => {
    const cases: [string, string | null, RegExp][] = [
      ['missing.json', null, /missing\.json: not found; using the defaults/],
      ['corrupt.json', '{"bounds": {"width": 10', /corrupt JSON/],
      ['tiny.json', '{"bounds": {"width": 10, "height": 700}}', /bounds\.width: Invalid value/],
      ['view.json', '{"bounds": {"width": 900, "height": 700}, "lastView": "../../x"}', /lastView/],
      ['array.json', '[1, 2]', /array\.json: bounds/],
    ];
    for (const [name, text, reason] of cases) {
      if (text !== null) await writeFile(join(dir, name), text);
      const { state, problem } = await readWindowState(join(dir, name));
      expect(state, name).toEqual(DEFAULT_WINDOW_STATE);
      expect(problem, name).toMatch(reason);
    }
  });

  it('writes atomically into a userData folder that does not exist yet', async () => {
    const file = join(dir, 'fresh', 'window-state.json');
    await writeWindowState(file, DEFAULT_WINDOW_STATE);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(DEFAULT_WINDOW_STATE);
  });
});

describe('placeOnScreen', () => {
  const displays = [{ x: 0, y: 0, width: 1920, height: 1040 }, { x: 1920, y: 0, width: 1280, height: 1024 }];
  it('keeps a position that a display shows, including a second display', () => {
    expect(placeOnScreen({ x: 100, y: 100, width: 800, height: 600 }, displays)).toEqual({ x: 100, y: 100, width: 800, height: 600 });
    expect(placeOnScreen({ x: 2000, y: 10, width: 800, height: 600 }, displays)).toEqual({ x: 2000, y: 10, width: 800, height: 600 });
  });
  it('drops a position off every display (the title bar must be reachable)', () => {
    expect(placeOnScreen({ x: 5000, y: 100, width: 800, height: 600 }, displays)).toEqual({ width: 800, height: 600 });
    expect(placeOnScreen({ x: 100, y: -400, width: 800, height: 600 }, displays)).toEqual({ width: 800, height: 600 });
    expect(placeOnScreen({ x: 1850, y: 1030, width: 800, height: 600 }, [displays[0]])).toEqual({ width: 800, height: 600 });
  });
});

describe('viewOfUrl', () => {
  it('reads the view from the hash, and nothing else', () => {
    expect(viewOfUrl('app://kielo/index.html#Train')).toBe('Train');
    expect(viewOfUrl('app://kielo/index.html')).toBeNull();
    expect(viewOfUrl('app://kielo/index.html#<script>')).toBeNull();
    expect(viewOfUrl('not a url')).toBeNull();
  });
});

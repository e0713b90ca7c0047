/**
 * Real-Electron smoke test (playwright-core's Electron support): starts the built app on a fresh project under
 * Xvfb and checks what only real Electron can show: the page has no Node, the bridge is there, the CSP header
 * arrives, window.open is refused, and the application menu is set.
 * Runs only where the Electron binary is installed (users' desktops, machines that can download it) and an X
 * display or Xvfb is available; elsewhere it is skipped and says why on stderr. Everything else about the shell is
 * tested with the stand-in electron module (the other files here).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication } from 'playwright-core';

const require = createRequire(import.meta.url);
const ROOT = process.cwd();

/** The Electron binary, or why there is none. */
function findElectron(): { binary: string; missing: null } | { binary: null; missing: string } {
  try {
    const path = require('electron') as unknown;
    if (typeof path === 'string' && existsSync(path)) return { binary: path, missing: null };
    return { binary: null, missing: `the Electron binary (${String(path)}) is not there` };
  } catch (error) {
    return { binary: null, missing: `no Electron binary: ${(error as Error).message.split('\n')[0]} (installed with ELECTRON_SKIP_BINARY_DOWNLOAD, or offline)` };
  }
}

/** An X display to use: $DISPLAY, or Xvfb when it is on the PATH; else why not. */
function findDisplay(): { display: string | null; xvfb: boolean; missing: string | null } {
  if (process.env.DISPLAY) return { display: process.env.DISPLAY, xvfb: false, missing: null };
  if (spawnSync('which', ['Xvfb']).status === 0) return { display: ':97', xvfb: true, missing: null };
  return { display: null, xvfb: false, missing: 'no X display and no Xvfb (apt-get install xvfb)' };
}

/** Runs in the page: what a page script can reach. */
const IN_PAGE = `(async () => ({
  node: typeof globalThis.require + typeof globalThis.process,
  api: typeof window.kielo?.listFiles,
  host: Object.keys(window.kieloHost ?? {}).sort(),
  opened: window.open('https://example.com') === null,
  csp: (await fetch(location.href)).headers.get('content-security-policy'),
  url: location.href,
}))()`;

const electron = findElectron();
const screen = findDisplay();
const skipReason = electron.missing ?? screen.missing;
if (skipReason) console.warn(`tests/electron/smoke.test.ts: real-Electron smoke test skipped: ${skipReason}. The shell is tested with the stand-in electron module only.`);

describe('the real Electron app', () => {
  let app: ElectronApplication | null = null;
  let xvfb: ChildProcess | null = null;
  let dir = '';
  afterAll(async () => {
    await app?.close();
    xvfb?.kill();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it.skipIf(skipReason !== null)(`starts sandboxed with its bridge, CSP and menu${skipReason ? ` (skipped: ${skipReason})` : ''}`, async () => {
    for (const args of [[join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], [join(ROOT, 'electron/build.mjs')]]) {
      expect(spawnSync(process.execPath, args, { cwd: ROOT, stdio: 'inherit' }).status).toBe(0);
    }
    if (screen.xvfb) {
      xvfb = spawn('Xvfb', [screen.display!, '-screen', '0', '1280x1024x24'], { stdio: 'ignore' });
      await new Promise((done) => setTimeout(done, 1000));
    }
    dir = await mkdtemp(join(tmpdir(), 'kielo-electron-'));
    const noSandbox = process.getuid?.() === 0 ? ['--no-sandbox'] : []; // Chromium's OS sandbox refuses root (containers)
    app = await _electron.launch({
      executablePath: electron.binary!,
      args: [...noSandbox, ROOT, '--project', join(dir, 'smoke-project')],
      env: { ...process.env, DISPLAY: screen.display!, KIELO_HOME: join(dir, 'home'), ELECTRON_ENABLE_LOGGING: '1' },
      timeout: 90_000,
    });
    const page = await app.firstWindow();
    await page.waitForSelector('[data-testid=status-project] >> text=/smoke-project/', { timeout: 60_000 });

    const inPage = (await page.evaluate(IN_PAGE)) as { node: string; api: string; host: string[]; opened: boolean; csp: string | null; url: string };
    // no Node in the page (nodeIntegration off, context isolated), only the bridge's functions
    expect(inPage).toMatchObject({ node: 'undefinedundefined', api: 'function', host: ['choosePaths', 'onCommand', 'pathForFile', 'platform', 'versions'], opened: true });
    expect(inPage.csp).toContain("script-src 'self'");
    expect(inPage.url.startsWith('app://kielo/index.html')).toBe(true);

    const menu = await app.evaluate(({ Menu }) => Menu.getApplicationMenu()?.items.map((item) => item.label));
    expect(menu).toEqual(expect.arrayContaining(['File', 'Edit', 'View', 'Run', 'Help']));
  }, 300_000);
});

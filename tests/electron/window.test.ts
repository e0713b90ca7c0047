/**
 * The main window and its security, with the stand-in electron module (no Electron binary needed): webPreferences,
 * the CSP header on every app:// response, files outside the renderer refused, navigation, new windows, webviews and
 * permissions denied, and the remembered size, position and view.
 */
import { afterAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as electron from './electron-stand-in';

vi.mock('electron', () => import('./electron-stand-in'));
const { CSP, createMainWindow, lockDown, registerAppScheme, rememberWindowState, serveRenderer } = await import('../../electron/window');

const RENDERER = '/opt/kielo/dist/renderer';
const scratch = await mkdtemp(join(tmpdir(), 'kielo-window-'));
afterAll(() => rm(scratch, { recursive: true, force: true }));
beforeEach(() => electron.reset());

describe('createMainWindow', () => {
  it('isolates and sandboxes the renderer: context isolation, sandbox, no Node, web security, no webview', () => {
    createMainWindow('/opt/kielo/preload.cjs');
    const [window] = electron.BrowserWindow.created;
    expect(window.options.webPreferences).toEqual({
      preload: '/opt/kielo/preload.cjs',
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    });
    expect(window.loadedUrl).toBe('app://kielo/index.html');
  });

  it('opens at the remembered size, position and view, maximised when it was', () => {
    createMainWindow('/p.cjs', { bounds: { x: 100, y: 80, width: 1000, height: 700 }, maximized: true, lastView: 'Train' });
    const [window] = electron.BrowserWindow.created;
    expect([window.options.x, window.options.y, window.options.width, window.options.height]).toEqual([100, 80, 1000, 700]);
    expect(window.loadedUrl).toBe('app://kielo/index.html#Train');
    window.emit('ready-to-show');
    expect(window.maximized).toBe(true);
  });

  it('drops a remembered position that no display shows (a monitor since unplugged)', () => {
    createMainWindow('/p.cjs', { bounds: { x: 3000, y: 80, width: 1000, height: 700 }, maximized: false, lastView: null });
    const [window] = electron.BrowserWindow.created;
    expect(window.options.x).toBeUndefined();
    expect(window.options.width).toBe(1000);
  });
});

describe('rememberWindowState', () => {
  it('writes the bounds, maximised state and the last view when the window closes', async () => {
    const file = join(scratch, 'window-state.json');
    const window = createMainWindow('/p.cjs') as unknown as electron.BrowserWindow;
    rememberWindowState(window as never, file, { bounds: { width: 1280, height: 860 }, maximized: false, lastView: null });
    window.webContents.emit('did-navigate-in-page', {}, 'app://kielo/index.html#Results');
    window.normalBounds = { x: 5, y: 6, width: 1100, height: 750 };
    window.emit('close');
    await vi.waitFor(async () => expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({ bounds: { x: 5, y: 6, width: 1100, height: 750 }, maximized: false, lastView: 'Results' }));
  });
});

describe('serveRenderer', () => {
  it('serves the renderer on app://kielo with the strict CSP header', async () => {
    serveRenderer(RENDERER);
    const handle = electron.protocol.handlers.get('app')!;
    const response = await handle(new Request('app://kielo/index.html'));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toBe(CSP);
    expect(electron.net.fetch).toHaveBeenCalledWith(`file://${RENDERER}/index.html`);
    expect(await response.text()).toBe(`body of file://${RENDERER}/index.html`);
  });

  it('allows only its own scripts: no inline or eval scripts, no plugins, no framing, no remote connections', () => {
    const directives = Object.fromEntries(CSP.split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1).join(' ')]));
    expect(directives['default-src']).toBe("'self'");
    expect(directives['script-src']).toBe("'self'");
    expect(directives['connect-src']).toBe("'self'");
    expect(directives['object-src']).toBe("'none'");
    expect(directives['frame-ancestors']).toBe("'none'");
    expect(CSP).not.toMatch(/unsafe-eval|script-src[^;]*unsafe-inline|https?:|\*/);
  });

  it('refuses paths outside the renderer folder, encoded or not, other hosts, and malformed escapes', async () => {
    serveRenderer(RENDERER);
    const handle = electron.protocol.handlers.get('app')!;
    for (const url of ['app://kielo/..%2F..%2Fetc%2Fpasswd', 'app://kielo/assets/..%2F..%2F..%2Fsecret', 'app://other/index.html']) {
      expect((await handle(new Request(url))).status, url).toBe(404);
    }
    expect((await handle(new Request('app://kielo/%E0%A4%A.js'))).status).toBe(400);
    expect(electron.net.fetch).not.toHaveBeenCalled();
  });

  it('registers app:// as a standard, secure scheme before the app is ready', () => {
    registerAppScheme();
    expect(electron.protocol.privileged).toEqual([{ scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
  });
});

describe('lockDown', () => {
  it('denies every permission, new window, navigation, redirect and webview', () => {
    lockDown();
    const answer = vi.fn();
    electron.session.defaultSession.permissionRequestHandler!({}, 'media', answer);
    expect(answer).toHaveBeenCalledWith(false);
    expect(electron.session.defaultSession.permissionCheckHandler!()).toBe(false);

    const contents = new electron.FakeWebContents();
    electron.app.emit('web-contents-created', {}, contents);
    expect(contents.windowOpenHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    for (const name of ['will-navigate', 'will-redirect', 'will-attach-webview']) {
      const event = { preventDefault: vi.fn() };
      contents.emit(name, event, 'https://example.com');
      expect(event.preventDefault, name).toHaveBeenCalled();
    }
  });
});

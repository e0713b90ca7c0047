/** The BrowserWindow and its security hooks: isolation, sandbox, strict CSP, nothing navigates, nothing opens. */
import { BrowserWindow, app, net, protocol, screen, session } from 'electron';
import { join, normalize, sep } from 'node:path';
import { pathToFileURL } from 'node:url';
import { APP_ORIGIN } from './channels';
import { DEFAULT_WINDOW_STATE, placeOnScreen, viewOfUrl, writeWindowState, type WindowState } from './window-state';

/** The renderer's Content-Security-Policy: only our own scheme; audio from blob: URLs. */
export const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
  "form-action 'none'",
].join('; ');

/** Must run before app 'ready': app:// is a standard, secure scheme. */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_ORIGIN.scheme, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);
}

/** Serves `rendererDir` on app://kielo/ with the CSP header; paths outside it are 404. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_ORIGIN.scheme, async (request) => {
    const url = new URL(request.url);
    let pathname: string;
    try {
      pathname = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
    } catch {
      return new Response('bad request', { status: 400 });
    }
    const file = normalize(join(rendererDir, pathname));
    if (url.host !== APP_ORIGIN.host || !file.startsWith(rendererDir + sep)) return new Response('not found', { status: 404 });
    const response = await net.fetch(pathToFileURL(file).toString());
    const headers = new Headers(response.headers);
    headers.set('content-security-policy', CSP);
    return new Response(response.body, { status: response.status, headers });
  });
}

/** Denies every permission request and every new window or navigation, for all web contents. */
export function lockDown(): void {
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
    contents.on('will-navigate', (event) => event.preventDefault());
    contents.on('will-redirect', (event) => event.preventDefault());
    contents.on('will-attach-webview', (event) => event.preventDefault());
  });
}

/** Creates the main window on app://kielo/index.html (at the remembered view) with the sandboxed preload. */
export function createMainWindow(preloadPath: string, state: WindowState = DEFAULT_WINDOW_STATE): BrowserWindow {
  const window = new BrowserWindow({
    ...placeOnScreen(state.bounds, screen.getAllDisplays().map((d) => d.workArea)),
    minWidth: 640,
    minHeight: 480,
    title: 'Kielo',
    show: false,
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  const hash = state.lastView ? `#${state.lastView}` : '';
  void window.loadURL(`${APP_ORIGIN.scheme}://${APP_ORIGIN.host}/index.html${hash}`);
  return window;
}

/** Keeps the window's size, position and view in `file` (written when the window closes). */
export function rememberWindowState(window: BrowserWindow, file: string, initial: WindowState): void {
  let lastView = initial.lastView;
  window.webContents.on('did-navigate-in-page', (_event, url) => {
    lastView = viewOfUrl(url) ?? lastView;
  });
  window.on('close', () => {
    const { x, y, width, height } = window.getNormalBounds();
    void writeWindowState(file, { bounds: { x, y, width, height }, maximized: window.isMaximized(), lastView }).catch((error: Error) =>
      console.error(`kielo: could not save the window's size and position: ${error.message}`),
    );
  });
}

/** Electron main: lifecycle only. The window, its security and the IPC wiring live in window.ts and ipc.ts. */
import { BrowserWindow, app } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProjectOrDemo } from '../src/api/demo-project';
import type { KieloService } from '../src/api/service';
import { registerIpc } from './ipc';
import { createMainWindow, lockDown, registerAppScheme, serveRenderer } from './window';

const here = dirname(fileURLToPath(import.meta.url));
/** Built by electron/build.mjs: dist/renderer (vite) and dist/electron/preload.cjs (esbuild). */
const RENDERER_DIR = join(here, '..', 'dist', 'renderer');
const PRELOAD = join(here, '..', 'dist', 'electron', 'preload.cjs');

function projectArgument(argv: string[]): string | undefined {
  const i = argv.indexOf('--project');
  return i >= 0 ? argv[i + 1] : undefined;
}

let service: KieloService | null = null;
let window: BrowserWindow | null = null;

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  if (window?.isMinimized()) window.restore();
  window?.focus();
});

app.whenReady().then(async () => {
  lockDown();
  serveRenderer(RENDERER_DIR);
  service = await openProjectOrDemo(projectArgument(process.argv));
  registerIpc(service, () => window?.webContents ?? null);
  window = createMainWindow(PRELOAD);
  window.on('closed', () => (window = null));
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) window = createMainWindow(PRELOAD);
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

app.on('will-quit', (event) => {
  if (!service) return;
  event.preventDefault();
  const closing = service;
  service = null;
  void closing.close().finally(() => app.quit());
});

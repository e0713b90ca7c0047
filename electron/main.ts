/**
 * Electron main: lifecycle and glue. The window and its security (window.ts), the IPC wrapper (ipc.ts), the menu
 * (menu.ts), dialogs (dialogs.ts), what the renderer may reach (path-grants.ts), taskbar progress (progress.ts) and
 * the remembered window (window-state.ts) live in their own modules.
 */
import { BrowserWindow, Menu, app } from 'electron';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { openProjectOrDemo } from '../src/api/demo-project';
import { DEMO_DIR } from '../src/api/models';
import type { KieloService } from '../src/api/service';
import type { CommandId } from '../src/api/contract';
import { COMMAND_CHANNEL } from './channels';
import { choosePaths, confirmPaths } from './dialogs';
import { registerIpc } from './ipc';
import { menuTemplate } from './menu';
import { PathGrants } from './path-grants';
import { TaskbarProgress } from './progress';
import { createMainWindow, lockDown, registerAppScheme, rememberWindowState, serveRenderer } from './window';
import { WINDOW_STATE_FILE, readWindowState } from './window-state';

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
const grants = new PathGrants();
/** A folder opened from the OS (macOS recent documents, dock) before the window was ready. */
let pendingOpen: string | null = null;

const sendCommand = (id: CommandId, arg?: string) => window?.webContents.send(COMMAND_CHANNEL, { id, arg });
const progress = new TaskbarProgress(
  (value) => window?.setProgressBar(value),
  () => void updateMenu(),
);

async function updateMenu(): Promise<void> {
  const recent = service ? await service.recentProjects() : [];
  const state = { platform: process.platform, appName: app.name || 'Kielo', recent, jobRunning: progress.running };
  Menu.setApplicationMenu(Menu.buildFromTemplate(menuTemplate(state, sendCommand)));
}

async function openWindow(): Promise<BrowserWindow> {
  const stateFile = join(app.getPath('userData'), WINDOW_STATE_FILE);
  const { state, problem } = await readWindowState(stateFile);
  if (problem && !problem.includes('not found')) console.warn(`kielo: ${problem}`);
  const created = createMainWindow(PRELOAD, state);
  rememberWindowState(created, stateFile, state);
  created.on('closed', () => (window = null));
  created.webContents.once('did-finish-load', () => {
    if (pendingOpen) sendCommand('openRecent', pendingOpen);
    pendingOpen = null;
  });
  return created;
}

registerAppScheme();
if (!app.requestSingleInstanceLock()) app.quit();

app.on('second-instance', () => {
  if (window?.isMinimized()) window.restore();
  window?.focus();
});

// macOS: a project picked from the dock's or the File menu's recent documents
app.on('open-file', (event, path) => {
  event.preventDefault();
  grants.grant(path);
  if (window) sendCommand('openRecent', path);
  else pendingOpen = path;
});

app.whenReady().then(async () => {
  lockDown();
  serveRenderer(RENDERER_DIR);
  const asked = projectArgument(process.argv);
  service = await openProjectOrDemo(asked);
  const opened = await service.project();
  if (asked) app.addRecentDocument(opened.dir);
  for (const dir of [opened.dir, DEMO_DIR, ...(await service.recentProjects())]) grants.grant(dir);
  registerIpc(service, {
    target: () => window?.webContents ?? null,
    grants,
    ask: (_method, paths) => confirmPaths(window, paths),
    choose: (request) => choosePaths(window, request, grants),
    onProjectOpened: (dir) => {
      app.addRecentDocument(dir);
      void updateMenu();
    },
  });
  service.onJobEvent((event) => progress.onEvent(event));
  await updateMenu();
  window = await openWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void openWindow().then((w) => (window = w));
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

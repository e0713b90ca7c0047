/**
 * A stand-in for the `electron` module, for testing the main process's modules where the Electron binary is absent
 * (tests/electron/*.test.ts: `vi.mock('electron', () => import('./electron-stand-in'))`). It records what the code
 * under test hands Electron (window options, IPC handlers, protocol handlers, menus) and lets a test answer dialogs.
 * Only the parts the shell uses are here; `reset()` clears them between tests.
 */
import { vi } from 'vitest';
import { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => unknown;

/** A web contents: its events, what it was sent, and the handlers set on it. */
export class FakeWebContents extends EventEmitter {
  readonly sent: { channel: string; args: unknown[] }[] = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  send(channel: string, ...args: unknown[]): void {
    this.sent.push({ channel, args });
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }): void {
    this.windowOpenHandler = handler;
  }
}

/** A BrowserWindow that records its options and the URL it loads. */
export class BrowserWindow extends EventEmitter {
  static readonly created: BrowserWindow[] = [];
  static getAllWindows(): BrowserWindow[] {
    return BrowserWindow.created;
  }
  readonly webContents = new FakeWebContents();
  loadedUrl: string | null = null;
  normalBounds = { x: 10, y: 20, width: 900, height: 700 };
  maximized = false;
  progress: number[] = [];
  constructor(readonly options: Record<string, unknown>) {
    super();
    BrowserWindow.created.push(this);
  }
  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }
  getNormalBounds() {
    return this.normalBounds;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  maximize(): void {
    this.maximized = true;
  }
  show(): void {}
  setProgressBar(value: number): void {
    this.progress.push(value);
  }
}

/** ipcMain: handlers and listeners by channel; `invoke` and `emitFrom` call them as Electron would. */
class FakeIpcMain {
  readonly handlers = new Map<string, Listener>();
  readonly listeners = new Map<string, Listener[]>();
  handle(channel: string, handler: Listener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  on(channel: string, listener: Listener): this {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.set(channel, (this.listeners.get(channel) ?? []).filter((l) => l !== listener));
    return this;
  }
  /** Calls the invoke handler of `channel` as a message from a frame at `frameUrl` (null: no frame). */
  async invoke(channel: string, frameUrl: string | null, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler({ senderFrame: frameUrl === null ? null : { url: frameUrl } }, ...args);
  }
  /** Delivers a `send` message on `channel` from a frame at `frameUrl`. */
  emitFrom(channel: string, frameUrl: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({ senderFrame: { url: frameUrl } }, ...args);
  }
}
export const ipcMain = new FakeIpcMain();

/** app: its event listeners and the recent documents added. */
class FakeApp extends EventEmitter {
  name = 'Kielo';
  readonly recentDocuments: string[] = [];
  userData = '/tmp/kielo-stand-in-user-data';
  addRecentDocument(path: string): void {
    this.recentDocuments.push(path);
  }
  getPath(name: string): string {
    if (name !== 'userData') throw new Error(`stand-in app.getPath: ${name} not supported`);
    return this.userData;
  }
  whenReady(): Promise<void> {
    return Promise.resolve();
  }
  requestSingleInstanceLock(): boolean {
    return true;
  }
  quit(): void {}
}
export const app = new FakeApp();

/** protocol: the registered privileged schemes and the request handler of each scheme. */
export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>): void {
    this.handlers.set(scheme, handler);
  },
};

/** net.fetch: the test answers file:// URLs (default: 200 with the URL as body). */
export const net = { fetch: vi.fn(async (url: string) => new Response(`body of ${url}`, { status: 200, headers: { 'content-type': 'text/html' } })) };

/** session.defaultSession: the permission handlers set on it. */
export const session = {
  defaultSession: {
    permissionRequestHandler: null as Listener | null,
    permissionCheckHandler: null as Listener | null,
    setPermissionRequestHandler(handler: Listener): void {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(handler: Listener): void {
      this.permissionCheckHandler = handler;
    },
  },
};

/** screen: one 1920 x 1080 display unless a test sets others. */
export const screen = { displays: [{ workArea: { x: 0, y: 0, width: 1920, height: 1040 } }], getAllDisplays() { return this.displays; } };

/** dialog: the test sets the answers (vi.fn). */
export const dialog = {
  showOpenDialog: vi.fn(async (..._args: unknown[]) => ({ canceled: true, filePaths: [] as string[] })),
  showMessageBox: vi.fn(async (..._args: unknown[]) => ({ response: 1, checkboxChecked: false })),
};

/** Menu: the last template built and the menu set. */
export const Menu = {
  applied: null as unknown,
  buildFromTemplate: (template: unknown[]) => ({ template }),
  setApplicationMenu(menu: unknown): void {
    this.applied = menu;
  },
};

/** contextBridge: what the preload exposed, by name. */
export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(name: string, value: unknown): void {
    this.exposed.set(name, value);
  },
};

/** ipcRenderer: invocations and sends, and the listeners by channel. */
export const ipcRenderer = {
  invoked: [] as { channel: string; args: unknown[] }[],
  sentToMain: [] as { channel: string; args: unknown[] }[],
  listeners: new Map<string, Listener[]>(),
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return null;
  },
  send(channel: string, ...args: unknown[]): void {
    this.sentToMain.push({ channel, args });
  },
  on(channel: string, listener: Listener) {
    this.listeners.set(channel, [...(this.listeners.get(channel) ?? []), listener]);
    return this;
  },
  removeListener(channel: string, listener: Listener) {
    this.listeners.set(channel, (this.listeners.get(channel) ?? []).filter((l) => l !== listener));
    return this;
  },
};

/** webUtils: a File's path is its `path` property here ('' for one made in the page, as in Electron). */
export const webUtils = { getPathForFile: (file: { path?: string }) => file.path ?? '' };

/** Clears what the stand-in recorded. */
export function reset(): void {
  BrowserWindow.created.length = 0;
  ipcMain.handlers.clear();
  ipcMain.listeners.clear();
  app.removeAllListeners();
  app.recentDocuments.length = 0;
  protocol.privileged.length = 0;
  protocol.handlers.clear();
  session.defaultSession.permissionRequestHandler = null;
  session.defaultSession.permissionCheckHandler = null;
  dialog.showOpenDialog.mockReset();
  dialog.showOpenDialog.mockResolvedValue({ canceled: true, filePaths: [] });
  dialog.showMessageBox.mockReset();
  dialog.showMessageBox.mockResolvedValue({ response: 1, checkboxChecked: false });
  net.fetch.mockClear();
}

export default { app, BrowserWindow, ipcMain, protocol, net, session, screen, dialog, Menu, contextBridge, ipcRenderer, webUtils };

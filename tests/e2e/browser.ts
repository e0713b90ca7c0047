/**
 * Shared end-to-end harness: builds the renderer, serves a project in browser mode, drives Debian's chromium.
 * Without a Chromium (`npm test` installs it where it can: scripts/test-prereqs.ts) a test file's tests are skipped
 * with the line that says what to install, or fail with it where KIELO_REQUIRE_CHROMIUM is set (CI).
 */
import { afterAll, beforeAll, beforeEach } from 'vitest';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { KieloService } from '../../src/api/service';
import { startServer, type RunningServer } from '../../src/server/server';
import { chromiumMissing, chromiumPath } from '../../scripts/test-prereqs';

/** Where screenshots of test runs go (gitignored). */
export const ARTIFACTS = join(process.cwd(), 'test-artifacts');
/** Chromium flags for CI: headless, no sandbox (containers), no GPU, no network chatter (none reaches out offline). */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
const CHROMIUM = chromiumPath();

/** Builds the renderer into a fresh temp folder (test files run in parallel: none may empty another's build). */
export async function buildRenderer(): Promise<string> {
  const { build } = await import('vite');
  const outDir = await mkdtemp(join(tmpdir(), 'kielo-renderer-'));
  await build({ configFile: join(process.cwd(), 'vite.config.ts'), logLevel: 'warn', build: { outDir, emptyOutDir: true } });
  if (!existsSync(join(outDir, 'index.html'))) throw new Error('renderer build produced no index.html');
  return outDir;
}

/** A served project and a browser page on it. */
export interface Studio {
  dir: string;
  projectDir: string;
  service: KieloService;
  server: RunningServer;
  context: BrowserContext;
  page: Page;
  close(): Promise<void>;
}

/** Builds the renderer, serves a fresh project (in a temp KIELO_HOME) and opens it in a new chromium profile. */
export async function openStudio(): Promise<Studio> {
  const rendererDir = await buildRenderer();
  const dir = await mkdtemp(join(tmpdir(), 'kielo-e2e-'));
  process.env.KIELO_HOME = join(dir, 'home');
  const projectDir = join(dir, 'project');
  const service = await KieloService.open(projectDir);
  const server = await startServer(service, { staticDir: rendererDir });
  const context = await chromium.launchPersistentContext(join(dir, 'profile'), { executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, viewport: { width: 1200, height: 860 } });
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(server.url);
  return {
    dir,
    projectDir,
    service,
    server,
    context,
    page,
    close: async () => {
      await context.close();
      await server.close();
      await service.close();
      await rm(dir, { recursive: true, force: true });
      await rm(rendererDir, { recursive: true, force: true });
    },
  };
}

/** A test file's studio (usable inside its tests: it opens in beforeAll) with its two most used actions. */
export interface StudioSession extends Omit<Studio, 'close'> {
  /** Saves a screenshot of the page as test-artifacts/NAME.png. */
  shot(name: string): Promise<Buffer>;
  /** Clicks the navigation entry VIEW (e.g. 'Files', 'Results'). */
  nav(view: string): Promise<void>;
}

/** Registers beforeAll/afterAll that open a studio for this test file and close it after its last test. */
export function useStudio(): StudioSession {
  let opened: Studio | undefined;
  const missing = chromiumMissing();
  if (missing && !process.env.KIELO_REQUIRE_CHROMIUM) {
    beforeAll(() => console.warn(missing));
    beforeEach((context) => context.skip(missing));
  } else {
    beforeAll(async () => {
      if (missing) throw new Error(`${missing} (KIELO_REQUIRE_CHROMIUM is set: the end-to-end tests must run)`);
      await mkdir(ARTIFACTS, { recursive: true });
      opened = await openStudio();
    }, 120_000);
  }
  afterAll(async () => {
    await opened?.close();
  });
  const current = (): Studio => {
    if (!opened) throw new Error('the studio opens in beforeAll: use it inside a test');
    return opened;
  };
  return {
    get dir() { return current().dir; },
    get projectDir() { return current().projectDir; },
    get service() { return current().service; },
    get server() { return current().server; },
    get context() { return current().context; },
    get page() { return current().page; },
    shot: (name) => current().page.screenshot({ path: join(ARTIFACTS, `${name}.png`) }),
    nav: (view) => current().page.click(`nav >> text=${view}`),
  };
}

/** Runs in the page: builds a DataTransfer holding the file and dispatches dragover + drop on <main>. */
const DROP_SCRIPT = `({ name, base64 }) => {
  const binary = atob(base64);
  const data = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) data[i] = binary.charCodeAt(i);
  const transfer = new DataTransfer();
  transfer.items.add(new File([data], name));
  const target = document.querySelector('main');
  target.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  target.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
}`;

/** Drops a file on the page the way a user's drag and drop does (a DataTransfer holding a File). */
export async function dropFile(page: Page, name: string, bytes: Buffer): Promise<void> {
  await page.evaluate(`(${DROP_SCRIPT})(${JSON.stringify({ name, base64: bytes.toString('base64') })})`);
}

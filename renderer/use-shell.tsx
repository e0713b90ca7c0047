/**
 * What the shell does for each command (src/api/commands.ts), whichever way it came: the native menu (Electron,
 * through the host bridge), the in-page menu bar (browser mode), or the keyboard. Also the shell's dialogs (file
 * browser, About, Keyboard shortcuts), the app's zoom and theme, and which job Run > Cancel stops.
 */
import { useCallback, useEffect, useState, type ReactNode } from 'react';
import type { AudioFileEntry, CommandId, EngineStatus, ProjectInfo } from './contract';
import { useApi } from './api/context';
import { host } from './api/host';
import { describeAdded } from './api/import-text';
import { openOrCreateProject } from './api/open-project';
import { useAsync } from './api/use-async';
import { emitViewCommand, useCommandKeys } from './commands';
import { usePathChooser } from './components/FileBrowserDialog';
import { AboutDialog, ShortcutsDialog } from './components/HelpDialogs';
import { MenuBar } from './components/MenuBar';

/** What the shell needs from the app. */
export interface ShellContext {
  /** The view shown (File > Export results saves its results when it holds some: VIEWS_WITH_RESULTS). */
  view: string;
  /** Shows a view (commands done by a view show it first). */
  showView(view: 'Train' | 'Results'): void;
  files: AudioFileEntry[];
  selected: string | null;
  select(id: string): void;
  /** Reloads the project and its files. */
  refresh(): Promise<unknown>;
  /** Says something in the status bar. */
  notify(message: string): void;
  /** After another project opened. */
  switched(project: ProjectInfo): void;
  project: ProjectInfo | null;
  engine: EngineStatus | null;
}

/** Views that save their own results on File > Export results; from the others it goes to Results. */
const VIEWS_WITH_RESULTS = ['Results', 'Classify', 'Compare', 'ASR'];

const ZOOMS = [0.5, 0.67, 0.75, 0.8, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2];
const ZOOM_KEY = 'kielo.zoom';
const THEME_KEY = 'kielo.theme';
type Theme = 'light' | 'dark';

function stored<T>(key: string, valid: (v: unknown) => v is T, fallback: T): T {
  try {
    const value = JSON.parse(localStorage.getItem(key) ?? 'null') as unknown;
    return valid(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

const isZoom = (v: unknown): v is number => typeof v === 'number' && ZOOMS.includes(v);
const isTheme = (v: unknown): v is Theme => v === 'light' || v === 'dark';

/** The folder's last name ('/data/my-project' gives 'my-project'). */
function baseName(path: string): string {
  return path.replace(/[\\/]+$/, '').split(/[\\/]/).pop() || path;
}

/** The shell's commands and what they show. */
export function useShell(ctx: ShellContext): { run(id: CommandId, arg?: string): void; menuBar: ReactNode; dialogs: ReactNode } {
  const api = useApi();
  const { choose, dialog: chooser } = usePathChooser();
  const [help, setHelp] = useState<'about' | 'shortcuts' | null>(null);
  const [jobs, setJobs] = useState<string[]>([]);
  const [zoom, setZoom] = useState(() => stored(ZOOM_KEY, isZoom, 1));
  const [theme, setTheme] = useState<Theme | null>(() => stored(THEME_KEY, isTheme, null as Theme | null));
  const recent = useAsync(() => api.recentProjects(), [api, ctx.project?.dir]);

  useEffect(() => {
    document.documentElement.style.setProperty('zoom', String(zoom));
    localStorage.setItem(ZOOM_KEY, JSON.stringify(zoom));
  }, [zoom]);
  useEffect(() => {
    if (theme) document.documentElement.dataset.theme = theme;
    localStorage.setItem(THEME_KEY, JSON.stringify(theme));
  }, [theme]);
  useEffect(
    () =>
      api.onJobEvent((event) => {
        if (event.type === 'started') setJobs((j) => [...j, event.jobId]);
        else if (event.type === 'done' || event.type === 'failed' || event.type === 'cancelled') setJobs((j) => j.filter((id) => id !== event.jobId));
      }),
    [api],
  );

  const { notify, switched, refresh, select, view, showView, files, selected } = ctx;
  const attempt = useCallback((work: () => Promise<unknown>) => void work().catch((e: Error) => notify(e.message)), [notify]);
  const add = useCallback(
    async (paths: string[]) => {
      if (!paths.length) return;
      notify('Adding files…');
      const result = await api.addFiles(paths);
      await refresh();
      const first = result.added[0] ?? result.duplicates[0]?.existing ?? result.transcripts[0]?.audio;
      if (first) select(first.id);
      notify(describeAdded(result));
    },
    [api, notify, refresh, select],
  );
  const open = useCallback(async (dir: string | undefined) => dir && switched(await openOrCreateProject(api, dir)), [api, switched]);

  const run = useCallback(
    (id: CommandId, arg?: string) => {
      const step = (delta: number) => {
        if (!files.length) return;
        const at = files.findIndex((f) => f.id === selected);
        select(files[Math.min(files.length - 1, Math.max(0, at < 0 ? 0 : at + delta))].id);
      };
      switch (id) {
        case 'newProject':
          return attempt(async () => {
            const [dir] = await choose({ purpose: 'project', title: 'New project', newFolder: true });
            if (dir) switched(await api.createProject(dir, baseName(dir)));
          });
        case 'openProject':
          return attempt(async () => open((await choose({ purpose: 'project' }))[0]));
        case 'openRecent':
          return attempt(() => open(arg));
        case 'addFiles':
          return attempt(async () => add(await choose({ purpose: 'files' })));
        case 'addFolder':
          return attempt(async () => add(await choose({ purpose: 'folder' })));
        case 'exportResults':
          if (!VIEWS_WITH_RESULTS.includes(view)) showView('Results');
          return emitViewCommand(id);
        case 'train':
          showView('Train');
          return emitViewCommand(id);
        case 'cancelJob':
          return jobs.forEach((job) => attempt(() => api.cancelJob(job)));
        case 'undo':
        case 'redo':
        case 'cut':
        case 'copy':
        case 'paste':
        case 'selectAll':
          document.execCommand(id);
          return;
        case 'zoomIn':
        case 'zoomOut':
          return setZoom((z) => ZOOMS[Math.min(ZOOMS.length - 1, Math.max(0, ZOOMS.indexOf(z) + (id === 'zoomIn' ? 1 : -1)))]);
        case 'zoomReset':
          return setZoom(1);
        case 'toggleTheme':
          return setTheme((t) => ((t ?? (matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light')) === 'dark' ? 'light' : 'dark'));
        case 'about':
        case 'shortcuts':
          return setHelp(id);
        case 'previousFile':
          return step(-1);
        case 'nextFile':
          return step(1);
      }
    },
    [api, attempt, add, open, choose, switched, view, showView, jobs, files, selected, select],
  );

  useCommandKeys(run);
  useEffect(() => host()?.onCommand((command) => run(command.id, command.arg)), [run]);

  const menuBar = host() ? null : <MenuBar recent={recent.value ?? []} jobRunning={jobs.length > 0} onCommand={run} />;
  const dialogs = (
    <>
      {chooser}
      {help === 'about' && <AboutDialog engine={ctx.engine} onClose={() => setHelp(null)} />}
      {help === 'shortcuts' && <ShortcutsDialog onClose={() => setHelp(null)} />}
    </>
  );
  return { run, menuBar, dialogs };
}

/**
 * Which files the renderer may reach: only paths the user chose. A path is granted when it came from a native
 * open dialog, a file dropped on the window (its path read by the preload from the real File), the project opened
 * at start, a recent project, or the bundled demo data; a path inside a granted folder is granted too. A call that
 * names any other path (typed into a field, or sent by a compromised page) runs only after the user allows it in a
 * native message box. No electron import: the asking is passed in.
 */
import { isAbsolute, resolve } from 'node:path';
import { isInside } from '../src/api/browse';
import type { ApiMethod } from '../src/api/contract';

/** Where a call carries a path: its argument (counted from 0), a list of paths there, or a field of an object there. */
export interface PathArgument {
  index: number;
  list?: boolean;
  field?: string;
}

/**
 * Every KieloApi call with the arguments that are paths on this machine ([] for none). A call not listed here is
 * refused (fail closed) and tests/electron/path-grants.test.ts names it: add a line when adding a call.
 */
export const PATH_ARGUMENTS: Readonly<Record<string, readonly PathArgument[]>> = {
  openProject: [{ index: 0 }],
  createProject: [{ index: 0 }],
  addFiles: [{ index: 0, list: true }],
  startTraining: [{ index: 0, field: 'dataset' }],
  evaluate: [{ index: 1 }],
  compareModels: [{ index: 1 }],
  listDirectory: [{ index: 0 }],
  latentMap: [{ index: 0, field: 'folder' }],
  latentAudio: [{ index: 0, field: 'file' }, { index: 0, field: 'to' }],
  resynthesize: [{ index: 0, field: 'file' }],
  generate: [{ index: 0, field: 'melFrom' }],
  // ids, model ids, settings and bytes only
  ...Object.fromEntries(
    ['engine', 'project', 'recentProjects', 'listFiles', 'uploadFiles', 'removeFile', 'setLabel', 'waveform', 'spectrogram', 'audio', 'models', 'datasets',
      'classify', 'classifyFiles', 'resumeTraining', 'cancelJob', 'runs', 'run', 'filters', 'transcribe', 'generated', 'generatedAudio'].map((m) => [m, []]),
  ),
};

/** The paths among a call's (validated) arguments; throws for a call PATH_ARGUMENTS does not list. */
export function pathsOf(method: ApiMethod, args: unknown[]): string[] {
  const spec = PATH_ARGUMENTS[method];
  if (!spec) throw new Error(`${method}: refused: this call is not listed in electron/path-grants.ts PATH_ARGUMENTS`);
  return spec.flatMap(({ index, list, field }) => {
    const value = field ? (args[index] as Record<string, unknown> | undefined)?.[field] : args[index];
    const values = list ? (value as unknown[]) : [value];
    // an omitted optional path (undefined or null) means the service's default: the project or the demo data
    return values.filter((path): path is string => typeof path === 'string');
  });
}

/** Asks the user whether the app may use these paths; true when allowed. */
export type AskUser = (method: ApiMethod, paths: string[]) => Promise<boolean>;

/** The set of paths the user chose. */
export class PathGrants {
  private readonly granted = new Set<string>();

  /** Grants `path` (and everything inside it); a relative or empty path grants nothing. */
  grant(path: string): void {
    if (path && isAbsolute(path)) this.granted.add(resolve(path));
  }

  /** True when `path` is absolute and inside a granted path ('..' resolved first). */
  allows(path: string): boolean {
    if (!path || !isAbsolute(path)) return false;
    const full = resolve(path);
    return [...this.granted].some((root) => isInside(full, root));
  }

  /**
   * Lets the call through when every path it names is granted; otherwise asks the user once for the paths not
   * granted, grants them when allowed, and throws naming the call and the path when not.
   */
  async authorize(method: ApiMethod, args: unknown[], ask: AskUser): Promise<void> {
    const missing = pathsOf(method, args).filter((path) => !this.allows(path));
    if (missing.length === 0) return;
    const relative = missing.find((path) => !isAbsolute(path));
    if (relative !== undefined) throw new Error(`${method}: '${relative}' is not an absolute path`);
    if (!(await ask(method, missing))) throw new Error(`${method}: ${missing[0]} was not chosen by the user, and access was refused`);
    for (const path of missing) this.grant(path);
  }
}

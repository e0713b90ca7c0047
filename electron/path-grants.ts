/**
 * Which files the renderer may reach: only paths the user chose. A path is granted when it came from a native
 * open dialog, a file dropped on the window (its path read by the preload from the real File), the project opened
 * at start, a recent project, or the bundled demo data; a path inside a granted folder is granted too. A call that
 * names any other path (typed into a field, or sent by a compromised page) runs only after the user allows it in a
 * native message box. No electron import: the asking is passed in.
 */
import { isAbsolute, resolve } from 'node:path';
import { isInside } from '../src/api/browse';
import type { ApiMethod, TrainSettings } from '../src/api/contract';

/** The paths among a call's (validated) arguments; [] for calls that take none. */
export function pathsOf(method: ApiMethod, args: unknown[]): string[] {
  switch (method) {
    case 'openProject':
    case 'createProject':
      return [args[0] as string];
    case 'addFiles':
      return args[0] as string[];
    case 'startTraining':
      return [(args[0] as TrainSettings).dataset];
    case 'evaluate':
    case 'listDirectory': {
      const path = method === 'evaluate' ? args[1] : args[0];
      return typeof path === 'string' ? [path] : [];
    }
    default:
      return [];
  }
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

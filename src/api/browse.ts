/**
 * Lists one folder for browser mode's in-page file browser (Electron uses the native dialog instead). Confined to
 * the folders a user of this project works in: the home folder, the project, the folder holding the project (its
 * sibling projects and data) and the bundled demo data. Links are resolved first, so one pointing out is refused.
 */
import { readdir, realpath, stat } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join, relative, isAbsolute, resolve } from 'node:path';
import { hasAudioExtension } from '../audio';
import { UsageError } from '../util/errors';
import type { DirectoryListing, FolderEntry } from './contract';

/** Most entries listed in one folder (a larger folder lists the first ones, sorted, and says so). */
export const MAX_ENTRIES = 2000;

/** True when `path` is `root` or inside it (both absolute and resolved). */
export function isInside(path: string, root: string): boolean {
  const rel = relative(root, path);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel));
}

/** The folders browsing may reach for a project in `projectDir`, links resolved; missing ones left out; never a filesystem root. */
export async function browseRoots(projectDir: string, extra: string[] = []): Promise<string[]> {
  const holder = dirname(projectDir);
  // the folder holding the project, unless that is a filesystem root (a project at /data must not open all of /)
  const wanted = [homedir(), projectDir, ...(dirname(holder) === holder ? [] : [holder]), ...extra];
  const found = await Promise.all(wanted.map((dir) => realpath(dir).catch(() => null)));
  // a filesystem root is never a browsing root (HOME=/ in some containers)
  return [...new Set(found.filter((dir): dir is string => dir !== null && dirname(dir) !== dir))];
}

/**
 * The folders and files in `dir` (folders first, then by name), with its parent when that is still within `roots`.
 * Hidden entries (names starting with '.') only when `hidden`. UsageError naming the folder when it is missing,
 * not a folder, or outside every root.
 */
export async function listDirectory(dir: string, roots: string[], options: { hidden?: boolean } = {}): Promise<DirectoryListing> {
  if (!isAbsolute(dir)) throw new UsageError(`${dir}: give an absolute folder path`);
  const real = await realpath(resolve(dir)).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${dir}: ${error.code === 'ENOENT' ? 'no such folder' : `cannot be read (${error.code ?? error.message})`}`);
  });
  if (!roots.some((root) => isInside(real, root))) {
    throw new UsageError(`${dir}: outside the folders Kielo may browse (${roots.join(', ')})`);
  }
  if (!(await stat(real)).isDirectory()) throw new UsageError(`${dir}: not a folder`);
  const dirents = await readdir(real, { withFileTypes: true }).catch((error: NodeJS.ErrnoException) => {
    throw new UsageError(`${dir}: cannot be read (${error.code ?? error.message})`);
  });
  const entries: FolderEntry[] = [];
  for (const dirent of dirents) {
    if (!options.hidden && dirent.name.startsWith('.')) continue;
    const path = join(real, dirent.name);
    // a link counts as what it points to; a broken one, or one leading out of the roots, is left out
    const target = dirent.isSymbolicLink() ? await realpath(path).catch(() => null) : path;
    if (!target || !roots.some((root) => isInside(target, root))) continue;
    const info = dirent.isSymbolicLink() ? await stat(target).catch(() => null) : dirent;
    if (!info) continue;
    if (info.isDirectory()) {
      const project = await stat(join(target, 'kielo-project.json')).then(() => true, () => false);
      entries.push({ name: dirent.name, path, kind: 'folder', project, audio: false });
    } else if (info.isFile()) entries.push({ name: dirent.name, path, kind: 'file', project: false, audio: hasAudioExtension(dirent.name) });
  }
  entries.sort((a, b) => (a.kind === b.kind ? a.name.localeCompare(b.name) : a.kind === 'folder' ? -1 : 1));
  const parent = dirname(real);
  return {
    dir: real,
    parent: parent !== real && roots.some((root) => isInside(parent, root)) ? parent : null,
    entries: entries.slice(0, MAX_ENTRIES),
    truncated: entries.length > MAX_ENTRIES,
    roots,
  };
}

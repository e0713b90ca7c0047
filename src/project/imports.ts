/** The project's copies of dropped files (imports/): where a copy goes, and deleting copies without leaving folders behind. */
import { lstat, realpath, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, extname, join, relative, sep } from 'node:path';
import { UsageError } from '../util/errors';
import { projectPaths } from './layout';

/** Characters kept in the parts of a dropped path (letters and digits of any script, space, . _ - ( )). */
const UNSAFE = /[^\p{L}\p{N} ._()-]+/gu;

/**
 * The parts of a dropped relative path ("data/fi/fi001-max.flac", Windows separators too) that are safe to use as
 * folders and a file name under imports/: no empty, '.', '..' or hidden parts, unsafe characters replaced by '_'.
 */
export function safeRelativePath(dropped: string): string[] {
  const parts = dropped.split(/[\\/]+/).map((p) => p.replace(UNSAFE, '_').replace(/^[.\s]+/, '').trim()).filter(Boolean);
  return parts.length ? parts : ['upload'];
}

/**
 * A free path for a copy of `parts` under imports/: the same name, or "name (2).ext" when that is taken (by anything,
 * a dangling symbolic link too). UsageError when a folder on the way is a symbolic link that leads out of imports/.
 */
export async function importPath(projectDir: string, parts: string[]): Promise<string> {
  const imports = projectPaths(projectDir).imports;
  const wanted = join(imports, ...parts);
  const [root, target] = await Promise.all([resolvedPath(imports), resolvedPath(dirname(wanted))]);
  if (target !== root && !isInside(root, target)) throw new UsageError(`${parts.join('/')}: the project's imports/ folder leads out of the project there (a symbolic link to ${target})`);
  const ext = extname(wanted);
  const stem = wanted.slice(0, wanted.length - ext.length);
  for (let n = 1; ; n++) {
    const path = n === 1 ? wanted : `${stem} (${n})${ext}`;
    if (!(await lstat(path).catch(() => null))) return path;
  }
}

/** `path` with the symbolic links of its existing part resolved (the part that does not exist yet appended as it is). */
async function resolvedPath(path: string): Promise<string> {
  const rest: string[] = [];
  for (let head = path; ; head = dirname(head)) {
    const real = await realpath(head).catch(() => null);
    if (real !== null) return join(real, ...rest.reverse());
    if (dirname(head) === head) return path;
    rest.push(basename(head));
  }
}

/** Deletes the project's copies among `paths` (only files under imports/) and the folders under imports/ left empty. */
export async function deleteImported(projectDir: string, paths: (string | null)[]): Promise<void> {
  const imports = projectPaths(projectDir).imports;
  for (const path of paths) {
    if (!path || !isInside(imports, path)) continue;
    await rm(path, { force: true });
    for (let dir = dirname(path); isInside(imports, dir); dir = dirname(dir)) {
      if (!(await rmdir(dir).then(() => true, () => false))) break;
    }
  }
}

/** Whether `path` lies strictly inside `dir`. */
function isInside(dir: string, path: string): boolean {
  const rel = relative(dir, path);
  return rel !== '' && !rel.startsWith('..') && !rel.startsWith(sep) && !/^[a-zA-Z]:/.test(rel);
}

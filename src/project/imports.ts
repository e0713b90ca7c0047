/** The project's copies of dropped files (imports/): where a copy goes, and deleting copies without leaving folders behind. */
import { rm, rmdir, stat } from 'node:fs/promises';
import { dirname, extname, join, relative, sep } from 'node:path';
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

/** A free path for a copy of `parts` under imports/: the same name, or "name (2).ext" when that is taken. */
export async function importPath(projectDir: string, parts: string[]): Promise<string> {
  const wanted = join(projectPaths(projectDir).imports, ...parts);
  const ext = extname(wanted);
  const stem = wanted.slice(0, wanted.length - ext.length);
  for (let n = 1; ; n++) {
    const path = n === 1 ? wanted : `${stem} (${n})${ext}`;
    if (!(await stat(path).catch(() => null))) return path;
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

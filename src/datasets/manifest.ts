/**
 * DIR/manifest.tsv beside a labelled set: tab-separated, a header line naming the columns, one row per file. The
 * `file` column (the path relative to DIR, '/'-separated) is required; the others (label, split, speaker, source,
 * voice...) are read by name where a feature needs them.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { InputFileError } from '../util/errors';

/** The manifest beside a labelled set (the demo corpus has one). */
export const MANIFEST_FILE = 'manifest.tsv';

/** A read manifest: its columns, and each row's cells by column name, keyed by the row's file. */
export interface Manifest {
  path: string;
  columns: string[];
  rows: Map<string, Record<string, string>>;
}

/**
 * Reads DIR/manifest.tsv; null when there is none or it has no `file` column. Missing trailing cells read as '',
 * except in the `required` columns the manifest has: a row too short for one is an InputFileError.
 */
export async function readManifest(dir: string, required: readonly string[] = []): Promise<Manifest | null> {
  const path = join(dir, MANIFEST_FILE);
  if (!existsSync(path)) return null;
  const lines = (await readFile(path, 'utf8')).split('\n').map((l) => l.replace(/\r$/, '')).filter((l) => l.trim());
  const columns = lines[0]?.split('\t') ?? [];
  const fileCol = columns.indexOf('file');
  if (fileCol < 0) return null;
  const minCells = Math.max(fileCol, ...required.map((c) => columns.indexOf(c))) + 1;
  const rows = new Map<string, Record<string, string>>();
  lines.slice(1).forEach((line, i) => {
    const cells = line.split('\t');
    if (cells.length < minCells) throw new InputFileError(path, `line ${i + 2} has ${cells.length} columns, the header ${columns.length}`);
    rows.set(cells[fileCol], Object.fromEntries(columns.map((c, k) => [c, cells[k] ?? ''])));
  });
  return { path, columns, rows };
}

/** A file's key in its set's manifest: its path relative to DIR with '/' separators. */
export function manifestKey(dir: string, file: string): string {
  return relative(resolve(dir), resolve(file)).split('\\').join('/');
}

/** The paths (under `dir`, the manifest's folder) of the manifest's rows whose `split` column is `split`, in row order. */
export function splitFiles(manifest: Manifest, dir: string, split: string): string[] {
  return [...manifest.rows.values()].filter((row) => row.split === split).map((row) => join(dir, row.file));
}

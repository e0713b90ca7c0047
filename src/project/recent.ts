/** Recently opened projects, kept in KIELO_HOME (default ~/.config/kielo)/recent.json as {version, projects}. */
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import * as v from 'valibot';
import { readJsonFile } from '../util/json-file';
import { backupPath, parseStored, writeStoredJson, type StoredFormat } from './stored-json';

/** How many recent projects are remembered. */
export const MAX_RECENT = 10;

/** The recent list's format version; version 0 was a bare array of folders. */
const RECENT_VERSION = 1;

const RECENT_FORMAT: StoredFormat<{ version: number; projects: string[] }> = {
  what: 'recent project list',
  version: RECENT_VERSION,
  unversioned: 0,
  schema: v.object({ version: v.literal(RECENT_VERSION), projects: v.array(v.string()) }),
  migrate: (r) => r,
};

/** Kielo's per-user folder: $KIELO_HOME or ~/.config/kielo. */
export function kieloHome(): string {
  return process.env.KIELO_HOME || join(homedir(), '.config', 'kielo');
}

/** The list in `path` (a bare array is version 0); null when missing or damaged. */
async function readList(path: string): Promise<string[] | null> {
  try {
    const raw = await readJsonFile(path);
    return parseStored(Array.isArray(raw) ? { projects: raw } : raw, path, RECENT_FORMAT).value.projects;
  } catch {
    return null;
  }
}

/** Recent project folders, newest first; a damaged list reads as its last good copy, or as empty without one. */
export async function readRecent(): Promise<string[]> {
  const path = join(kieloHome(), 'recent.json');
  return (await readList(path)) ?? (await readList(backupPath(path))) ?? [];
}

/** Moves `dir` to the front of the recent list. */
export async function rememberProject(dir: string): Promise<void> {
  const path = join(kieloHome(), 'recent.json');
  const intact = (await readList(path)) !== null;
  const list = [dir, ...(await readRecent()).filter((d) => d !== dir)].slice(0, MAX_RECENT);
  await mkdir(kieloHome(), { recursive: true });
  await writeStoredJson(path, { version: RECENT_VERSION, projects: list }, { keepBackup: intact }); // a damaged list is no good copy
}

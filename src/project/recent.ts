/** Recently opened projects, kept in KIELO_HOME (default ~/.config/kielo)/recent.json. */
import { mkdir } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { writeJsonAtomic } from '../util/atomic-file';
import { readJsonFile as readJson } from '../util/json-file';

/** How many recent projects are remembered. */
export const MAX_RECENT = 10;

/** Kielo's per-user folder: $KIELO_HOME or ~/.config/kielo. */
export function kieloHome(): string {
  return process.env.KIELO_HOME || join(homedir(), '.config', 'kielo');
}

/** Recent project folders, newest first (an unreadable list reads as empty). */
export async function readRecent(): Promise<string[]> {
  const raw = await readJson(join(kieloHome(), 'recent.json')).catch(() => []);
  return Array.isArray(raw) ? raw.filter((d): d is string => typeof d === 'string') : [];
}

/** Moves `dir` to the front of the recent list. */
export async function rememberProject(dir: string): Promise<void> {
  const list = [dir, ...(await readRecent()).filter((d) => d !== dir)].slice(0, MAX_RECENT);
  await mkdir(kieloHome(), { recursive: true });
  await writeJsonAtomic(join(kieloHome(), 'recent.json'), list);
}

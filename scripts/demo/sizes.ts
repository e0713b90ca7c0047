// Byte counts of the corpus folders (the size budget is checked on these).
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';

/** Sum of the sizes of all regular files under `dir` (0 when it does not exist). */
export async function dirBytes(dir: string): Promise<number> {
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true, recursive: true });
  } catch {
    return 0;
  }
  let total = 0;
  for (const entry of entries) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

/** The folders of assets/demo that this build writes (models/ belongs to the trainers). */
export const DATA_DIRS = ['lid', 'asr', 'wavenet'] as const;

/** Atomic file writes: a reader sees the old file or the new one, never a half-written one, and a failed write leaves no debris. */
import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What writeFileAtomic writes: text (UTF-8), bytes, or byte chunks in order. */
export type FileContent = string | Uint8Array | Uint8Array[];

/** Writes `data` to `path` through a temporary file in the same folder and a rename; `createFolder` makes the folder first. */
export async function writeFileAtomic(path: string, data: FileContent, { createFolder = false } = {}): Promise<void> {
  if (createFolder) await mkdir(dirname(path), { recursive: true });
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes a value as pretty JSON, atomically. */
export async function writeJsonAtomic(path: string, value: unknown, options: { createFolder?: boolean } = {}): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, options);
}

/**
 * Atomic, durable file writes: a reader sees the old file or the new one, never a half-written one; a failed write
 * leaves no debris; and a power cut after the write returns cannot leave an empty file, because the data is flushed
 * to disk (fsync) before the rename and the rename itself is flushed with the folder (where the platform allows).
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** What writeFileAtomic writes: text (UTF-8), bytes, or byte chunks in order. */
export type FileContent = string | Uint8Array | Uint8Array[];

/**
 * Test hook: a write whose file name matches this regular expression stops for good once its temporary file is
 * complete and flushed, just before the rename, after saying so on stderr, so a test can kill the process there.
 */
export const PAUSE_BEFORE_RENAME_ENV = 'KIELO_TEST_PAUSE_BEFORE_RENAME';

/** What stderr says when a write pauses for PAUSE_BEFORE_RENAME_ENV: this prefix, then the target path. */
export const PAUSED_BEFORE_RENAME = 'kielo-test: paused before rename of ';

/** Writes `data` to `path` through a flushed temporary file in the same folder and a rename; `createFolder` makes the folder first. */
export async function writeFileAtomic(path: string, data: FileContent, { createFolder = false } = {}): Promise<void> {
  const folder = dirname(path);
  if (createFolder) await mkdir(folder, { recursive: true });
  const temp = join(folder, `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`); // see isTempFileOf
  try {
    const handle = await open(temp, 'w');
    try {
      // each writeFile continues where the previous one ended
      for (const chunk of Array.isArray(data) ? data : [data]) await handle.writeFile(chunk);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await pauseForTest(path);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  await syncFolder(folder);
}

/** Whether `name` is a temporary file of writeFileAtomic for a file called `target` (left behind by a killed process). */
export function isTempFileOf(name: string, target: RegExp): boolean {
  const match = /^\.(.+)\.\d+\.[0-9a-f]{8}\.tmp$/.exec(name);
  return match !== null && target.test(match[1]);
}

/** Writes a value as pretty JSON, atomically. */
export async function writeJsonAtomic(path: string, value: unknown, options: { createFolder?: boolean } = {}): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`, options);
}

/**
 * Flushes a folder's entries (a rename is durable only once its folder is). Windows cannot open a folder for fsync,
 * and some file systems refuse it (EINVAL, ENOTSUP): there the rename is as durable as the platform makes it.
 */
export async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(folder, 'r');
  try {
    await handle.sync();
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code !== 'EINVAL' && code !== 'ENOTSUP' && code !== 'EPERM') throw error;
  } finally {
    await handle.close();
  }
}

async function pauseForTest(path: string): Promise<void> {
  const pattern = process.env[PAUSE_BEFORE_RENAME_ENV];
  if (!pattern || !new RegExp(pattern).test(basename(path))) return;
  process.stderr.write(`${PAUSED_BEFORE_RENAME}${path}\n`);
  await new Promise(() => setInterval(() => {}, 60_000)); // a live timer: the process waits until the test kills it
}

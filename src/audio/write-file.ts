/** Atomic file writes: a reader never sees a half-written output, and a failed write leaves no debris. */
import { randomBytes } from 'node:crypto';
import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** Writes `chunks` to `path` through a temporary file in the same directory and a rename. */
export async function writeFileAtomic(path: string, chunks: Uint8Array[]): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await writeFile(temp, chunks);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

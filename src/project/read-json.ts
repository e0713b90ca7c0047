/** Atomic file writes (write a temp file beside the target, then rename) and JSON reads with clear errors. */
import { readFile, rename, writeFile, rm } from 'node:fs/promises';
import { InputFileError } from '../util/errors';

let counter = 0;

/** Writes `data` to `path` so readers see either the old or the new file, never a partial one. */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = `${path}.${process.pid}.${counter++}.tmp`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

/** Writes a value as pretty JSON, atomically. */
export async function writeJsonAtomic(path: string, value: unknown): Promise<void> {
  await writeFileAtomic(path, `${JSON.stringify(value, null, 2)}\n`);
}

/** Reads and parses a JSON file; InputFileError names the file and says whether it is missing or corrupt. */
export async function readJson(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(path, code === 'ENOENT' ? 'not found' : `cannot read (${code})`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new InputFileError(path, `corrupt JSON (${(error as Error).message})`);
  }
}

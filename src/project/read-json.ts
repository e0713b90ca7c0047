/** JSON reads with clear errors (atomic writes come from util/atomic-file). */
import { readFile } from 'node:fs/promises';
import { InputFileError } from '../util/errors';

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

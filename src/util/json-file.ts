/** Reading JSON files with errors that name the file and say what is wrong (writes: util/atomic-file). */
import { readFile } from 'node:fs/promises';
import { InputFileError, messageOf } from './errors';

/** Parses `text` read from `path`; bad JSON becomes InputFileError "corrupt JSON: ..." naming the file. */
export function parseJsonText(path: string, text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new InputFileError(path, `corrupt JSON: ${messageOf(error)}`);
  }
}

/** How to report a missing file. */
export interface ReadJsonOptions {
  /** The reason given for a missing file (default 'not found'). */
  missing?: string;
}

/**
 * Reads and parses a JSON file. A missing file is InputFileError(path, options.missing ?? 'not found'), an
 * unreadable one "cannot read: ...", bad JSON "corrupt JSON: ...".
 */
export async function readJsonFile(path: string, options: ReadJsonOptions = {}): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new InputFileError(path, options.missing ?? 'not found');
    throw new InputFileError(path, `cannot read: ${messageOf(error)}`);
  }
  return parseJsonText(path, text);
}

/** Word lists for constrained decoding: a text file of whitespace-separated words (e.g. the demo's digits.txt). */
import { readFile } from 'node:fs/promises';
import { InputFileError, messageOf } from '../../util/errors';

/** The words of a list file, lower-cased; InputFileError naming the file when it cannot be read. */
export async function readWordList(file: string): Promise<string[]> {
  try {
    return (await readFile(file, 'utf8')).split(/\s+/).map((w) => w.toLowerCase()).filter(Boolean);
  } catch (error) {
    throw new InputFileError(file, messageOf(error));
  }
}

// Sentence lists and transcript text.
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import path from 'node:path';

/** Folder of the sentence lists written for the project (scripts/demo/text). */
export const TEXT_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), 'text');

/** Non-empty, trimmed lines of a list under TEXT_DIR, skipping '#' comments; throws on duplicates. */
export async function readLines(name: string): Promise<string[]> {
  const file = path.join(TEXT_DIR, name);
  const lines = (await readFile(file, 'utf8')).split('\n').map((line) => line.trim())
    .filter((line) => line.length > 0 && !line.startsWith('#'));
  const seen = new Set<string>();
  for (const line of lines) {
    if (seen.has(line)) throw new Error(`${file}: duplicate line ${JSON.stringify(line)}`);
    seen.add(line);
  }
  return lines;
}

/** English words for the digits 0-9, as the ASR transcripts spell them. */
export const DIGIT_WORDS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'] as const;

/** "314" -> "three one four". */
export function digitsToWords(digits: string): string {
  return [...digits].map((d) => {
    const word = DIGIT_WORDS[Number(d)];
    if (!/^[0-9]$/.test(d) || word === undefined) throw new Error(`digitsToWords: '${d}' is not a digit`);
    return word;
  }).join(' ');
}

/** The ASR transcript alphabet: lowercase letters, apostrophe, single spaces between words. */
export const ASR_TRANSCRIPT = /^[a-z']+( [a-z']+)*$/;

/** sclite "trn" transcripts: one utterance per line, `words ... (utterance-id)`. */
import { InputFileError } from '../util/errors';

/** One transcript line. */
export interface TrnUtterance {
  id: string;
  words: string[];
}

/** Parses trn text; `file` names the source in errors ("file: line N: reason"). Blank lines are skipped. */
export function parseTrn(text: string, file: string): TrnUtterance[] {
  const utterances: TrnUtterance[] = [];
  const seen = new Set<string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (!line.trim()) return;
    const match = /^(.*)\(([^()]*)\)\s*$/.exec(line);
    if (!match) throw new InputFileError(file, `line ${i + 1}: no utterance id: expected 'words (id)'`);
    const id = match[2].trim();
    if (!id) throw new InputFileError(file, `line ${i + 1}: empty utterance id`);
    if (seen.has(id)) throw new InputFileError(file, `line ${i + 1}: utterance id '${id}' appears twice`);
    seen.add(id);
    utterances.push({ id, words: match[1].split(/\s+/).filter(Boolean) });
  });
  return utterances;
}

/** Formats utterances as trn text (one line each, newline-terminated). */
export function formatTrn(utterances: readonly TrnUtterance[]): string {
  return utterances.map((u) => `${u.words.join(' ')}${u.words.length ? ' ' : ''}(${u.id})\n`).join('');
}

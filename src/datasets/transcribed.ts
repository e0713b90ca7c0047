/**
 * Transcribed speech sets: DIR/transcripts.tsv (path TAB text, paths relative to DIR, an optional header row
 * "path<TAB>text"), or else every audio file under DIR with a same-named .txt beside it. When DIR/manifest.tsv
 * has `file` and `split` columns (the demo set), rows with split "test" are marked held out.
 */
import { readFile } from 'node:fs/promises';
import { basename, extname, join, relative, resolve } from 'node:path';
import { listAudioFiles } from '../audio';
import { InputFileError, messageOf } from '../util/errors';

/** One utterance of a transcribed set. */
export interface TranscribedItem {
  /** Path of the audio file. */
  file: string;
  /** Utterance id: the file name without extension. */
  id: string;
  /** The transcript as written. */
  rawText: string;
  /** The transcript after `normalize` (identity when none was given). */
  text: string;
  /** True when DIR/manifest.tsv puts the file in the "test" split. */
  heldOut: boolean;
}

/** A listed set and the entries that could not be used (each with a reason). */
export interface TranscribedSet {
  items: TranscribedItem[];
  bad: { file: string; reason: string }[];
}

async function readOptional(file: string): Promise<string | null> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw new InputFileError(file, messageOf(error));
  }
}

/** Paths (relative to `dir`) that DIR/manifest.tsv puts in the test split. */
async function heldOutFiles(dir: string): Promise<Set<string>> {
  const text = await readOptional(join(dir, 'manifest.tsv'));
  if (!text) return new Set();
  const [header, ...rows] = text.split(/\r?\n/).filter(Boolean);
  const columns = header.split('\t');
  const fileCol = columns.indexOf('file'), splitCol = columns.indexOf('split');
  if (fileCol < 0 || splitCol < 0) return new Set();
  return new Set(rows.map((r) => r.split('\t')).filter((f) => f[splitCol] === 'test').map((f) => resolve(dir, f[fileCol])));
}

const idOf = (file: string) => basename(file, extname(file));

/**
 * Lists a transcribed set under `dir`. Entries without a transcript, with an empty one after normalisation, or
 * with a bad tsv line are returned in `bad`; a missing or empty `dir` throws.
 */
export async function listTranscribed(dir: string, normalize: (text: string) => string = (t) => t): Promise<TranscribedSet> {
  const heldOut = await heldOutFiles(dir);
  const items: TranscribedItem[] = [];
  const bad: TranscribedSet['bad'] = [];
  const add = (file: string, rawText: string) => {
    const text = normalize(rawText.trim());
    if (!text) bad.push({ file, reason: 'empty transcript' });
    else items.push({ file, id: idOf(file), rawText: rawText.trim(), text, heldOut: heldOut.has(resolve(file)) });
  };
  const tsvFile = join(dir, 'transcripts.tsv');
  const tsv = await readOptional(tsvFile);
  if (tsv !== null) {
    tsv.split(/\r?\n/).forEach((line, i) => {
      if (!line.trim() || (i === 0 && /^path\ttext$/i.test(line.trim()))) return;
      const tab = line.indexOf('\t');
      if (tab < 0) bad.push({ file: tsvFile, reason: `line ${i + 1}: expected 'path<TAB>text'` });
      else add(join(dir, line.slice(0, tab)), line.slice(tab + 1));
    });
  } else {
    for (const file of await listAudioFiles([dir])) {
      const transcript = await readOptional(file.slice(0, -extname(file).length) + '.txt');
      if (transcript === null) bad.push({ file, reason: `no transcript ${relative(dir, file.slice(0, -extname(file).length))}.txt beside it` });
      else add(file, transcript);
    }
  }
  if (items.length === 0) throw new InputFileError(dir, `no transcribed audio (expected transcripts.tsv or *.wav/*.flac with .txt beside)${bad.length ? `; first problem: ${bad[0].file}: ${bad[0].reason}` : ''}`);
  return { items, bad };
}

/** ASR for the studio: transcribe a file off-thread (beam, word list), take its reference (typed or its transcript), align and score (sclite semantics). */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { UsageError } from '../util/errors';
import { alignTokens, countErrors, errorRate } from '../metrics/align';
import { ASR_CHARACTERS } from '../models/asr/alphabet';
import type { ModelInfo, TranscriptResult } from './contract';
import { quietContext, type TaskRunner } from './tasks';

/** Class names of the CTC output: blank, then the ASR alphabet (space shown as '␣'). */
export const CTC_CLASSES = ['blank', ...[...ASR_CHARACTERS].map((c) => (c === ' ' ? '␣' : c))];

/** Lower case, single spaces: how references and hypotheses are compared. */
export function normaliseText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A transcript file (by default the same-named .txt beside `path`), normalised; null when absent. */
export async function readReference(path: string, transcript?: string | null): Promise<string | null> {
  const file = transcript ?? `${path.slice(0, path.length - extname(path).length)}.txt`;
  const text = await readFile(file, 'utf8').catch(() => null);
  return text === null ? null : normaliseText(text);
}

/** Word alignment and error rates of `text` against `reference` (CER over characters without spaces). */
export function scoreTranscript(text: string, reference: string | null): Pick<TranscriptResult, 'alignment' | 'wer' | 'cer'> {
  if (reference === null) return { alignment: [], wer: null, cer: null };
  const words = (s: string) => s.split(' ').filter(Boolean);
  const alignment = alignTokens(words(reference), words(text));
  const chars = (s: string) => [...s.replace(/ /g, '')];
  const wer = errorRate(countErrors(alignment));
  const cer = errorRate(countErrors(alignTokens(chars(reference), chars(text))));
  return { alignment, wer, cer };
}

/** How to decode and what to score against (the service resolves the word list's words and the file's transcript). */
export interface TranscribeJob {
  beamWidth: number;
  wordList: { name: string; words: string[] } | null;
  /** A typed reference; blank or absent: the paired transcript. */
  reference?: string;
  /** The file's paired transcript (else the .txt beside it is looked for). */
  transcript: string | null;
}

/** Transcribes one file with `model` (the transcribe task, with its posteriorgram) and scores it against its reference. */
export async function transcribeAndScore(runner: TaskRunner, model: ModelInfo, path: string, job: TranscribeJob): Promise<TranscriptResult> {
  let skipped: string | null = null;
  const words = job.wordList?.words;
  const [item] = await runner('transcribe', { model: model.dir, files: [path], posteriorgram: true, beamWidth: job.beamWidth, ...(words ? { words } : {}) }, {
    ...quietContext(),
    onEvent: (event) => {
      if (event.type === 'skipped') skipped = event.reason;
    },
  });
  if (!item) throw new UsageError(`${path}: ${skipped ?? 'the recogniser returned no transcript'}`);
  const typed = normaliseText(job.reference ?? '');
  const reference = typed || (await readReference(path, job.transcript));
  const referenceFrom = typed ? 'typed' : reference === null ? null : 'transcript';
  const pg = item.posteriorgram;
  const posteriorgram = pg ? { frames: pg.frames, classes: CTC_CLASSES.slice(0, pg.classes), frameSeconds: pg.frameSeconds, logProbs: pg.logProbs } : null;
  return {
    file: path, model: model.id, text: item.text, reference, referenceFrom, beamWidth: job.beamWidth, wordList: job.wordList?.name ?? null,
    ...scoreTranscript(item.text, reference), posteriorgram,
  };
}

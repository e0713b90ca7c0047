/** ASR for the Results view: transcribe a file off-thread, read its reference .txt, align and score (sclite semantics). */
import { readFile } from 'node:fs/promises';
import { extname } from 'node:path';
import { UsageError } from '../util/errors';
import { alignTokens, countErrors, errorRate } from '../metrics/align';
import { ASR_CHARACTERS } from '../models/asr/alphabet';
import type { ModelInfo, TranscriptResult } from './contract';
import { quietContext, type TaskRunner } from './tasks';

/** Class names of the CTC output: blank, then the ASR alphabet (space shown as '␣'). */
export const CTC_CLASSES = ['blank', ...[...ASR_CHARACTERS].map((c) => (c === ' ' ? '␣' : c))];

/** The reference transcript beside `path` (same name, .txt), normalised to lower case and single spaces; null when absent. */
export async function readReference(path: string): Promise<string | null> {
  const text = await readFile(`${path.slice(0, path.length - extname(path).length)}.txt`, 'utf8').catch(() => null);
  return text === null ? null : text.toLowerCase().replace(/\s+/g, ' ').trim();
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

/** Transcribes one file with `model` (the transcribe task, with its posteriorgram) and scores it. */
export async function transcribeAndScore(runner: TaskRunner, model: ModelInfo, path: string): Promise<TranscriptResult> {
  let skipped: string | null = null;
  const [item] = await runner('transcribe', { model: model.dir, files: [path], posteriorgram: true }, {
    ...quietContext(),
    onEvent: (event) => {
      if (event.type === 'skipped') skipped = event.reason;
    },
  });
  if (!item) throw new UsageError(`${path}: ${skipped ?? 'the recogniser returned no transcript'}`);
  const reference = await readReference(path);
  const pg = item.posteriorgram;
  const posteriorgram = pg ? { frames: pg.frames, classes: CTC_CLASSES.slice(0, pg.classes), frameSeconds: pg.frameSeconds, logProbs: pg.logProbs } : null;
  return { file: path, model: model.id, text: item.text, reference, ...scoreTranscript(item.text, reference), posteriorgram };
}

/** `kielo wer`: word (and character) error rate of trn transcripts, scored as sclite scores them. */
import { readFile } from 'node:fs/promises';
import type { CliCommand } from '../command';
import { flagOption, required, stringOption } from '../options';
import { InputFileError } from '../../util/errors';
import { parseTrn, type TrnUtterance } from '../../metrics/trn';
import { formatPralign, formatSummary, scoreTranscripts, type ScoreReport } from '../../metrics/wer';

/** The JSON result of `kielo wer`. */
export interface WerResult {
  /** Word error rate, a fraction (0.05 = 5%). */
  wer: number;
  /** Reference words. */
  ref: number;
  correct: number;
  substitutions: number;
  deletions: number;
  insertions: number;
  sentences: number;
  sentenceErrors: number;
  /** With --cer: the same on characters (spaces ignored, as sclite -c). */
  cer?: { cer: number; ref: number; substitutions: number; deletions: number; insertions: number };
}

async function readTrn(file: string): Promise<TrnUtterance[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputFileError(file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot read: ${(error as Error).message}`);
  }
  return parseTrn(text, file);
}

function humanReport(words: ScoreReport, chars: ScoreReport | null, title: string): string {
  const lines = [formatPralign(words), formatSummary(words, title)];
  lines.push(`WER ${(100 * words.errorRate).toFixed(2)}% (${words.substitutions} sub, ${words.deletions} del, ${words.insertions} ins of ${words.ref} words)`);
  if (chars) lines.push(formatSummary(chars, `${title} (characters)`), `CER ${(100 * chars.errorRate).toFixed(2)}% (${chars.substitutions} sub, ${chars.deletions} del, ${chars.insertions} ins of ${chars.ref} characters)`);
  return lines.join('\n') + '\n';
}

export const command: CliCommand = {
  name: 'wer',
  usage: '--ref REF.trn --hyp HYP.trn [--cer] [--json]',
  help: [
    'Aligns each hypothesis with its reference (matched by utterance id) with sclite\'s costs and tie-breaking',
    '(correct 0, insertion 3, deletion 3, substitution 4; case-insensitive) and reports the error counts.',
    'Human output: an alignment per utterance (errors in upper case, *** for gaps) and a summary by speaker.',
    '  --ref FILE   reference transcripts, one per line: words (utterance-id)',
    '  --hyp FILE   hypotheses in the same format',
    '  --cer        also score characters (spaces ignored, as sclite -c)',
  ].join('\n'),
  options: {
    ref: { type: 'string' },
    hyp: { type: 'string' },
    cer: { type: 'boolean' },
  },
  async run(ctx) {
    const { values } = ctx.args;
    const ref = required(stringOption(values, 'ref'), '--ref REF.trn');
    const hyp = required(stringOption(values, 'hyp'), '--hyp HYP.trn');
    const cer = flagOption(values, 'cer');
    const [refs, hyps] = await Promise.all([readTrn(ref), readTrn(hyp)]);
    const files = { ref, hyp };
    const words = scoreTranscripts(refs, hyps, 'word', files);
    const chars = cer ? scoreTranscripts(refs, hyps, 'char', files) : null;
    const result: WerResult = {
      wer: words.errorRate,
      ref: words.ref,
      correct: words.correct,
      substitutions: words.substitutions,
      deletions: words.deletions,
      insertions: words.insertions,
      sentences: words.sentences,
      sentenceErrors: words.sentenceErrors,
    };
    if (chars) result.cer = { cer: chars.errorRate, ref: chars.ref, substitutions: chars.substitutions, deletions: chars.deletions, insertions: chars.insertions };
    ctx.output(result, () => humanReport(words, chars, hyp));
  },
};

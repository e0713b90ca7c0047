/**
 * Word and character error rates of trn transcripts with sclite's semantics (see align.ts), an alignment report
 * like sclite's pralign and a per-speaker summary table like its `sum` report. Character mode splits every word
 * into characters and ignores spaces, as `sclite -c` does.
 */
import { InputFileError } from '../util/errors';
import { addCounts, alignTokens, countErrors, errorRate, type AlignedToken, type ErrorCounts } from './align';
import type { TrnUtterance } from './trn';

/** What is aligned: words, or the characters of the words (spaces ignored). */
export type ScoringUnit = 'word' | 'char';

/** The score of one utterance. */
export interface UtteranceScore extends ErrorCounts {
  id: string;
  /** sclite's speaker of an `-i rm` id: the part before the first '_' (or the whole id). */
  speaker: string;
  alignment: AlignedToken[];
}

/** The score of a whole transcript set. */
export interface ScoreReport extends ErrorCounts {
  unit: ScoringUnit;
  /** (S + D + I) / ref, a fraction (0.05 = 5%). */
  errorRate: number;
  sentences: number;
  /** Utterances with at least one error. */
  sentenceErrors: number;
  utterances: UtteranceScore[];
}

/** sclite's speaker of an `-i rm` utterance id. */
export function speakerOf(id: string): string {
  const cut = id.indexOf('_');
  return cut > 0 ? id.slice(0, cut) : id;
}

function tokensOf(words: readonly string[], unit: ScoringUnit): string[] {
  return unit === 'word' ? [...words] : words.flatMap((w) => [...w]);
}

/**
 * Scores hypotheses against references, matched by utterance id (in the references' order). Every id must be
 * in both sets; `files` name them in errors.
 */
export function scoreTranscripts(
  refs: readonly TrnUtterance[],
  hyps: readonly TrnUtterance[],
  unit: ScoringUnit = 'word',
  files: { ref: string; hyp: string } = { ref: 'reference', hyp: 'hypothesis' },
): ScoreReport {
  const hypById = new Map(hyps.map((h) => [h.id, h]));
  const refIds = new Set(refs.map((r) => r.id));
  const missing = refs.filter((r) => !hypById.has(r.id)).map((r) => r.id);
  if (missing.length) throw new InputFileError(files.hyp, `no hypothesis for ${missing.length} reference utterance(s): ${missing.slice(0, 5).join(', ')}`);
  const extra = hyps.filter((h) => !refIds.has(h.id)).map((h) => h.id);
  if (extra.length) throw new InputFileError(files.hyp, `${extra.length} utterance(s) not in ${files.ref}: ${extra.slice(0, 5).join(', ')}`);
  let total: ErrorCounts = { ref: 0, correct: 0, substitutions: 0, deletions: 0, insertions: 0 };
  const utterances = refs.map((r) => {
    const alignment = alignTokens(tokensOf(r.words, unit), tokensOf(hypById.get(r.id)!.words, unit));
    const counts = countErrors(alignment);
    total = addCounts(total, counts);
    return { id: r.id, speaker: speakerOf(r.id), alignment, ...counts };
  });
  const sentenceErrors = utterances.filter((u) => u.substitutions + u.deletions + u.insertions > 0).length;
  return { unit, ...total, errorRate: errorRate(total), sentences: utterances.length, sentenceErrors, utterances };
}

/** One utterance as sclite's pralign shows it: correct tokens in lower case, errors in upper case, * for gaps. */
export function formatAlignment(u: UtteranceScore): string {
  const ref: string[] = [], hyp: string[] = [], ev: string[] = [];
  for (const { op, ref: r, hyp: h } of u.alignment) {
    const width = Math.max(r?.length ?? 0, h?.length ?? 0);
    const show = (w: string | null) => (w === null ? '*'.repeat(width) : op === 'C' ? w.toLowerCase() : w.toUpperCase()).padEnd(width);
    ref.push(show(r));
    hyp.push(show(h));
    ev.push((op === 'C' ? '' : op).padEnd(width));
  }
  return [
    `id: (${u.id})`,
    `Scores: (#C #S #D #I) ${u.correct} ${u.substitutions} ${u.deletions} ${u.insertions}`,
    `REF:  ${ref.join(' ')} `,
    `HYP:  ${hyp.join(' ')} `,
    `Eval: ${ev.join(' ')} `,
  ].join('\n');
}

/** The pralign report of every utterance. */
export function formatPralign(report: ScoreReport): string {
  return report.utterances.map(formatAlignment).join('\n\n') + '\n';
}

const pct = (n: number, d: number) => (d === 0 ? 0 : (100 * n) / d).toFixed(1);

/** A per-speaker summary table (percentages of reference tokens, as sclite's `sum` report). */
export function formatSummary(report: ScoreReport, title = 'hypothesis'): string {
  const speakers = new Map<string, UtteranceScore[]>();
  for (const u of report.utterances) speakers.set(u.speaker, [...(speakers.get(u.speaker) ?? []), u]);
  const unitName = report.unit === 'word' ? '# Wrd' : '# Chr';
  const row = (name: string, utts: readonly UtteranceScore[]) => {
    let c: ErrorCounts = { ref: 0, correct: 0, substitutions: 0, deletions: 0, insertions: 0 };
    for (const u of utts) c = addCounts(c, u);
    const errs = utts.filter((u) => u.substitutions + u.deletions + u.insertions > 0).length;
    const cells = [c.correct, c.substitutions, c.deletions, c.insertions, c.substitutions + c.deletions + c.insertions].map((n) => pct(n, c.ref).padStart(6));
    return `| ${name.padEnd(8)} | ${String(utts.length).padStart(5)} ${String(c.ref).padStart(6)} | ${cells.join(' ')} ${pct(errs, utts.length).padStart(6)} |`;
  };
  const header = `| SPKR     | # Snt ${unitName.padStart(6)} |   Corr    Sub    Del    Ins    Err  S.Err |`;
  const rule = `|${'-'.repeat(header.length - 2)}|`;
  return [
    `| ${title.slice(0, header.length - 4).padEnd(header.length - 4)} |`,
    rule,
    header,
    rule,
    ...[...speakers].map(([name, utts]) => row(name, utts)),
    rule,
    row('Sum/Avg', report.utterances),
  ].join('\n') + '\n';
}

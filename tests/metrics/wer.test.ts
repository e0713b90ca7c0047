import { describe, expect, it } from 'vitest';
import { alignTokens, countErrors, errorRate } from '../../src/metrics/align';
import { parseTrn } from '../../src/metrics/trn';
import { formatAlignment, formatSummary, scoreTranscripts } from '../../src/metrics/wer';

const ref = parseTrn('hello there world (s_1)\nthe cat sat (s_2)\n', 'ref.trn');
const hyp = parseTrn('hello world wide (s_1)\n\nThe dog sat on it (s_2)\n', 'hyp.trn');

describe('sclite-style alignment', () => {
  it('prefers one substitution (4) over a deletion plus an insertion (6)', () => {
    expect(alignTokens(['a', 'b'], ['a', 'c']).map((t) => t.op)).toEqual(['C', 'S']);
  });

  it('keeps a match by a deletion and an insertion (6) rather than two substitutions (8)', () => {
    expect(alignTokens(['a', 'b'], ['b', 'c']).map((t) => t.op)).toEqual(['D', 'C', 'I']);
    // empty sides
    expect(countErrors(alignTokens([], ['x', 'y']))).toEqual({ ref: 0, correct: 0, substitutions: 0, deletions: 0, insertions: 2 });
    expect(countErrors(alignTokens(['x'], []))).toEqual({ ref: 1, correct: 0, substitutions: 0, deletions: 1, insertions: 0 });
  });

  it('compares case-insensitively and rates errors per reference token', () => {
    const counts = countErrors(alignTokens(['The', 'cat'], ['the', 'CAT', 'now']));
    expect(counts).toEqual({ ref: 2, correct: 2, substitutions: 0, deletions: 0, insertions: 1 });
    expect(errorRate(counts)).toBe(0.5);
    expect(errorRate({ ref: 0, correct: 0, substitutions: 0, deletions: 0, insertions: 0 })).toBe(0);
  });
});

describe('scoring trn files', () => {
  it('reproduces sclite pralign output for a hand case', () => {
    const report = scoreTranscripts(ref, hyp);
    expect(formatAlignment(report.utterances[0])).toBe(
      ['id: (s_1)', 'Scores: (#C #S #D #I) 2 0 1 1', 'REF:  hello THERE world **** ', 'HYP:  hello ***** world WIDE ', 'Eval:       D           I    '].join('\n'),
    );
    expect(formatAlignment(report.utterances[1])).toBe(
      ['id: (s_2)', 'Scores: (#C #S #D #I) 2 1 0 2', 'REF:  the CAT sat ** ** ', 'HYP:  the DOG sat ON IT ', 'Eval:     S       I  I  '].join('\n'),
    );
    expect(report).toMatchObject({ ref: 6, correct: 4, substitutions: 1, deletions: 1, insertions: 3, sentences: 2, sentenceErrors: 2 });
    expect(report.errorRate).toBeCloseTo(5 / 6, 12);
    const summary = formatSummary(report, 'hyp.trn');
    expect(summary).toContain('| s        |     2      6 |   66.7   16.7   16.7   50.0   83.3  100.0 |');
  });

  it('scores characters without spaces, as sclite -c', () => {
    const report = scoreTranscripts(ref, hyp, 'char');
    expect(report.utterances.map((u) => [u.correct, u.substitutions, u.deletions, u.insertions])).toEqual([
      [10, 0, 5, 4],
      [6, 3, 0, 4],
    ]);
    expect(report.ref).toBe(24);
  });

  it('rejects malformed trn lines and unmatched ids, naming the file', () => {
    expect(() => parseTrn('hello world\n', 'bad.trn')).toThrow("bad.trn: line 1: no utterance id: expected 'words (id)'");
    expect(() => parseTrn('a (x)\nb (x)\n', 'dup.trn')).toThrow("dup.trn: line 2: utterance id 'x' appears twice");
    expect(() => scoreTranscripts(ref, hyp.slice(0, 1), 'word', { ref: 'r.trn', hyp: 'h.trn' })).toThrow('h.trn: no hypothesis for 1 reference utterance(s): s_2');
    expect(() => scoreTranscripts(ref.slice(0, 1), hyp, 'word', { ref: 'r.trn', hyp: 'h.trn' })).toThrow('h.trn: 1 utterance(s) not in r.trn: s_2');
    expect(parseTrn('(empty)\n', 'e.trn')).toEqual([{ id: 'empty', words: [] }]);
  });
});

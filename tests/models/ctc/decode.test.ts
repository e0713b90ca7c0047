import { describe, expect, it } from 'vitest';
import { beamSearch, forcedAlign, greedyDecode, makeWordConstraint, type LogProbMatrix } from '../../../src/models/ctc';

/** Log-probabilities from rows of probabilities [frames x classes]. */
function fromProbs(rows: number[][]): LogProbMatrix {
  return { data: Float64Array.from(rows.flat().map(Math.log)), frames: rows.length, classes: rows[0].length };
}

describe('greedy CTC decoding', () => {
  it('merges repeats, drops blanks and keeps a repeat separated by blank', () => {
    // best path: 1 1 0 1 2 2 0 0 -> [1, 1, 2]
    const best = [1, 1, 0, 1, 2, 2, 0, 0];
    const rows = best.map((k) => [0, 1, 2].map((c) => (c === k ? 0.8 : 0.1)));
    const hyp = greedyDecode(fromProbs(rows));
    expect(hyp.labels).toEqual([1, 1, 2]);
    expect(hyp.logProb).toBeCloseTo(8 * Math.log(0.8), 10);
  });
});

describe('prefix beam search', () => {
  // The classic case where the best path (blank, blank) loses to the label whose many paths add up:
  // p(empty) = 0.6^2 = 0.36; p([1]) = 0.4*0.4 + 0.4*0.6 + 0.6*0.4 = 0.64.
  const rows = [
    [0.6, 0.4],
    [0.6, 0.4],
  ];

  it('sums over alignments where greedy takes the best single path', () => {
    expect(greedyDecode(fromProbs(rows)).labels).toEqual([]);
    const [best, second] = beamSearch(fromProbs(rows), { beamWidth: 4, nBest: 2 });
    expect(best.labels).toEqual([1]);
    expect(Math.exp(best.logProb)).toBeCloseTo(0.64, 10);
    expect(second.labels).toEqual([]);
    expect(Math.exp(second.logProb)).toBeCloseTo(0.36, 10);
  });

  it('keeps the exact distribution with a wide beam (probabilities of all labels sum to 1)', () => {
    const probs = [
      [0.5, 0.3, 0.2],
      [0.2, 0.5, 0.3],
      [0.4, 0.1, 0.5],
    ];
    const all = beamSearch(fromProbs(probs), { beamWidth: 100, nBest: 100, pruneLogProb: 100 });
    expect(all.reduce((sum, h) => sum + Math.exp(h.logProb), 0)).toBeCloseTo(1, 10);
    // p([1, 2]) by hand: paths 1 1 2 / 1 2 2 / 1 0 2 / 0 1 2 / 1 2 0
    const p12 = 0.3 * 0.5 * 0.5 + 0.3 * 0.3 * 0.5 + 0.3 * 0.2 * 0.5 + 0.5 * 0.5 * 0.5 + 0.3 * 0.3 * 0.4;
    expect(Math.exp(all.find((h) => h.labels.join() === '1,2')!.logProb)).toBeCloseTo(p12, 10);
  });

  it('with width 1 equals greedy on a peaked matrix', () => {
    const best = [3, 0, 1, 1, 0, 2];
    const peaked = best.map((k) => [0, 1, 2, 3].map((c) => (c === k ? 0.9 : 0.1 / 3)));
    expect(beamSearch(fromProbs(peaked), { beamWidth: 1 })[0].labels).toEqual(greedyDecode(fromProbs(peaked)).labels);
    expect(() => beamSearch(fromProbs(peaked), { beamWidth: 0 })).toThrow(/beam width 0/);
  });

  it('obeys a word list: only listed words, separated by the separator', () => {
    // classes: 0 blank, 1 space, 2 'a', 3 'b'. Greedy reads "ab a"; the list has "aa", "b" and "a".
    const path = [2, 3, 1, 2];
    const probs = path.map((k) => [0, 1, 2, 3].map((c) => (c === k ? 0.55 : c === 2 ? 0.25 : 0.2 / 2)));
    const lp = fromProbs(probs);
    expect(greedyDecode(lp).labels).toEqual([2, 3, 1, 2]);
    const constraint = makeWordConstraint([[2, 2], [3], [2]], 1);
    const [best] = beamSearch(lp, { beamWidth: 16, constraint });
    const words = best.labels.join(' ').split(' 1 ');
    expect(words.length).toBeGreaterThan(0);
    for (const word of words) expect(['2 2', '3', '2']).toContain(word);
    expect(best.labels).not.toEqual([2, 3, 1, 2]);
    expect(constraint.next(constraint.start, 1)).toBeNull();
    expect(constraint.accepts(constraint.next(constraint.start, 2))).toBe(true);
  });
});

describe('forced alignment', () => {
  it('finds where each label is emitted', () => {
    // frames:   0  1  2  3  4  5  6
    // best:     b  1  1  b  2  b  2
    const best = [0, 1, 1, 0, 2, 0, 2];
    const probs = best.map((k) => [0, 1, 2].map((c) => (c === k ? 0.8 : 0.1)));
    const alignment = forcedAlign(fromProbs(probs), [1, 2, 2])!;
    expect(alignment.spans).toEqual([
      { start: 1, end: 3 },
      { start: 4, end: 5 },
      { start: 6, end: 7 },
    ]);
    expect(alignment.logProb).toBeCloseTo(7 * Math.log(0.8), 10);
    expect(forcedAlign(fromProbs(probs.slice(0, 2)), [2, 2])).toBeNull();
  });
});

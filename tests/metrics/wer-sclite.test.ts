/**
 * Kielo's WER/CER against Debian's sclite (sctk): sclite's per-utterance (#C #S #D #I) on seeded random pairs,
 * from its pralign report, are committed in tests/fixtures/sclite.json (scripts/make-test-fixtures.ts remakes them)
 * with the sha256 of the .trn text sclite read, so the pairs here are the ones sclite scored.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { formatTrn, parseTrn } from '../../src/metrics/trn';
import { scoreTranscripts } from '../../src/metrics/wer';
import { readFixtureJson, type ScliteFixture } from '../fixtures/catalog';
import { randomPairs } from './random-pairs';

const dir = mkdtempSync(join(tmpdir(), 'kielo-sclite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SCLITE = readFixtureJson<ScliteFixture>('sclite.json');
const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/** sclite's per-utterance (#C #S #D #I) for `randomPairs(n, seed)` scored by `unit`, checked to be of these pairs. */
function scliteScores(unit: 'word' | 'char', seed: number, ref: string, hyp: string): Map<string, number[]> {
  const set = SCLITE[`${unit}-${seed}`];
  expect(set, `tests/fixtures/sclite.json has no set ${unit}-${seed}: run scripts/make-test-fixtures.ts`).toBeDefined();
  expect([sha256(ref), sha256(hyp)], 'the pairs differ from those sclite scored: run scripts/make-test-fixtures.ts').toEqual([set.refSha256, set.hypSha256]);
  return new Map(Object.entries(set.scores));
}

describe.each([
  ['word', false],
  ['char', true],
] as const)('kielo %s scoring against Debian sclite', (unit, chars) => {
  it.each([1, 2, 3])('gives identical C/S/D/I per utterance and in total on 250 random pairs (seed %i)', (seed) => {
    const pairSeed = seed * 977 + (chars ? 1 : 0);
    const { refs, hyps } = randomPairs(250, pairSeed);
    const refFile = join(dir, `ref-${unit}-${seed}.trn`), hypFile = join(dir, `hyp-${unit}-${seed}.trn`);
    const sclite = scliteScores(unit, pairSeed, formatTrn(refs), formatTrn(hyps));
    const report = scoreTranscripts(parseTrn(formatTrn(refs), refFile), parseTrn(formatTrn(hyps), hypFile), unit);
    expect(sclite.size).toBe(250);
    const total = [0, 0, 0, 0];
    for (const u of report.utterances) {
      const theirs = sclite.get(u.id)!;
      expect([u.id, u.correct, u.substitutions, u.deletions, u.insertions]).toEqual([u.id, ...theirs]);
      theirs.forEach((v, i) => (total[i] += v));
    }
    expect([report.correct, report.substitutions, report.deletions, report.insertions]).toEqual(total);
    expect(report.substitutions + report.deletions + report.insertions).toBe(total[1] + total[2] + total[3]);
  });
});

describe('kielo wer (the CLI) against Debian sclite', () => {
  it('reports the same totals as sclite for words and characters on 300 random pairs', async () => {
    const { refs, hyps } = randomPairs(300, 4242);
    const refFile = join(dir, 'cli-ref.trn'), hypFile = join(dir, 'cli-hyp.trn');
    writeFileSync(refFile, formatTrn(refs));
    writeFileSync(hypFile, formatTrn(hyps));
    const out: string[] = [];
    const code = await main(['wer', '--ref', refFile, '--hyp', hypFile, '--cer', '--json'], { stdout: (t: string) => void out.push(t), stderr: () => {} });
    expect(code).toBe(0);
    const result = JSON.parse(out.join(''));
    const totals = (scores: Map<string, number[]>) => [...scores.values()].reduce((acc, s) => acc.map((v, i) => v + s[i]), [0, 0, 0, 0]);
    const [wc, ws, wd, wi] = totals(scliteScores('word', 4242, formatTrn(refs), formatTrn(hyps)));
    expect([result.ref, result.substitutions, result.deletions, result.insertions]).toEqual([wc + ws + wd, ws, wd, wi]);
    expect(result.wer).toBeCloseTo((ws + wd + wi) / (wc + ws + wd), 12);
    const [cc, cs, cd, ci] = totals(scliteScores('char', 4242, formatTrn(refs), formatTrn(hyps)));
    expect([result.cer.ref, result.cer.substitutions, result.cer.deletions, result.cer.insertions]).toEqual([cc + cs + cd, cs, cd, ci]);
  });
});

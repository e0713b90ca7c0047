import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { formatTrn, parseTrn, type TrnUtterance } from '../../src/metrics/trn';
import { scoreTranscripts } from '../../src/metrics/wer';

const SCLITE = '/usr/lib/sctk/bin/sclite';
const dir = mkdtempSync(join(tmpdir(), 'kielo-sclite-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Seeded pairs over a small vocabulary (so matches, substitutions and ties are all common), mixed case. */
function randomPairs(n: number, seed: number): { refs: TrnUtterance[]; hyps: TrnUtterance[] } {
  let s = seed >>> 0;
  const rand = () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
  const vocab = ['a', 'to', 'the', 'cat', 'sat', 'on', 'mat', "don't", 'seven', 'eight'];
  const sentence = (max: number) => Array.from({ length: Math.floor(rand() * (max + 1)) }, () => vocab[Math.floor(rand() * vocab.length)]);
  const refs: TrnUtterance[] = [], hyps: TrnUtterance[] = [];
  for (let i = 0; i < n; i++) {
    const id = `spk${i % 4}_utt${i}`;
    const ref = sentence(9);
    // half the hypotheses are edits of the reference, half unrelated
    const hyp = rand() < 0.5 ? sentence(9) : ref.filter(() => rand() > 0.2).map((w) => (rand() < 0.2 ? vocab[Math.floor(rand() * vocab.length)] : w));
    refs.push({ id, words: ref });
    hyps.push({ id, words: hyp.map((w) => (rand() < 0.1 ? w.toUpperCase() : w)) });
  }
  return { refs, hyps };
}

/** Runs sclite's pralign report and reads the per-utterance (#C #S #D #I). */
function scliteScores(refFile: string, hypFile: string, chars: boolean): Map<string, number[]> {
  const args = ['-r', refFile, 'trn', '-h', hypFile, 'trn', '-i', 'rm', ...(chars ? ['-c'] : []), '-o', 'pra', 'stdout'];
  const out = execFileSync(SCLITE, args, { encoding: 'utf8' });
  const ids = [...out.matchAll(/^id: \((.*)\)$/gm)].map((m) => m[1]);
  const scores = [...out.matchAll(/^Scores: \(#C #S #D #I\) (\d+) (\d+) (\d+) (\d+)/gm)].map((m) => m.slice(1).map(Number));
  expect(scores.length).toBe(ids.length);
  return new Map(ids.map((id, k) => [id, scores[k]]));
}

describe.each([
  ['word', false],
  ['char', true],
] as const)('kielo %s scoring against Debian sclite', (unit, chars) => {
  it.each([1, 2, 3])('gives identical C/S/D/I per utterance and in total on 250 random pairs (seed %i)', (seed) => {
    const { refs, hyps } = randomPairs(250, seed * 977 + (chars ? 1 : 0));
    const refFile = join(dir, `ref-${unit}-${seed}.trn`), hypFile = join(dir, `hyp-${unit}-${seed}.trn`);
    writeFileSync(refFile, formatTrn(refs));
    writeFileSync(hypFile, formatTrn(hyps));
    const sclite = scliteScores(refFile, hypFile, chars);
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
    const [wc, ws, wd, wi] = totals(scliteScores(refFile, hypFile, false));
    expect([result.ref, result.substitutions, result.deletions, result.insertions]).toEqual([wc + ws + wd, ws, wd, wi]);
    expect(result.wer).toBeCloseTo((ws + wd + wi) / (wc + ws + wd), 12);
    const [cc, cs, cd, ci] = totals(scliteScores(refFile, hypFile, true));
    expect([result.cer.ref, result.cer.substitutions, result.cer.deletions, result.cer.insertions]).toEqual([cc + cs + cd, cs, cd, ci]);
  });
});

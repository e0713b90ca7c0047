/** Seeded random reference/hypothesis pairs for comparing Kielo's scoring with sclite (fixtures and tests share them). */
import type { TrnUtterance } from '../../src/metrics/trn';

/** Seeded pairs over a small vocabulary (so matches, substitutions and ties are all common), mixed case. */
export function randomPairs(n: number, seed: number): { refs: TrnUtterance[]; hyps: TrnUtterance[] } {
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

/** The sclite fixture sets: name (`${unit}-${seed}`), unit, pair count and seed. */
export const SCLITE_SETS: { name: string; unit: 'word' | 'char'; pairs: number; seed: number }[] = [
  ...[1, 2, 3].flatMap((k) => [
    { name: `word-${k * 977}`, unit: 'word' as const, pairs: 250, seed: k * 977 },
    { name: `char-${k * 977 + 1}`, unit: 'char' as const, pairs: 250, seed: k * 977 + 1 },
  ]),
  { name: 'word-4242', unit: 'word', pairs: 300, seed: 4242 },
  { name: 'char-4242', unit: 'char', pairs: 300, seed: 4242 },
];

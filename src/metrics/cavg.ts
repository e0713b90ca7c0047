/**
 * Closed-set Cavg as in the NIST Language Recognition Evaluations, with Cmiss = Cfa = 1 and Ptarget = 0.5:
 *   Cavg = 1/N * sum_t [ Ptarget * Pmiss(t) + (1 - Ptarget) / (N - 1) * sum_{n != t} Pfa(t, n) ]
 * where Pmiss(t) is the fraction of language t's segments not accepted as t, and Pfa(t, n) the fraction of language
 * n's segments accepted as t. N counts the languages that have segments; others are left out of both sums.
 */

/** Cmiss = Cfa = 1, Ptarget = 0.5 (NIST LRE). */
const P_TARGET = 0.5;

/** Cavg from an acceptance-count matrix: accepted[n][t] = how many of language n's `counts[n]` segments were accepted as t. */
function cavgFromAcceptance(accepted: number[][], counts: number[]): number {
  const present = counts.map((c, i) => (c > 0 ? i : -1)).filter((i) => i >= 0);
  const N = present.length;
  if (N < 2) throw new RangeError(`Cavg needs segments of at least 2 languages, got ${N}`);
  let sum = 0;
  for (const t of present) {
    const pMiss = 1 - accepted[t][t] / counts[t];
    let pFa = 0;
    for (const n of present) if (n !== t) pFa += accepted[n][t] / counts[n];
    sum += P_TARGET * pMiss + ((1 - P_TARGET) / (N - 1)) * pFa;
  }
  return sum / N;
}

/**
 * Cavg with hard decisions by argmax: each segment is accepted as exactly one language, its top-scoring one.
 * `confusion[actual][predicted]` counts segments (see confusionMatrix).
 */
export function cavgFromConfusion(confusion: number[][]): number {
  return cavgFromAcceptance(confusion, confusion.map((row) => row.reduce((a, b) => a + b, 0)));
}

/**
 * Cavg with independent detection decisions per target (the NIST detection view): segment accepted as t when its
 * posterior for t exceeds `threshold` (default 0.5, so a segment may be accepted as none or, with low thresholds,
 * several languages). `posteriors` one row per segment, `actual` the true class per segment, `nClasses` = N.
 */
export function cavgByThreshold(posteriors: ArrayLike<number>[], actual: ArrayLike<number>, nClasses: number, threshold = 0.5): number {
  const accepted = Array.from({ length: nClasses }, () => new Array<number>(nClasses).fill(0));
  const counts = new Array<number>(nClasses).fill(0);
  posteriors.forEach((row, i) => {
    counts[actual[i]]++;
    for (let t = 0; t < nClasses; t++) if (row[t] > threshold) accepted[actual[i]][t]++;
  });
  return cavgFromAcceptance(accepted, counts);
}

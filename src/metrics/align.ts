/**
 * Token alignment with sclite's semantics (NIST SCTK, net_dp.c): Levenshtein dynamic programming with costs
 * correct 0, insertion 3, deletion 3, substitution 4, comparing case-insensitively; in each cell a substitution
 * (or match) wins ties, then a deletion if strictly cheaper than the insertion, else the insertion.
 */

/** What happened to one aligned position: Correct, Substitution, Deletion (ref only), Insertion (hyp only). */
export type EditOp = 'C' | 'S' | 'D' | 'I';

/** One aligned position; `ref` is null for an insertion, `hyp` for a deletion. */
export interface AlignedToken {
  op: EditOp;
  ref: string | null;
  hyp: string | null;
}

/** Edit costs of the alignment. */
export interface EditCosts {
  substitution: number;
  insertion: number;
  deletion: number;
}

/** sclite's default word alignment costs. */
export const SCLITE_COSTS: EditCosts = { substitution: 4, insertion: 3, deletion: 3 };

/** Error counts of one or many alignments. */
export interface ErrorCounts {
  /** Reference tokens. */
  ref: number;
  correct: number;
  substitutions: number;
  deletions: number;
  insertions: number;
}

/** Aligns a reference and a hypothesis token sequence as sclite does. */
export function alignTokens(ref: readonly string[], hyp: readonly string[], costs: EditCosts = SCLITE_COSTS): AlignedToken[] {
  const N = ref.length, M = hyp.length, W = M + 1;
  const refKey = ref.map((w) => w.toLowerCase());
  const hypKey = hyp.map((w) => w.toLowerCase());
  const cost = new Float64Array((N + 1) * W);
  /** Back pointer per cell: 0 diagonal, 1 deletion (up), 2 insertion (left). */
  const back = new Uint8Array((N + 1) * W);
  for (let b = 1; b <= M; b++) {
    cost[b] = cost[b - 1] + costs.insertion;
    back[b] = 2;
  }
  for (let a = 1; a <= N; a++) {
    cost[a * W] = cost[(a - 1) * W] + costs.deletion;
    back[a * W] = 1;
    for (let b = 1; b <= M; b++) {
      const sub = cost[(a - 1) * W + b - 1] + (refKey[a - 1] === hypKey[b - 1] ? 0 : costs.substitution);
      const del = cost[(a - 1) * W + b] + costs.deletion;
      const ins = cost[a * W + b - 1] + costs.insertion;
      const cell = a * W + b;
      const move = sub <= del && sub <= ins ? 0 : del < ins ? 1 : 2;
      cost[cell] = [sub, del, ins][move];
      back[cell] = move;
    }
  }
  const path: AlignedToken[] = [];
  let a = N, b = M;
  while (a > 0 || b > 0) {
    const move = back[a * W + b];
    if (move === 0) {
      path.push({ op: refKey[a - 1] === hypKey[b - 1] ? 'C' : 'S', ref: ref[a - 1], hyp: hyp[b - 1] });
      a--;
      b--;
    } else if (move === 1) {
      path.push({ op: 'D', ref: ref[--a], hyp: null });
    } else {
      path.push({ op: 'I', ref: null, hyp: hyp[--b] });
    }
  }
  return path.reverse();
}

/** Counts the operations of an alignment. */
export function countErrors(alignment: readonly AlignedToken[]): ErrorCounts {
  const counts: ErrorCounts = { ref: 0, correct: 0, substitutions: 0, deletions: 0, insertions: 0 };
  for (const { op } of alignment) {
    if (op !== 'I') counts.ref++;
    if (op === 'C') counts.correct++;
    else if (op === 'S') counts.substitutions++;
    else if (op === 'D') counts.deletions++;
    else counts.insertions++;
  }
  return counts;
}

/** Sums error counts. */
export function addCounts(a: ErrorCounts, b: ErrorCounts): ErrorCounts {
  return {
    ref: a.ref + b.ref,
    correct: a.correct + b.correct,
    substitutions: a.substitutions + b.substitutions,
    deletions: a.deletions + b.deletions,
    insertions: a.insertions + b.insertions,
  };
}

/** (S + D + I) / N; 0 when both are empty, Infinity when only the reference is empty. */
export function errorRate(c: ErrorCounts): number {
  const errors = c.substitutions + c.deletions + c.insertions;
  return c.ref === 0 ? (errors === 0 ? 0 : Infinity) : errors / c.ref;
}

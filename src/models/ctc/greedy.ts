/** Greedy (best path) CTC decoding: the most likely class per frame, repeats merged, blanks dropped. */
import { BLANK, type LogProbMatrix } from './types';

/** A decoded label sequence. */
export interface CtcHypothesis {
  /** Class indices, blanks removed. */
  labels: number[];
  /** Log-probability of the hypothesis (greedy: of its best path; beam: summed over its paths). */
  logProb: number;
}

/** Per frame, the index of the largest entry of its row. Input [frames x classes]; output [frames]. */
export function argmaxRows(lp: LogProbMatrix): Int32Array {
  const best = new Int32Array(lp.frames);
  for (let t = 0; t < lp.frames; t++) {
    let k = 0;
    for (let c = 1; c < lp.classes; c++) if (lp.data[t * lp.classes + c] > lp.data[t * lp.classes + k]) k = c;
    best[t] = k;
  }
  return best;
}

/** Collapses a frame-level path: merges repeats, then drops blanks. */
export function collapsePath(path: ArrayLike<number>, blank = BLANK): number[] {
  const labels: number[] = [];
  let previous = -1;
  for (let t = 0; t < path.length; t++) {
    if (path[t] !== previous && path[t] !== blank) labels.push(path[t]);
    previous = path[t];
  }
  return labels;
}

/** Greedy decoding of log-probabilities [frames x classes]. */
export function greedyDecode(lp: LogProbMatrix, blank = BLANK): CtcHypothesis {
  const path = argmaxRows(lp);
  let logProb = 0;
  for (let t = 0; t < lp.frames; t++) logProb += lp.data[t * lp.classes + path[t]];
  return { labels: collapsePath(path, blank), logProb };
}

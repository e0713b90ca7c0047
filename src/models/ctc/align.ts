/** CTC forced alignment (Viterbi over the blank-interleaved label): where each label sits in time. */
import { BLANK, type LogProbMatrix } from './types';

/** Frames [start, end) in which one label is emitted on the best path. */
export interface LabelSpan {
  start: number;
  end: number;
}

/** The best path of a label sequence through the frames. */
export interface CtcAlignment {
  /** One span per label, in order. */
  spans: LabelSpan[];
  /** Log-probability of the best path. */
  logProb: number;
}

/**
 * Viterbi alignment of `label` (class indices, no blanks) to log-probabilities [frames x classes]. Returns null
 * when the label cannot fit in the frames.
 */
export function forcedAlign(lp: LogProbMatrix, label: ArrayLike<number>, blank = BLANK): CtcAlignment | null {
  const { frames: T, classes: C, data } = lp;
  const S = 2 * label.length + 1;
  if (T === 0) return label.length === 0 ? { spans: [], logProb: 0 } : null;
  const ext = new Int32Array(S).fill(blank);
  for (let i = 0; i < label.length; i++) ext[2 * i + 1] = label[i];
  const score = new Float64Array(T * S).fill(-Infinity);
  const from = new Int32Array(T * S).fill(-1);
  score[0] = data[ext[0]];
  if (S > 1) score[1] = data[ext[1]];
  for (let t = 1; t < T; t++) {
    for (let s = 0; s < S; s++) {
      let best = score[(t - 1) * S + s];
      let arg = s;
      if (s >= 1 && score[(t - 1) * S + s - 1] > best) [best, arg] = [score[(t - 1) * S + s - 1], s - 1];
      if (s >= 2 && ext[s] !== blank && ext[s] !== ext[s - 2] && score[(t - 1) * S + s - 2] > best) [best, arg] = [score[(t - 1) * S + s - 2], s - 2];
      if (best === -Infinity) continue;
      score[t * S + s] = best + data[t * C + ext[s]];
      from[t * S + s] = arg;
    }
  }
  const last = (T - 1) * S;
  let s = S > 1 && score[last + S - 2] > score[last + S - 1] ? S - 2 : S - 1;
  const logProb = score[last + s];
  if (logProb === -Infinity) return null;
  const spans: LabelSpan[] = Array.from({ length: label.length }, () => ({ start: -1, end: -1 }));
  for (let t = T - 1; t >= 0; t--) {
    if (s % 2 === 1) {
      const span = spans[(s - 1) / 2];
      if (span.end < 0) span.end = t + 1;
      span.start = t;
    }
    s = from[t * S + s];
  }
  return { spans, logProb };
}

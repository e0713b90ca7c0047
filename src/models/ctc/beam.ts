/** CTC prefix beam search (Graves 2012; Hannun et al. 2014) in log space, optionally constrained to a word list. */
import { logAddExp } from './logspace';
import type { CtcHypothesis } from './greedy';
import { BLANK, type LogProbMatrix } from './types';
import type { WordConstraint } from './word-constraint';

/** Options of beamSearch; every field optional. */
export interface BeamSearchOptions {
  /** Prefixes kept per frame. Default 8; range >= 1. */
  beamWidth?: number;
  /** Classes more than this many nats below a frame's best are not extended. Default 12; range > 0. */
  pruneLogProb?: number;
  /** Class index of the blank. Default 0. */
  blank?: number;
  /** Restrict hypotheses to sequences of listed words. Default none. */
  constraint?: WordConstraint;
  /** Hypotheses returned, best first. Default 1. */
  nBest?: number;
}

/** Beam search defaults. */
export const DEFAULT_BEAM_SEARCH = { beamWidth: 8, pruneLogProb: 12, blank: BLANK, nBest: 1 } as const;

/** One prefix: log-probabilities of its paths ending in blank (pb) and in its last label (pnb). */
interface Prefix {
  labels: number[];
  pb: number;
  pnb: number;
  state: unknown;
}

const total = (p: Prefix) => logAddExp(p.pb, p.pnb);

/**
 * Prefix beam search over log-probabilities [frames x classes]. Returns up to nBest hypotheses, best first, with
 * logProb summed over all their alignments that survived the beam. With a constraint, only complete word
 * sequences are returned (empty when none survived).
 */
export function beamSearch(lp: LogProbMatrix, options: BeamSearchOptions = {}): CtcHypothesis[] {
  const { beamWidth, pruneLogProb, blank, nBest } = { ...DEFAULT_BEAM_SEARCH, ...options };
  if (!Number.isInteger(beamWidth) || beamWidth < 1) throw new Error(`beam width ${beamWidth}: expected an integer >= 1`);
  const constraint = options.constraint;
  const { frames, classes, data } = lp;
  let beams: Prefix[] = [{ labels: [], pb: 0, pnb: -Infinity, state: constraint?.start }];
  for (let t = 0; t < frames; t++) {
    const row = t * classes;
    let rowMax = -Infinity;
    for (let k = 0; k < classes; k++) rowMax = Math.max(rowMax, data[row + k]);
    const candidates: number[] = [];
    for (let k = 0; k < classes; k++) if (k !== blank && data[row + k] >= rowMax - pruneLogProb) candidates.push(k);
    const next = new Map<string, Prefix>();
    const entry = (labels: number[], state: unknown): Prefix => {
      const key = String.fromCharCode(...labels);
      let p = next.get(key);
      if (!p) next.set(key, (p = { labels, pb: -Infinity, pnb: -Infinity, state }));
      return p;
    };
    for (const beam of beams) {
      const all = total(beam);
      const stay = entry(beam.labels, beam.state);
      stay.pb = logAddExp(stay.pb, all + data[row + blank]);
      const last = beam.labels.length ? beam.labels[beam.labels.length - 1] : -1;
      for (const k of candidates) {
        const p = data[row + k];
        if (k === last) stay.pnb = logAddExp(stay.pnb, beam.pnb + p);
        const state = constraint ? constraint.next(beam.state, k) : undefined;
        if (constraint && state === null) continue;
        const extended = entry([...beam.labels, k], state);
        extended.pnb = logAddExp(extended.pnb, (k === last ? beam.pb : all) + p);
      }
    }
    beams = [...next.values()].sort((a, b) => total(b) - total(a)).slice(0, beamWidth);
  }
  const finished = constraint ? beams.filter((b) => constraint.accepts(b.state)) : beams;
  return finished.slice(0, nBest).map((b) => ({ labels: b.labels, logProb: total(b) }));
}

/** Shapes shared by the CTC loss, decoders and aligner. */

/**
 * Per-frame log-probabilities of one utterance: row-major [frames x classes], each row a log-distribution over
 * the classes (blank included). Rows past `frames` are not read.
 */
export interface LogProbMatrix {
  data: ArrayLike<number>;
  frames: number;
  classes: number;
}

/** The class index of the CTC blank in every Kielo model. */
export const BLANK = 0;

/** CTC: loss with gradient, greedy and beam decoding, word-list constraint, forced alignment. */
export { ctcLoss, ctcForwardBackward, type CtcLossOptions, type CtcPosterior } from './loss';
export { greedyDecode, argmaxRows, collapsePath, type CtcHypothesis } from './greedy';
export { beamSearch, DEFAULT_BEAM_SEARCH, type BeamSearchOptions } from './beam';
export { makeWordConstraint, type WordConstraint } from './word-constraint';
export { forcedAlign, type CtcAlignment, type LabelSpan } from './align';
export { logAddExp, logSoftmaxRows } from './logspace';
export { BLANK, type LogProbMatrix } from './types';

/** The unit prior: k-means units of log-mel frames and a bigram over them (see ./fit). */
export { defaultUnitPriorOptions, fitUnitPrior, levelReferenced, nearestUnit, type UnitPrior, type UnitPriorOptions } from './fit';
export { sampleUnits, unitLogMel } from './sample';
export { loadUnitPrior, saveUnitPrior, UNIT_PRIOR_KIND, type UnitPriorConfig } from './files';

/**
 * A unit prior on disk: kielo.json (kind 'unit-prior', the log-mel FeatureSpec its units were cut with, cmvn 'none')
 * with weights.json + weights.bin holding 'centroids' [K, M], 'initial' [K] and 'transitions' [K, K]. Loading checks
 * every shape and that the probabilities are probabilities.
 */
import { join } from 'node:path';
import { validateFeatureSpec, type FeatureSpec } from '../../features';
import { InputFileError, messageOf } from '../../util/errors';
import { loadWeightArrays, MODEL_FILES, metadataFromFacts, saveWeightArrays, type ModelMetadata } from '../io';
import type { UnitPrior } from './fit';

export const UNIT_PRIOR_KIND = 'unit-prior';

/** What kielo.json's config holds. */
export interface UnitPriorConfig {
  units: number;
  bands: number;
  /** UnitPrior.referenceLevel. */
  referenceLevel: number;
}

/** Writes the prior with its front end and facts (numbers are metrics, strings notes) to `dir`, atomically. */
export async function saveUnitPrior(dir: string, prior: UnitPrior, spec: FeatureSpec, facts: Record<string, number | string>): Promise<void> {
  await saveWeightArrays<UnitPriorConfig>(dir, [
    { name: 'centroids', shape: [prior.units, prior.bands], values: prior.centroids },
    { name: 'initial', shape: [prior.units], values: prior.initial },
    { name: 'transitions', shape: [prior.units, prior.units], values: prior.transitions },
  ], { kind: UNIT_PRIOR_KIND, labels: [], featureSpec: spec, config: { units: prior.units, bands: prior.bands, referenceLevel: prior.referenceLevel }, ...metadataFromFacts(facts) });
}

/** Throws unless `values` holds `rows` probability rows of `n` (finite, >= 0, each summing to 1 within 1e-3). */
function checkProbabilities(values: Float32Array, rows: number, n: number, name: string): void {
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let k = 0; k < n; k++) {
      const p = values[r * n + k];
      if (!(p >= 0) || !Number.isFinite(p)) throw new Error(`'${name}' holds ${p}, not a probability`);
      sum += p;
    }
    if (Math.abs(sum - 1) > 1e-3) throw new Error(`'${name}' row ${r} sums to ${sum.toFixed(4)}, not 1`);
  }
}

/** Loads the prior in `dir`; an InputFileError names the file and what is wrong. */
export async function loadUnitPrior(dir: string): Promise<{ prior: UnitPrior; spec: FeatureSpec; metadata: ModelMetadata<UnitPriorConfig> }> {
  const metaFile = join(dir, MODEL_FILES.metadata);
  const { arrays, metadata } = await loadWeightArrays<UnitPriorConfig>(dir, (m) => {
    if (m.kind !== UNIT_PRIOR_KIND) throw new InputFileError(metaFile, `a model of kind '${m.kind}'; this needs a unit prior ('${UNIT_PRIOR_KIND}')`);
  });
  let spec: FeatureSpec;
  try {
    if (!metadata.featureSpec) throw new Error('no featureSpec');
    spec = validateFeatureSpec(metadata.featureSpec);
    if (spec.kind !== 'logmel') throw new Error(`featureSpec must be log-mel, got '${spec.kind}'`);
  } catch (error) {
    throw new InputFileError(metaFile, messageOf(error));
  }
  const weightsFile = join(dir, MODEL_FILES.weights);
  const byName = new Map(arrays.map((a) => [a.name, a]));
  const get = (name: string, shape: number[]): Float32Array => {
    const a = byName.get(name);
    if (!a) throw new InputFileError(weightsFile, `missing weight '${name}'`);
    if (a.shape.length !== shape.length || a.shape.some((s, i) => s !== shape[i])) throw new InputFileError(weightsFile, `weight '${name}' has shape [${a.shape}], expected [${shape}]`);
    return a.values;
  };
  const units = byName.get('initial')?.shape[0] ?? 0;
  if (!Number.isInteger(units) || units < 2) throw new InputFileError(weightsFile, `needs at least 2 units, has ${units}`);
  const bands = spec.nMels;
  const referenceLevel = metadata.config?.referenceLevel;
  if (typeof referenceLevel !== 'number' || !Number.isFinite(referenceLevel)) throw new InputFileError(metaFile, `config.referenceLevel must be a finite number, got ${JSON.stringify(referenceLevel)}`);
  const prior: UnitPrior = { units, bands, referenceLevel, centroids: get('centroids', [units, bands]), initial: get('initial', [units]), transitions: get('transitions', [units, units]) };
  try {
    if (prior.centroids.some((v) => !Number.isFinite(v))) throw new Error("'centroids' holds a value that is not finite");
    checkProbabilities(prior.initial, 1, units, 'initial');
    checkProbabilities(prior.transitions, units, units, 'transitions');
  } catch (error) {
    throw new InputFileError(weightsFile, messageOf(error));
  }
  return { prior, spec, metadata };
}

/**
 * Saving and loading a recogniser in the shared model files of ../io (saveWeightArrays): MODEL/kielo.json (kind
 * 'asr', labels = the output classes, the FeatureSpec that inference must reproduce, the model config, numeric
 * training facts as metrics, the engine, other facts as notes), MODEL/weights.json (weight names and shapes) and
 * MODEL/weights.bin (float32). Written atomically, read without tfjs-node. Models saved in the first ASR format
 * (MODEL/model.json with a 'kielo-asr' manifest, kielo.json with alphabet and training) still load.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { tf } from '../../engine';
import { validateFeatureSpec, type FeatureSpec } from '../../features';
import { InputFileError, messageOf } from '../../util/errors';
import { readJsonFile } from '../../util/json-file';
import { loadWeightArrays, metadataFromFacts, MODEL_FILES, readModelFile, saveWeightArrays, sliceWeightArrays, type WeightArray } from '../io';
import { ASR_CHARACTERS, ASR_LABELS } from './alphabet';
import { buildAsrModel, type AsrModel } from './build';
import { resolveAsrModelConfig, type AsrModelConfig } from './config';

/** The metadata beside a saved recogniser. */
export interface AsrModelInfo {
  kind: 'asr';
  version: 1;
  /** Front end the model was trained with; inference recomputes exactly these features. */
  featureSpec: FeatureSpec;
  /** Characters of classes 1.. (class 0 is the blank). */
  alphabet: string;
  /** Training facts (epochs, validation CER, engine, seconds, data): numbers and strings. */
  training: Record<string, unknown>;
}

/** A loaded recogniser and its metadata. */
export interface LoadedAsrModel {
  model: AsrModel;
  info: AsrModelInfo;
}

/** Writes `model` and its metadata into directory `dir` (created if needed). */
export async function saveAsrModel(dir: string, model: AsrModel, info: Omit<AsrModelInfo, 'kind' | 'version' | 'alphabet'>): Promise<void> {
  const values = await Promise.all(model.variables.map((v) => v.data() as Promise<Float32Array>));
  const arrays = model.weightNames.map((name, i) => ({ name, shape: model.variables[i].shape, values: values[i] }));
  await saveWeightArrays(dir, arrays, { kind: 'asr', labels: ASR_LABELS, featureSpec: info.featureSpec, config: model.config, ...metadataFromFacts(info.training) });
}

/** What a model directory holds, in either format, before the model is built. */
interface SavedAsr {
  config: AsrModelConfig;
  featureSpec: FeatureSpec;
  training: Record<string, unknown>;
  arrays: WeightArray[];
  /** The file that lists the weights (named in errors about them). */
  manifestFile: string;
}

async function readJson(file: string): Promise<Record<string, unknown>> {
  const json = await readJsonFile(file, { missing: 'no such file (not a Kielo ASR model directory?)' });
  if (typeof json !== 'object' || json === null) throw new InputFileError(file, 'corrupt JSON: not a JSON object');
  return json as Record<string, unknown>;
}

function resolveConfig(file: string, config: unknown): AsrModelConfig {
  try {
    return resolveAsrModelConfig(config as AsrModelConfig);
  } catch (error) {
    throw new InputFileError(file, messageOf(error));
  }
}

/** Reads the shared format (kielo.json + weights.json + weights.bin). */
async function readCurrent(dir: string): Promise<SavedAsr> {
  const metaFile = join(dir, MODEL_FILES.metadata);
  const { arrays, metadata } = await loadWeightArrays(dir, (m) => {
    if (JSON.stringify(m.labels) !== JSON.stringify(ASR_LABELS)) throw new InputFileError(metaFile, `labels ${JSON.stringify(m.labels)} are not this build's ${JSON.stringify(ASR_LABELS)}`);
    if (!m.featureSpec) throw new InputFileError(metaFile, 'no featureSpec');
  });
  const training = { ...metadata.metrics, engine: metadata.engine, ...metadata.notes };
  return { config: resolveConfig(metaFile, metadata.config), featureSpec: metadata.featureSpec!, training, arrays, manifestFile: join(dir, MODEL_FILES.manifest) };
}

/** Reads the first ASR format: model.json {format: 'kielo-asr', config, weights: [{name, shape}]} + raw float32 weights.bin. */
async function readLegacy(dir: string, meta: Record<string, unknown>): Promise<SavedAsr> {
  const metaFile = join(dir, MODEL_FILES.metadata), manifestFile = join(dir, MODEL_FILES.topology), weightsFile = join(dir, MODEL_FILES.weights);
  if (meta.alphabet !== ASR_CHARACTERS) throw new InputFileError(metaFile, `alphabet ${JSON.stringify(meta.alphabet)} is not this build's ${JSON.stringify(ASR_CHARACTERS)}`);
  let featureSpec: FeatureSpec;
  try {
    featureSpec = validateFeatureSpec(meta.featureSpec);
  } catch (error) {
    throw new InputFileError(metaFile, messageOf(error));
  }
  const manifest = await readJson(manifestFile);
  if (manifest.format !== 'kielo-asr' || !Array.isArray(manifest.weights)) throw new InputFileError(manifestFile, `not a kielo-asr weight manifest (and no ${MODEL_FILES.manifest})`);
  const config = resolveConfig(manifestFile, manifest.config);
  const bytes = await readModelFile(weightsFile);
  const entries = manifest.weights as { name: string; shape: number[] }[];
  const sizes = entries.map((e) => (Array.isArray(e?.shape) ? e.shape.reduce((a, b) => a * b, 1) : NaN));
  const expected = sizes.reduce((a, b) => a + b, 0);
  if (bytes.byteLength !== expected * 4) throw new InputFileError(weightsFile, `${bytes.byteLength} bytes, the manifest expects ${expected * 4}`);
  const { arrays } = sliceWeightArrays(new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)), entries);
  return { config, featureSpec, training: (meta.training as Record<string, unknown>) ?? {}, arrays, manifestFile };
}

/** Loads a recogniser saved by saveAsrModel (or in the first ASR format); every problem is an InputFileError naming the file. */
export async function loadAsrModel(dir: string): Promise<LoadedAsrModel> {
  const metaFile = join(dir, MODEL_FILES.metadata);
  // the kind first, from the raw JSON: any other model (or a broken kielo.json) is refused as not a recogniser
  const meta = await readJson(metaFile);
  if (meta.kind !== 'asr') throw new InputFileError(metaFile, `model kind is ${JSON.stringify(meta.kind)}, expected "asr"`);
  const saved = existsSync(join(dir, MODEL_FILES.manifest)) ? await readCurrent(dir) : await readLegacy(dir, meta);
  const model = buildAsrModel(saved.config);
  try {
    if (saved.arrays.length !== model.variables.length) throw new InputFileError(saved.manifestFile, `${saved.arrays.length} weights, the config needs ${model.variables.length}`);
    model.variables.forEach((v, i) => {
      const { name, shape, values } = saved.arrays[i];
      if (name !== model.weightNames[i] || shape.join() !== v.shape.join()) {
        throw new InputFileError(saved.manifestFile, `weight ${i} is ${name} [${shape}], expected ${model.weightNames[i]} [${v.shape}]`);
      }
      tf.tidy(() => v.assign(tf.tensor(values, v.shape)));
    });
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { model, info: { kind: 'asr', version: 1, featureSpec: saved.featureSpec, alphabet: ASR_CHARACTERS, training: saved.training } };
}

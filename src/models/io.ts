/**
 * Saving and loading models without tfjs-node. A model directory holds:
 *   model.json   TensorFlow.js layers format (modelTopology + weightsManifest pointing at weights.bin), so
 *                tf.loadLayersModel reads it (over HTTP in a browser, or through modelDirHandler here);
 *   weights.bin  the weights, little-endian, in manifest order;
 *   kielo.json   ModelMetadata: kind, labels, featureSpec, config, metrics, engine, version, createdAt.
 * Models built from plain variables use saveWeights/loadWeights: weights.json (a manifest) + weights.bin + kielo.json;
 * saveWeightArrays/loadWeightArrays write and read the same files from plain Float32Arrays, creating no tensors (so a
 * model can be loaded, e.g. for the fast WaveNet generator, before any engine is initialised).
 * Every file is written atomically (temporary file + rename; a new directory appears complete or not at all), and
 * loading checks every file, throwing InputFileError naming the file and the reason.
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { writeFileAtomic } from '../util/atomic-file';
import { tf } from '../engine';
import { validateFeatureSpec, type FeatureSpec } from '../features';
import { InputFileError, messageOf } from '../util/errors';
import { parseJsonText } from '../util/json-file';

/** The file names inside a model directory. */
export const MODEL_FILES = { topology: 'model.json', weights: 'weights.bin', manifest: 'weights.json', metadata: 'kielo.json' } as const;

/** What travels with every saved model so inference reproduces training's front end. */
export interface ModelMetadata<Config = unknown> {
  /** Model family, e.g. 'lid', 'asr', 'wavenet'. */
  kind: string;
  /** Class labels in output order (empty for models without classes). */
  labels: string[];
  /** The front end the model was trained on; null for models that take raw samples without one. */
  featureSpec: FeatureSpec | null;
  /** The builder's config (serialisable JSON). */
  config: Config;
  /** Training/evaluation numbers, e.g. {valAccuracy: 0.98}. */
  metrics: Record<string, number>;
  /** Engine that trained it ('wasm', 'cpu', 'node'). */
  engine: string;
  /** Kielo version that wrote it. */
  version: string;
  /** ISO 8601 time of saving. */
  createdAt: string;
  /** Facts in words about how it was made, e.g. {data: DIR, recipe: 'kielo train ...'}; optional. */
  notes?: Record<string, string>;
  /** Posterior calibration fitted on validation data (classifiers); absent means temperature 1. */
  calibration?: PosteriorCalibration;
}

/** Temperature scaling of a classifier's posteriors: softmax(logits / temperature), with the fit's figures. */
export interface PosteriorCalibration {
  method: 'temperature';
  /** > 0; above 1 softens over-confident posteriors. */
  temperature: number;
  /** Validation items it was fitted on. */
  n: number;
  /** Validation NLL (nats) and top-label ECE (15 bins) before and after. */
  nllBefore: number;
  nllAfter: number;
  eceBefore: number;
  eceAfter: number;
}

/** One named float32 parameter without TensorFlow.js: its shape and row-major values. */
export interface WeightArray {
  name: string;
  shape: number[];
  values: Float32Array;
}

/** Metadata as callers supply it: version and createdAt are filled in when missing. */
export type ModelMetadataInput<Config = unknown> = Omit<ModelMetadata<Config>, 'version' | 'createdAt'> & Partial<Pick<ModelMetadata<Config>, 'version' | 'createdAt'>>;

const KIELO_VERSION: string = (() => {
  try {
    return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
  } catch {
    return '0.0.0';
  }
})();

/**
 * Writes `files` (name -> content) into `dir`. A new directory is assembled beside it and renamed into place, so it
 * appears complete; an existing one gets each file replaced atomically, in the given order.
 */
async function writeFilesAtomic(dir: string, files: [string, string | Uint8Array][]): Promise<void> {
  const exists = await stat(dir).then(() => true, () => false);
  if (exists) {
    for (const [name, data] of files) await writeFileAtomic(join(dir, name), data, { createFolder: true });
    return;
  }
  const temp = join(dirname(dir), `.${basename(dir)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(temp, { recursive: true });
    for (const [name, data] of files) await writeFile(join(temp, name), data);
    await rename(temp, dir);
  } catch (error) {
    await rm(temp, { recursive: true, force: true });
    throw error;
  }
}

/** Reads a file of a model directory; a missing or unreadable file becomes InputFileError naming it. */
export async function readModelFile(path: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(path, code === 'ENOENT' ? 'missing' : `cannot read: ${messageOf(error)}`);
  }
}

/** Parses a JSON file of a model directory; a missing file or bad JSON becomes InputFileError naming it. */
export async function readModelJson(path: string): Promise<unknown> {
  return parseJsonText(path, (await readModelFile(path)).toString('utf8'));
}

/** Splits a trainer's facts into ModelMetadata's metrics (numbers), engine, and notes (the other strings). */
export function metadataFromFacts(facts: Record<string, unknown>): Pick<ModelMetadata, 'metrics' | 'engine' | 'notes'> {
  const metrics: Record<string, number> = {};
  const notes: Record<string, string> = {};
  for (const [key, value] of Object.entries(facts)) {
    if (typeof value === 'number') metrics[key] = value;
    else if (typeof value === 'string' && key !== 'engine') notes[key] = value;
  }
  return { metrics, engine: typeof facts.engine === 'string' ? facts.engine : 'unknown', ...(Object.keys(notes).length ? { notes } : {}) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Bytes a weights manifest expects. */
function manifestBytes(specs: tf.io.WeightsManifestEntry[]): number {
  return specs.reduce((sum, spec) => {
    const bytesPer = spec.quantization ? (spec.quantization.dtype === 'uint8' ? 1 : 2) : spec.dtype === 'bool' ? 1 : 4;
    return sum + spec.shape.reduce((a, b) => a * b, 1) * bytesPer;
  }, 0);
}

/** Reads weights.bin and checks its size against `specs`. */
async function readWeightsBin(dir: string, specs: tf.io.WeightsManifestEntry[]): Promise<ArrayBuffer> {
  const path = join(dir, MODEL_FILES.weights);
  const bytes = await readModelFile(path);
  const expected = manifestBytes(specs);
  if (bytes.byteLength !== expected) {
    throw new InputFileError(path, `weight size mismatch: ${bytes.byteLength} bytes, the manifest expects ${expected}`);
  }
  return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
}

function checkSpecs(path: string, specs: unknown): tf.io.WeightsManifestEntry[] {
  if (!Array.isArray(specs) || !specs.every((s) => isRecord(s) && typeof s.name === 'string' && Array.isArray(s.shape) && typeof s.dtype === 'string')) {
    throw new InputFileError(path, 'weights manifest is not a list of {name, shape, dtype}');
  }
  return specs as tf.io.WeightsManifestEntry[];
}

/** Fills version and createdAt. */
function completeMetadata<C>(metadata: ModelMetadataInput<C>): ModelMetadata<C> {
  return { ...metadata, version: metadata.version ?? KIELO_VERSION, createdAt: metadata.createdAt ?? new Date().toISOString() };
}

/** Reads and checks DIR/kielo.json. */
export async function readModelMetadata<Config = unknown>(dir: string): Promise<ModelMetadata<Config>> {
  const path = join(dir, MODEL_FILES.metadata);
  const json = await readModelJson(path);
  if (!isRecord(json)) throw new InputFileError(path, 'expected a JSON object');
  for (const [key, type] of [['kind', 'string'], ['engine', 'string'], ['version', 'string'], ['createdAt', 'string']] as const) {
    if (typeof json[key] !== type) throw new InputFileError(path, `field '${key}' must be a ${type}`);
  }
  if (!Array.isArray(json.labels) || !json.labels.every((l) => typeof l === 'string')) throw new InputFileError(path, "field 'labels' must be a list of strings");
  if (!isRecord(json.metrics)) throw new InputFileError(path, "field 'metrics' must be an object");
  if (json.notes !== undefined && !(isRecord(json.notes) && Object.values(json.notes).every((v) => typeof v === 'string'))) {
    throw new InputFileError(path, "field 'notes' must be an object of strings");
  }
  let featureSpec: FeatureSpec | null = null;
  if (json.featureSpec !== null && json.featureSpec !== undefined) {
    try {
      featureSpec = validateFeatureSpec(json.featureSpec);
    } catch (error) {
      throw new InputFileError(path, `bad featureSpec: ${messageOf(error)}`);
    }
  }
  return { ...(json as unknown as ModelMetadata<Config>), featureSpec };
}

/** A tf.io handler reading and writing model.json + weights.bin in `dir` (what tf.loadLayersModel and model.save take). */
export function modelDirHandler(dir: string): tf.io.IOHandler {
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) throw new Error('saving binary (GraphDef) topologies is not supported');
      const weights = artifacts.weightData ? tf.io.CompositeArrayBuffer.join(artifacts.weightData) : new ArrayBuffer(0);
      const modelJson: tf.io.ModelJSON = {
        modelTopology: artifacts.modelTopology as object,
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version.tfjs}`,
        convertedBy: `Kielo ${KIELO_VERSION}`,
        weightsManifest: [{ paths: [MODEL_FILES.weights], weights: artifacts.weightSpecs ?? [] }],
        ...(artifacts.trainingConfig ? { trainingConfig: artifacts.trainingConfig } : {}),
      };
      await writeFilesAtomic(dir, [
        [MODEL_FILES.weights, new Uint8Array(weights)],
        [MODEL_FILES.topology, JSON.stringify(modelJson)],
      ]);
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },
    async load(): Promise<tf.io.ModelArtifacts> {
      const path = join(dir, MODEL_FILES.topology);
      const json = await readModelJson(path);
      if (!isRecord(json) || !isRecord(json.modelTopology)) throw new InputFileError(path, 'no modelTopology: not a TensorFlow.js layers model');
      const manifest = json.weightsManifest;
      if (!Array.isArray(manifest) || manifest.length !== 1 || !isRecord(manifest[0])) {
        throw new InputFileError(path, `weightsManifest must have one group pointing at ${MODEL_FILES.weights}`);
      }
      const specs = checkSpecs(path, manifest[0].weights);
      return {
        modelTopology: json.modelTopology,
        format: json.format as string | undefined,
        generatedBy: json.generatedBy as string | undefined,
        convertedBy: json.convertedBy as string | undefined,
        weightSpecs: specs,
        weightData: await readWeightsBin(dir, specs),
      };
    },
  };
}

/** Saves a layers model into `dir`: model.json + weights.bin, then kielo.json with `metadata`. Returns the metadata written. */
export async function saveModel<Config>(dir: string, model: tf.LayersModel, metadata: ModelMetadataInput<Config>): Promise<ModelMetadata<Config>> {
  const complete = completeMetadata(metadata);
  await model.save(modelDirHandler(dir));
  await writeFileAtomic(join(dir, MODEL_FILES.metadata), JSON.stringify(complete, null, 2), { createFolder: true });
  return complete;
}

/**
 * Loads a model saved by saveModel: the metadata first (so a missing kielo.json fails fast), then the model through
 * tf.loadLayersModel. Custom layers must be registered (tf.serialization.registerClass) by importing their module
 * before calling this. Throws InputFileError naming the file and reason.
 */
export async function loadModel<Config = unknown>(dir: string): Promise<{ model: tf.LayersModel; metadata: ModelMetadata<Config> }> {
  const metadata = await readModelMetadata<Config>(dir);
  try {
    const model = await tf.loadLayersModel(modelDirHandler(dir));
    return { model, metadata };
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw new InputFileError(join(dir, MODEL_FILES.topology), `cannot build the model: ${messageOf(error)}`);
  }
}

/** Writes weights.bin (DATA), weights.json (SPECS) and kielo.json into `dir`; returns the metadata written. */
async function writeWeightsDir<Config>(dir: string, data: Uint8Array, specs: tf.io.WeightsManifestEntry[], metadata: ModelMetadataInput<Config>): Promise<ModelMetadata<Config>> {
  const complete = completeMetadata(metadata);
  await writeFilesAtomic(dir, [
    [MODEL_FILES.weights, data],
    [MODEL_FILES.manifest, JSON.stringify({ format: 'kielo-weights', weights: specs })],
    [MODEL_FILES.metadata, JSON.stringify(complete, null, 2)],
  ]);
  return complete;
}

/** What a loader checks in kielo.json before the weights are read (throws InputFileError to refuse the model). */
export type MetadataCheck<Config> = (metadata: ModelMetadata<Config>) => void;

/** Reads kielo.json (then runs `check`), weights.json and weights.bin of `dir` (sizes checked against the manifest). */
async function readWeightsDir<Config>(dir: string, check?: MetadataCheck<Config>): Promise<{ metadata: ModelMetadata<Config>; specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer }> {
  const metadata = await readModelMetadata<Config>(dir);
  check?.(metadata);
  const path = join(dir, MODEL_FILES.manifest);
  const json = await readModelJson(path);
  if (!isRecord(json) || json.format !== 'kielo-weights') throw new InputFileError(path, 'not a Kielo weights manifest');
  const specs = checkSpecs(path, json.weights);
  return { metadata, specs, data: await readWeightsBin(dir, specs) };
}

/** Saves variables (by their names) or a name -> tensor map into `dir`: weights.json + weights.bin + kielo.json. */
export async function saveWeights<Config>(dir: string, tensors: tf.Variable[] | tf.NamedTensorMap, metadata: ModelMetadataInput<Config>): Promise<ModelMetadata<Config>> {
  const named = Array.isArray(tensors) ? Object.fromEntries(tensors.map((v) => [v.name, v])) : tensors;
  const { data, specs } = await tf.io.encodeWeights(named);
  return writeWeightsDir(dir, new Uint8Array(data as ArrayBuffer), specs, metadata);
}

/** Loads weights saved by saveWeights: a name -> tensor map (the caller disposes it) and the metadata. */
export async function loadWeights<Config = unknown>(dir: string): Promise<{ weights: tf.NamedTensorMap; metadata: ModelMetadata<Config> }> {
  const { metadata, specs, data } = await readWeightsDir<Config>(dir);
  return { weights: tf.io.decodeWeights(data, specs), metadata };
}

/** Saves float32 `arrays` in the order given into `dir`, in the files saveWeights writes (no tensors made). */
export async function saveWeightArrays<Config>(dir: string, arrays: WeightArray[], metadata: ModelMetadataInput<Config>): Promise<ModelMetadata<Config>> {
  for (const { name, shape, values } of arrays) {
    const size = shape.reduce((a, b) => a * b, 1);
    if (values.length !== size) throw new Error(`weight '${name}' has ${values.length} values, its shape [${shape}] needs ${size}`);
  }
  const data = new Float32Array(arrays.reduce((sum, a) => sum + a.values.length, 0));
  let offset = 0;
  for (const { values } of arrays) {
    data.set(values, offset);
    offset += values.length;
  }
  const specs = arrays.map(({ name, shape }) => ({ name, shape, dtype: 'float32' as const }));
  return writeWeightsDir(dir, new Uint8Array(data.buffer), specs, metadata);
}

/**
 * Cuts row-major float32 `all` into one WeightArray per entry, in order (views, no copies); `floats` is how many
 * values the entries need together, for the caller to check against all.length.
 */
export function sliceWeightArrays(all: Float32Array, entries: { name: string; shape: number[] }[]): { arrays: WeightArray[]; floats: number } {
  let offset = 0;
  const arrays = entries.map(({ name, shape }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    offset += size;
    return { name, shape, values: all.subarray(offset - size, offset) };
  });
  return { arrays, floats: offset };
}

/**
 * Loads float32 weights saved by saveWeights or saveWeightArrays as Float32Arrays in manifest order (no tensors
 * made). `check` sees the metadata before the weights are read, so a model of the wrong kind is refused as such.
 */
export async function loadWeightArrays<Config = unknown>(dir: string, check?: MetadataCheck<Config>): Promise<{ arrays: WeightArray[]; metadata: ModelMetadata<Config> }> {
  const { metadata, specs, data } = await readWeightsDir<Config>(dir, check);
  const other = specs.find((spec) => spec.dtype !== 'float32' || spec.quantization);
  if (other) throw new InputFileError(join(dir, MODEL_FILES.manifest), `weight '${other.name}' is ${other.quantization ? 'quantised' : other.dtype}: only float32 loads without TensorFlow.js`);
  return { arrays: sliceWeightArrays(new Float32Array(data), specs).arrays, metadata };
}

/**
 * Assigns loaded `weights` to `variables` by name, checking that every variable is present with its shape; `file`
 * names the source in errors. Extra weights are an error too (a different model).
 */
export function assignWeights(variables: tf.Variable[], weights: tf.NamedTensorMap, file: string): void {
  const names = new Set(variables.map((v) => v.name));
  const extra = Object.keys(weights).filter((name) => !names.has(name));
  if (extra.length) throw new InputFileError(file, `weights not in the model: ${extra.join(', ')}`);
  for (const v of variables) {
    const w = weights[v.name];
    if (!w) throw new InputFileError(file, `missing weight '${v.name}'`);
    if (!tf.util.arraysEqual(w.shape, v.shape)) throw new InputFileError(file, `weight '${v.name}' has shape [${w.shape}], the model expects [${v.shape}]`);
  }
  for (const v of variables) v.assign(weights[v.name]);
}

/**
 * A WaveNet on disk, in the model files of ../io (saveWeightArrays): DIR/kielo.json (kind 'wavenet', labels, config,
 * metrics, engine, notes), DIR/weights.json (parameter names, shapes, float32) and DIR/weights.bin. Loading creates no
 * tensors, so generation starts without initialising an engine. Models saved before this format (kielo.json listing
 * the weights, no weights.json) still load.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { InputFileError, messageOf } from '../../util/errors';
import { loadWeightArrays, metadataFromFacts, MODEL_FILES, readModelFile, readModelJson, saveWeightArrays, sliceWeightArrays, type ModelMetadata, type WeightArray } from '../io';
import { receptiveFieldOf, resolveWavenetConfig, type WavenetConfig } from './config';
import { wavenetParamShapes } from './build';
import { validateWavenetWeights, type WavenetWeights } from './weights';

/** What a loaded WaveNet's kielo.json says, plus its receptive field (samples of context one prediction sees). */
export type WavenetMetadata = ModelMetadata<WavenetConfig> & { receptiveField: number };

/** Training figures as the trainer reports them: numbers are metrics, `engine` is the engine, other strings notes. */
export type WavenetFacts = Record<string, number | string>;

/** Writes weights and training facts (e.g. {valBitsPerSample, epochs, engine, data}) to DIR atomically. */
export async function saveWavenet(dir: string, weights: WavenetWeights, facts: WavenetFacts = {}): Promise<void> {
  const { config, tensors } = validateWavenetWeights(weights);
  const arrays = wavenetParamShapes(config).map(([name, shape]) => ({ name, shape, values: tensors.get(name)! }));
  // an unconditioned model's files stay as they were before local conditioning existed (no condition field)
  const { condition, ...unconditioned } = config;
  const saved = condition === 'none' ? (unconditioned as WavenetConfig) : config;
  await saveWeightArrays(dir, arrays, { kind: 'wavenet', labels: config.labels, featureSpec: config.melSpec ?? null, config: saved, ...metadataFromFacts(facts) });
}

/** Reads a model saved before WaveNets used ../io: kielo.json {kind, config, weights: [{name, shape}], metrics, createdAt} + raw float32 weights.bin. */
async function loadLegacyWavenet(dir: string): Promise<{ arrays: WeightArray[]; metadata: ModelMetadata<WavenetConfig> }> {
  const metaFile = join(dir, MODEL_FILES.metadata);
  const binFile = join(dir, MODEL_FILES.weights);
  const json = (await readModelJson(metaFile)) as { kind?: unknown; config?: WavenetConfig; weights?: { name: string; shape: number[] }[]; metrics?: WavenetFacts; createdAt?: string } | null;
  checkKind(metaFile, json?.kind);
  if (!Array.isArray(json!.weights)) throw new InputFileError(metaFile, `no ${MODEL_FILES.manifest} beside it and no list of weights in it`);
  const bytes = await readModelFile(binFile);
  const all = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength - (bytes.byteLength % 4)));
  const { arrays, floats } = sliceWeightArrays(all, json!.weights);
  if (floats * 4 !== bytes.byteLength) throw new InputFileError(binFile, `holds ${bytes.byteLength} bytes, the weights listed in ${MODEL_FILES.metadata} need ${floats * 4}`);
  const config = json!.config as WavenetConfig;
  return { arrays, metadata: { kind: 'wavenet', labels: config?.labels ?? [], featureSpec: null, config, ...metadataFromFacts(json!.metrics ?? {}), version: 'unknown', createdAt: json!.createdAt ?? 'unknown' } };
}

/** Throws InputFileError unless KIND is 'wavenet'. */
function checkKind(metaFile: string, kind: unknown): void {
  if (kind !== 'wavenet') throw new InputFileError(metaFile, `not a WaveNet model (kind ${JSON.stringify(kind)})`);
}

/** Reads a WaveNet saved by saveWavenet (or an older one); errors name the file and what is wrong with it. */
export async function loadWavenet(dir: string): Promise<WavenetWeights & { metadata: WavenetMetadata }> {
  const metaFile = join(dir, MODEL_FILES.metadata);
  // the kind is checked before the weights are read: a foreign model's sizes say nothing
  const saved = existsSync(join(dir, MODEL_FILES.manifest)) ? await loadWeightArrays<WavenetConfig>(dir, (m) => checkKind(metaFile, m.kind)) : await loadLegacyWavenet(dir);
  let config: WavenetConfig;
  try {
    config = resolveWavenetConfig(saved.metadata.config);
  } catch (error) {
    throw new InputFileError(metaFile, messageOf(error));
  }
  const tensors = new Map(saved.arrays.map(({ name, values }) => [name, values]));
  const needed = new Set(wavenetParamShapes(config).map(([name]) => name));
  const extra = [...tensors.keys()].filter((name) => !needed.has(name));
  try {
    if (extra.length) throw new Error(`wavenet weights: ${extra.join(', ')} not in the model`);
    validateWavenetWeights({ config, tensors });
  } catch (error) {
    throw new InputFileError(join(dir, MODEL_FILES.weights), `${messageOf(error)} (the weights do not fit the config)`);
  }
  return { config, tensors, metadata: { ...saved.metadata, config, receptiveField: receptiveFieldOf(config) } };
}

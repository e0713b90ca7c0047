/**
 * Saving and loading a recogniser: MODEL/model.json (config + weight manifest), MODEL/weights.bin (float32,
 * little-endian, in manifest order) and MODEL/kielo.json (the FeatureSpec and alphabet that inference must
 * reproduce, plus training metadata). Written atomically, read without tfjs-node.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { tf } from '../../engine';
import { validateFeatureSpec, type FeatureSpec } from '../../features';
import { InputFileError, messageOf } from '../../util/errors';
import { writeFileAtomic } from '../io';
import { ASR_CHARACTERS } from './alphabet';
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
  /** Free-form training facts (epochs, validation CER, engine, seconds, data). */
  training: Record<string, unknown>;
}

/** A loaded recogniser and its metadata. */
export interface LoadedAsrModel {
  model: AsrModel;
  info: AsrModelInfo;
}

interface WeightManifest {
  format: 'kielo-asr';
  version: 1;
  config: AsrModelConfig;
  weights: { name: string; shape: number[] }[];
}

/** Writes `model` and its metadata into directory `dir` (created if needed). */
export async function saveAsrModel(dir: string, model: AsrModel, info: Omit<AsrModelInfo, 'kind' | 'version' | 'alphabet'>): Promise<void> {
  const values = await Promise.all(model.variables.map((v) => v.data() as Promise<Float32Array>));
  const total = values.reduce((n, v) => n + v.length, 0);
  const weights = new Float32Array(total);
  let offset = 0;
  for (const v of values) {
    weights.set(v, offset);
    offset += v.length;
  }
  const manifest: WeightManifest = {
    format: 'kielo-asr',
    version: 1,
    config: model.config,
    weights: model.variables.map((v, i) => ({ name: model.weightNames[i], shape: v.shape })),
  };
  const meta: AsrModelInfo = { kind: 'asr', version: 1, alphabet: ASR_CHARACTERS, ...info };
  await writeFileAtomic(join(dir, 'weights.bin'), new Uint8Array(weights.buffer));
  await writeFileAtomic(join(dir, 'model.json'), JSON.stringify(manifest, null, 1));
  await writeFileAtomic(join(dir, 'kielo.json'), JSON.stringify(meta, null, 1));
}

async function readJson(file: string): Promise<Record<string, unknown>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    throw new InputFileError(file, (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file (not a Kielo ASR model directory?)' : messageOf(error));
  }
  try {
    const json = JSON.parse(text);
    if (typeof json !== 'object' || json === null) throw new Error('not a JSON object');
    return json;
  } catch (error) {
    throw new InputFileError(file, `bad JSON: ${messageOf(error)}`);
  }
}

/** Loads a recogniser saved by saveAsrModel; every problem is an InputFileError naming the file. */
export async function loadAsrModel(dir: string): Promise<LoadedAsrModel> {
  const metaFile = join(dir, 'kielo.json'), manifestFile = join(dir, 'model.json'), weightsFile = join(dir, 'weights.bin');
  const meta = await readJson(metaFile);
  if (meta.kind !== 'asr') throw new InputFileError(metaFile, `model kind is ${JSON.stringify(meta.kind)}, expected "asr"`);
  if (meta.alphabet !== ASR_CHARACTERS) throw new InputFileError(metaFile, `alphabet ${JSON.stringify(meta.alphabet)} is not this build's ${JSON.stringify(ASR_CHARACTERS)}`);
  let featureSpec: FeatureSpec;
  try {
    featureSpec = validateFeatureSpec(meta.featureSpec);
  } catch (error) {
    throw new InputFileError(metaFile, messageOf(error));
  }
  const manifest = (await readJson(manifestFile)) as unknown as WeightManifest;
  if (manifest.format !== 'kielo-asr' || !Array.isArray(manifest.weights)) throw new InputFileError(manifestFile, 'not a kielo-asr weight manifest');
  let config: AsrModelConfig;
  try {
    config = resolveAsrModelConfig(manifest.config);
  } catch (error) {
    throw new InputFileError(manifestFile, messageOf(error));
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(weightsFile);
  } catch (error) {
    throw new InputFileError(weightsFile, messageOf(error));
  }
  const model = buildAsrModel(config);
  try {
    const expected = model.variables.reduce((n, v) => n + v.size, 0);
    if (bytes.byteLength !== expected * 4) throw new InputFileError(weightsFile, `${bytes.byteLength} bytes, expected ${expected * 4} for this config`);
    const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    let offset = 0;
    model.variables.forEach((v, i) => {
      const entry = manifest.weights[i];
      if (!entry || entry.name !== model.weightNames[i] || entry.shape.join() !== v.shape.join()) {
        throw new InputFileError(manifestFile, `weight ${i} is ${JSON.stringify(entry)}, expected ${model.weightNames[i]} [${v.shape}]`);
      }
      tf.tidy(() => v.assign(tf.tensor(data.subarray(offset, offset + v.size), v.shape)));
      offset += v.size;
    });
  } catch (error) {
    model.dispose();
    throw error;
  }
  return { model, info: { kind: 'asr', version: 1, featureSpec, alphabet: ASR_CHARACTERS, training: (meta.training as Record<string, unknown>) ?? {} } };
}

/**
 * A generative model on disk, in the model files of ../io: kielo.json (kind 'ae' | 'vae' | 'gan', the log-mel
 * FeatureSpec, the GenerativeConfig, training figures), weights.json + weights.bin, and training.json (the curves:
 * per-epoch records and, for the GAN, both players' losses per step) for the studio's plots.
 */
import { join } from 'node:path';
import { writeFileAtomic } from '../../util/atomic-file';
import { tf } from '../../engine';
import { validateFeatureSpec, type FeatureSpec } from '../../features';
import { InputFileError, messageOf } from '../../util/errors';
import { parseJsonText } from '../../util/json-file';
import { loadWeightArrays, metadataFromFacts, MODEL_FILES, readModelFile, readModelJson, saveWeightArrays, type ModelMetadata } from '../io';
import { GENERATIVE_KINDS, validateGenerativeConfig, type GenerativeConfig, type GenerativeKind } from './config';
import { buildGenerative, generativeParamShapes, readNetWeights, type GenerativeNet } from './network';

/** The curves file of a generative model directory. */
export const CURVES_FILE = 'training.json';

/** Training curves as saved: one record per epoch, and named per-step series (e.g. the GAN's two losses). */
export interface GenerativeCurves {
  epochs: { epoch: number; trainLoss: number; validation: Record<string, number> | null; seconds: number }[];
  steps: Record<string, number[]>;
}

/** A loaded generative model: its network (tf.Variables), front end and metadata. */
export interface LoadedGenerative {
  dir: string;
  net: GenerativeNet;
  spec: FeatureSpec;
  metadata: ModelMetadata<GenerativeConfig>;
}

/** Writes a network with its front end, training facts (numbers are metrics, strings notes) and curves to DIR atomically. */
export async function saveGenerative(dir: string, net: GenerativeNet, spec: FeatureSpec, facts: Record<string, number | string>, curves?: GenerativeCurves): Promise<void> {
  const arrays = await readNetWeights(net);
  await saveWeightArrays(dir, arrays, { kind: net.config.kind, labels: [], featureSpec: spec, config: net.config, ...metadataFromFacts(facts) });
  if (curves) await writeFileAtomic(join(dir, CURVES_FILE), JSON.stringify(curves));
}

/** What a kind is called in messages. */
export const KIND_NAMES: Record<GenerativeKind, string> = { ae: 'autoencoder', vae: 'VAE', gan: 'GAN' };
const ARTICLES: Record<GenerativeKind, string> = { ae: 'an', vae: 'a', gan: 'a' };

/**
 * Loads a model saved by saveGenerative into fresh variables. `kinds` are the kinds the caller can use (default all
 * three); any other kind is refused with an InputFileError naming kielo.json and the kind it holds.
 */
export async function loadGenerative(dir: string, kinds: readonly GenerativeKind[] = GENERATIVE_KINDS): Promise<LoadedGenerative> {
  const metaFile = join(dir, MODEL_FILES.metadata);
  const { arrays, metadata } = await loadWeightArrays<GenerativeConfig>(dir, (m) => {
    if (!(kinds as readonly string[]).includes(m.kind)) {
      const wanted = kinds.map((k) => `${ARTICLES[k]} ${KIND_NAMES[k]} ('${k}')`).join(' or ');
      throw new InputFileError(metaFile, `a model of kind '${m.kind}'; this needs ${wanted}`);
    }
  });
  let config: GenerativeConfig;
  let spec: FeatureSpec;
  try {
    config = validateGenerativeConfig({ ...metadata.config, kind: metadata.kind as GenerativeKind });
    if (!metadata.featureSpec) throw new Error('no featureSpec');
    spec = validateFeatureSpec(metadata.featureSpec);
    if (spec.kind !== 'logmel' || spec.nMels !== config.nMels) throw new Error(`featureSpec must be log-mel with nMels ${config.nMels}`);
  } catch (error) {
    throw new InputFileError(metaFile, messageOf(error));
  }
  const byName = new Map(arrays.map((a) => [a.name, a]));
  const shapes = generativeParamShapes(config);
  const weightsFile = join(dir, MODEL_FILES.weights);
  for (const [name, shape] of shapes) {
    const a = byName.get(name);
    if (!a) throw new InputFileError(weightsFile, `missing weight '${name}'`);
    if (!tf.util.arraysEqual(a.shape, shape)) throw new InputFileError(weightsFile, `weight '${name}' has shape [${a.shape}], the config needs [${shape}]`);
  }
  if (arrays.length !== shapes.length) throw new InputFileError(weightsFile, `${arrays.length} weights, the config has ${shapes.length}`);
  const net = buildGenerative(config);
  for (const [name, variable] of net.params) tf.tidy(() => variable.assign(tf.tensor(byName.get(name)!.values, variable.shape, 'float32')));
  return { dir, net, spec, metadata: { ...metadata, config } };
}

/** The generative kind in DIR/kielo.json, or null when it holds another kind or cannot be read (the caller's loader says why). */
export async function generativeKindOf(dir: string): Promise<GenerativeKind | null> {
  try {
    const kind = ((await readModelJson(join(dir, MODEL_FILES.metadata))) as { kind?: unknown } | null)?.kind;
    return (GENERATIVE_KINDS as readonly unknown[]).includes(kind) ? (kind as GenerativeKind) : null;
  } catch {
    return null;
  }
}

/** Reads DIR/training.json; null when the model has none. */
export async function loadGenerativeCurves(dir: string): Promise<GenerativeCurves | null> {
  const path = join(dir, CURVES_FILE);
  let text: string;
  try {
    text = (await readModelFile(path)).toString('utf8');
  } catch {
    return null;
  }
  const json = parseJsonText(path, text) as GenerativeCurves;
  if (!json || !Array.isArray(json.epochs) || typeof json.steps !== 'object') throw new InputFileError(path, 'not a curves file ({epochs, steps})');
  return json;
}

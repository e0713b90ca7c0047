/**
 * Fine-tuning a LID model (trainLid's initFrom): a saved model's FeatureSpec, front end, TDNN and embedding are
 * copied into a freshly built model of the same shape; its classifier keeps one row per known label and grows a
 * small new row for each label the data adds. Which layers stay fixed is a FreezePart.
 */
import { resolve } from 'node:path';
import { tf } from '../engine';
import type { FeatureSpec } from '../features';
import { buildLidModel, LOGITS_LAYER, type Frontend, type LidModelConfig } from '../models/lid';
import { readModelMetadata } from '../models/io';
import { InputFileError } from '../util/errors';
import { loadLid } from './lid-infer';

/**
 * Layers kept fixed while fine-tuning, each choice including the ones before it: 'none'; 'frontend' (the learned
 * or SincNet filterbank; the MFCC front end has no weights); 'tdnn' (the filterbank and the TDNN, so only the
 * embedding and the classifier train).
 */
export const FREEZE_PARTS = ['none', 'frontend', 'tdnn'] as const;
/** One FREEZE_PARTS choice. */
export type FreezePart = (typeof FREEZE_PARTS)[number];

/** The layers each FreezePart keeps fixed (buildLidModel's layer names). */
const FROZEN_LAYERS: Record<FreezePart, readonly string[]> = { none: [], frontend: ['filterbank'], tdnn: ['filterbank', 'tdnn'] };

/** Where a fine-tuned model started, as its kielo.json records it (config.initFrom). */
export interface LidInitRecord {
  /** The model directory, absolute. */
  model: string;
  kind: string;
  /** Its labels (output rows), in order; the new model's labels start with these. */
  labels: string[];
  /** Labels of the data the model did not have (new output rows). */
  addedLabels: string[];
  createdAt: string;
}

/** A model ready to fine-tune: built with the saved one's config and weights, its classifier grown to `labels`. */
export interface LidInit {
  model: tf.LayersModel;
  labels: string[];
  config: LidModelConfig;
  spec: FeatureSpec;
  record: LidInitRecord;
}

/** Explicit options of the run that must agree with the saved model (undefined: take the model's). */
export interface LidInitOverrides {
  frontend?: Frontend;
  activation?: LidModelConfig['activation'];
  model?: Partial<LidModelConfig>;
  /** Dropout only acts in training, so it may differ. Default: the model's. */
  dropout?: number;
  /** Seed of the new rows and of dropout. */
  seed: number;
}

/** Standard deviation of a new label's classifier weights: small, so the known labels' logits barely move. */
const NEW_ROW_STD = 0.01;

/**
 * Loads the LID model in `dir` and builds its copy for fine-tuning on data labelled `dataLabels`. Labels the model
 * has keep their rows (and their order); the data's other labels get new rows after them (weights N(0, 0.01^2),
 * bias the mean of the known biases). An explicit override that disagrees with the model is an InputFileError
 * naming `dir` and the field.
 */
export async function initLidFrom(dir: string, dataLabels: string[], overrides: LidInitOverrides): Promise<LidInit> {
  const saved = await loadLid(dir);
  try {
    const given: Partial<LidModelConfig> = { ...overrides.model, frontend: overrides.frontend, activation: overrides.activation };
    const differing = Object.entries(given)
      .filter(([key, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(saved.config[key as keyof LidModelConfig]))
      .map(([key, value]) => `${key === 'frontend' || key === 'activation' ? key : `model.${key}`} ${JSON.stringify(value)} (model: ${JSON.stringify(saved.config[key as keyof LidModelConfig])})`);
    if (differing.length) throw new InputFileError(dir, `cannot continue from this model: ${differing.join(', ')}`);
    const addedLabels = dataLabels.filter((l) => !saved.labels.includes(l));
    const labels = [...saved.labels, ...addedLabels];
    const config: LidModelConfig = { ...saved.config, dropout: overrides.dropout ?? saved.config.dropout, seed: overrides.seed };
    const model = buildLidModel(config, labels.length);
    copyWeights(saved.model, model, saved.labels.length, overrides.seed, dir);
    const meta = await readModelMetadata(dir);
    return { model, labels, config, spec: saved.spec, record: { model: resolve(dir), kind: meta.kind, labels: saved.labels, addedLabels, createdAt: meta.createdAt } };
  } finally {
    saved.model.dispose();
  }
}

/** Copies every weighted layer of `from` into the same-named layer of `to`; the classifier's extra rows are new. */
function copyWeights(from: tf.LayersModel, to: tf.LayersModel, knownLabels: number, seed: number, dir: string): void {
  for (const layer of to.layers) {
    if (layer.weights.length === 0) continue;
    const source = from.layers.find((l) => l.name === layer.name);
    if (!source) throw new InputFileError(dir, `cannot continue from this model: it has no layer '${layer.name}'`);
    const weights = source.getWeights();
    if (layer.name === LOGITS_LAYER) {
      const [kernel, bias] = weights;
      const added = (layer.weights[0].shape[1] as number) - knownLabels;
      const grown = tf.tidy(() => added === 0 ? [kernel.clone(), bias.clone()] : [
        tf.concat([kernel, tf.randomNormal([kernel.shape[0], added], 0, NEW_ROW_STD, 'float32', seed + 5)], 1),
        tf.concat([bias, tf.fill([added], bias.mean().dataSync()[0])]),
      ]);
      layer.setWeights(grown);
      tf.dispose(grown);
    } else {
      const shapes = (ws: { shape: (number | null)[] }[]) => JSON.stringify(ws.map((w) => w.shape));
      if (shapes(weights) !== shapes(layer.weights)) {
        throw new InputFileError(dir, `cannot continue from this model: layer '${layer.name}' has weights ${shapes(weights)}, expected ${shapes(layer.weights)}`);
      }
      layer.setWeights(weights);
    }
  }
}

/** The variables a run trains: the model's trainable weights less those of the layers `freeze` keeps fixed, in model order. */
export function trainableVariables(model: tf.LayersModel, freeze: FreezePart): tf.Variable[] {
  const frozen = new Set(FROZEN_LAYERS[freeze].flatMap((name) => model.layers.find((l) => l.name === name)?.trainableWeights.map((w) => w.id) ?? []));
  return model.trainableWeights.filter((w) => !frozen.has(w.id)).map((w) => w.read() as tf.Variable);
}

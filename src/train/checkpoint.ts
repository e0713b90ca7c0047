/**
 * Training checkpoints: DIR/checkpoint.json (loop state, tensor manifest) + DIR/weights-E-S.bin (variables, optimizer
 * state, best weights). The weights file is written first under a fresh name, then the JSON is replaced atomically,
 * then older weights files are removed, so a kill at any moment leaves one complete checkpoint.
 */
import { existsSync } from 'node:fs';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { tf } from '../engine';
import { isTempFileOf, writeFileAtomic } from '../util/atomic-file';
import { InputFileError } from '../util/errors';
import { readJsonFile } from '../util/json-file';
import type { GradientTotals } from './gradients';
import type { NamedTensor } from './optimizer';
import type { EpochRecord } from './types';

/** The loop's own state at a checkpoint (plain data). */
export interface LoopState {
  /** Epochs completed. */
  epoch: number;
  /** Steps completed in epoch + 1 (0 at an epoch boundary). */
  step: number;
  history: EpochRecord[];
  bestEpoch: number;
  bestValue: number | null;
  /** Sums for the epoch in progress when step > 0. */
  partial: { lossSum: number; totals: GradientTotals } | null;
  /** Whether patience ended the run (a resume then trains no further). */
  stoppedEarly: boolean;
}

/** Everything a checkpoint holds. */
export interface Checkpoint {
  state: LoopState;
  seed: number;
  /** OptimizerConfig.name whose state this holds. */
  optimizerName: string;
  /** Variable names at save time (informational: variables are matched by position and shape). */
  variableNames: string[];
  variables: tf.Tensor[];
  optimizer: NamedTensor[];
  /** The best epoch's weights (when something is monitored), in variable order. */
  best: tf.Tensor[] | null;
}

interface CheckpointJson {
  format: 'kielo-checkpoint';
  version: 1;
  seed: number;
  optimizerName: string;
  weightsFile: string;
  specs: tf.io.WeightsManifestEntry[];
  variableNames: string[];
  optimizerNames: string[];
  hasBest: boolean;
  state: LoopState;
  savedAt: string;
}

/** A checkpoint's weights file: weights-EPOCH-STEP.bin. */
const WEIGHTS_FILE = /^weights-\d+-\d+\.bin$/;

/** The checkpoint JSON's path inside `dir`. */
export function checkpointPath(dir: string): string {
  return join(dir, 'checkpoint.json');
}

/** Saves a checkpoint into `dir` (created if needed). */
export async function saveCheckpoint(dir: string, checkpoint: Checkpoint): Promise<void> {
  const { state, variables, optimizer, best } = checkpoint;
  const named: NamedTensor[] = [
    ...variables.map((tensor, i) => ({ name: `variable/${i}`, tensor })),
    ...optimizer.map(({ tensor }, i) => ({ name: `optimizer/${i}`, tensor })),
    ...(best ?? []).map((tensor, i) => ({ name: `best/${i}`, tensor })),
  ];
  const { data, specs } = await tf.io.encodeWeights(named);
  const weightsFile = `weights-${state.epoch}-${state.step}.bin`;
  await writeFileAtomic(join(dir, weightsFile), new Uint8Array(data as ArrayBuffer), { createFolder: true });
  const json: CheckpointJson = {
    format: 'kielo-checkpoint',
    version: 1,
    seed: checkpoint.seed,
    optimizerName: checkpoint.optimizerName,
    weightsFile,
    specs,
    variableNames: checkpoint.variableNames,
    optimizerNames: optimizer.map((o) => o.name),
    hasBest: best !== null,
    state,
    savedAt: new Date().toISOString(),
  };
  await writeFileAtomic(checkpointPath(dir), JSON.stringify(json), { createFolder: true });
  for (const name of await readdir(dir)) {
    const debris = (WEIGHTS_FILE.test(name) && name !== weightsFile) || isTempFileOf(name, /^(checkpoint\.json|weights-\d+-\d+\.bin)$/);
    if (debris) await rm(join(dir, name), { force: true }); // older weights, and writes cut short by a killed process
  }
}

/** Bytes each tensor of `specs` takes in the weights file. */
function specBytes(spec: tf.io.WeightsManifestEntry): number {
  const bytesPer = spec.dtype === 'bool' ? 1 : 4;
  return spec.shape.reduce((a, b) => a * b, 1) * bytesPer;
}

/** Loads the checkpoint in `dir`, or null when there is none; a damaged one throws InputFileError naming the file. */
export async function loadCheckpoint(dir: string): Promise<Checkpoint | null> {
  const jsonPath = checkpointPath(dir);
  if (!existsSync(jsonPath)) return null;
  const json = (await readJsonFile(jsonPath)) as CheckpointJson | null;
  if (json === null || typeof json !== 'object' || json.format !== 'kielo-checkpoint' || !Array.isArray(json.specs) || typeof json.weightsFile !== 'string') {
    throw new InputFileError(jsonPath, 'not a Kielo training checkpoint');
  }
  const weightsPath = join(dir, json.weightsFile);
  let bytes: Buffer;
  try {
    bytes = await readFile(weightsPath);
  } catch (error) {
    throw new InputFileError(weightsPath, `cannot read checkpoint weights: ${(error as Error).message}`);
  }
  const expected = json.specs.reduce((sum, spec) => sum + specBytes(spec), 0);
  if (bytes.byteLength !== expected) {
    throw new InputFileError(weightsPath, `weights file has ${bytes.byteLength} bytes, the manifest expects ${expected}`);
  }
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
  const map = tf.io.decodeWeights(buffer, json.specs);
  const nVariables = json.variableNames.length;
  return {
    state: json.state,
    seed: json.seed,
    optimizerName: json.optimizerName,
    variableNames: json.variableNames,
    variables: json.variableNames.map((_, i) => map[`variable/${i}`]),
    optimizer: json.optimizerNames.map((name, i) => ({ name, tensor: map[`optimizer/${i}`] })),
    best: json.hasBest ? Array.from({ length: nVariables }, (_, i) => map[`best/${i}`]) : null,
  };
}

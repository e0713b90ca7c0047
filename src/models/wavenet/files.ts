/**
 * A WaveNet on disk: DIR/kielo.json (kind 'wavenet', config, weight manifest, metrics, createdAt) and
 * DIR/weights.bin (float32 little-endian, parameters in manifest order). Loading needs no TensorFlow.js, so
 * generation starts without initialising an engine.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io';
import { InputFileError } from '../../util/errors';
import { receptiveFieldOf, resolveWavenetConfig, type WavenetConfig } from './config';
import { wavenetParamShapes } from './build';
import { validateWavenetWeights, type WavenetWeights } from './weights';

/** What kielo.json of a WaveNet holds. */
export interface WavenetMetadata {
  kind: 'wavenet';
  config: WavenetConfig;
  /** The conditioning labels (= config.labels; top level so model lists can show them). */
  labels: string[];
  /** Samples of context one prediction sees. */
  receptiveField: number;
  /** Parameters in weights.bin order. */
  weights: { name: string; shape: number[] }[];
  /** Training figures (e.g. valBitsPerSample, epochs, engine). */
  metrics: Record<string, number | string>;
  /** ISO time of saving. */
  createdAt: string;
}

/** Writes weights (+ metrics) to DIR/kielo.json and DIR/weights.bin atomically. */
export async function saveWavenet(dir: string, weights: WavenetWeights, metrics: Record<string, number | string> = {}): Promise<void> {
  const { config, tensors } = validateWavenetWeights(weights);
  const shapes = wavenetParamShapes(config);
  const total = shapes.reduce((sum, [, shape]) => sum + shape.reduce((a, b) => a * b, 1), 0);
  const data = new Float32Array(total);
  let offset = 0;
  for (const [name] of shapes) {
    data.set(tensors.get(name)!, offset);
    offset += tensors.get(name)!.length;
  }
  const metadata: WavenetMetadata = { kind: 'wavenet', config, labels: config.labels, receptiveField: receptiveFieldOf(config), weights: shapes.map(([name, shape]) => ({ name, shape })), metrics, createdAt: new Date().toISOString() };
  await writeFileAtomic(join(dir, 'weights.bin'), new Uint8Array(data.buffer));
  await writeFileAtomic(join(dir, 'kielo.json'), `${JSON.stringify(metadata, null, 2)}\n`);
}

/** Reads a WaveNet saved by saveWavenet; errors name the file and what is wrong with it. */
export async function loadWavenet(dir: string): Promise<WavenetWeights & { metadata: WavenetMetadata }> {
  const metaFile = join(dir, 'kielo.json');
  const binFile = join(dir, 'weights.bin');
  let metadata: WavenetMetadata;
  try {
    metadata = JSON.parse(await readFile(metaFile, 'utf8'));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new InputFileError(metaFile, code === 'ENOENT' ? 'not found (is this a model directory?)' : code ? `cannot read (${code})` : `not valid JSON (${(error as Error).message})`);
  }
  if (metadata?.kind !== 'wavenet') throw new InputFileError(metaFile, `not a WaveNet model (kind ${JSON.stringify(metadata?.kind)})`);
  let config: WavenetConfig;
  try {
    config = resolveWavenetConfig(metadata.config);
  } catch (error) {
    throw new InputFileError(metaFile, (error as Error).message);
  }
  let bytes: Buffer;
  try {
    bytes = await readFile(binFile);
  } catch (error) {
    throw new InputFileError(binFile, `cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  const shapes = wavenetParamShapes(config);
  const total = shapes.reduce((sum, [, shape]) => sum + shape.reduce((a, b) => a * b, 1), 0);
  if (bytes.length !== total * 4) throw new InputFileError(binFile, `holds ${bytes.length} bytes, the config needs ${total * 4}`);
  const data = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
  const tensors = new Map<string, Float32Array>();
  let offset = 0;
  for (const [name, shape] of shapes) {
    const size = shape.reduce((a, b) => a * b, 1);
    tensors.set(name, data.subarray(offset, offset + size));
    offset += size;
  }
  return { config, tensors, metadata: { ...metadata, config } };
}

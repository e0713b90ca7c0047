/**
 * Posterior calibration of a trained classifier: its logits on held-out batches, a temperature fitted to them
 * (src/metrics/calibration.ts: minimum NLL over T), and the figures saved in the model's metadata.calibration.
 * The LID recipe fits on whole validation files (wholeFileBatches), as inference classifies whole files.
 */
import { tf } from '../engine';
import { featureBatch, fitLength, type FeatureBatch, type PcmCache } from '../datasets';
import type { FeatureSpec } from '../features';
import { expectedCalibrationError, fitTemperature, softmaxAt } from '../metrics/calibration';
import type { PosteriorCalibration } from '../models/io';

/** Logits [items][classes] and true classes of `batches` under `logitsModel` (inference mode). */
export async function logitsOfBatches(logitsModel: tf.LayersModel, batches: Iterable<FeatureBatch>): Promise<{ logits: number[][]; actual: number[] }> {
  const logits: number[][] = [];
  const actual: number[] = [];
  for (const b of batches) {
    const x = tf.tensor3d(b.data, [b.batch, b.frames, b.dims]);
    const out = tf.tidy(() => logitsModel.apply(x, { training: false }) as tf.Tensor2D);
    logits.push(...((await out.array()) as number[][]));
    tf.dispose([x, out]);
    actual.push(...Array.from(b.labels, Number));
  }
  return { logits, actual };
}

/** Options of wholeFileBatches. */
export interface WholeFileBatchOptions {
  cache: PcmCache;
  /** Cache indices of the files (undecodable ones, of length 0, are skipped). */
  indices: number[];
  /** Class index of every cache index. */
  labelOf: (index: number) => number;
  spec: FeatureSpec;
  /** Shorter files are tiled to this many samples (the model's receptive field), as inference does. */
  minSamples: number;
}

/** One FeatureBatch per file, of the whole file (files differ in length, so batches hold one each). */
export function* wholeFileBatches(o: WholeFileBatchOptions): Generator<FeatureBatch> {
  for (const i of o.indices) {
    if (o.cache.length(i) === 0) continue;
    const samples = o.cache.read(i);
    yield featureBatch([samples.length >= o.minSamples ? samples : fitLength(samples, o.minSamples)], [o.labelOf(i)], o.spec);
  }
}

/** Temperature scaling fitted on (logits, actual), with NLL and ECE before and after; null for no items. */
export function temperatureCalibration(logits: number[][], actual: number[]): PosteriorCalibration | null {
  if (logits.length === 0) return null;
  const fit = fitTemperature(logits, actual);
  return {
    method: 'temperature', temperature: fit.temperature, n: fit.n, nllBefore: fit.nllBefore, nllAfter: fit.nllAfter,
    eceBefore: expectedCalibrationError(logits.map((z) => softmaxAt(z)), actual),
    eceAfter: expectedCalibrationError(logits.map((z) => softmaxAt(z, fit.temperature)), actual),
  };
}

/** Logits of `batches`, then temperatureCalibration of them. */
export async function calibrateOnBatches(logitsModel: tf.LayersModel, batches: Iterable<FeatureBatch>): Promise<PosteriorCalibration | null> {
  const { logits, actual } = await logitsOfBatches(logitsModel, batches);
  return temperatureCalibration(logits, actual);
}

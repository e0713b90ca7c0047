/**
 * Posterior calibration of a trained classifier: its logits on held-out batches, a temperature fitted to them
 * (src/metrics/calibration.ts: minimum NLL over T), and the figures saved in the model's metadata.calibration.
 */
import { tf } from '../engine';
import type { FeatureBatch } from '../datasets';
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

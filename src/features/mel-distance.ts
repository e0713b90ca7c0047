/** How far apart two log-mel matrices are, in the decibels a listener's spectrogram shows. */
import type { FeatureMatrix } from './matrix';

/** Natural log of power to dB. */
export const NATS_TO_DB = 10 / Math.LN10;

/**
 * RMS difference in dB of two log-mel matrices (natural log of power, as extractFeatures gives) over their common
 * frames, each value floored at `floorDb` below the loudest value of `reference` (so silence does not dominate).
 */
export function logMelDistanceDb(reference: FeatureMatrix, other: FeatureMatrix, floorDb = 60): number {
  if (reference.dims !== other.dims) throw new RangeError(`logMelDistanceDb: ${reference.dims} and ${other.dims} bands`);
  const n = Math.min(reference.frames, other.frames) * reference.dims;
  if (n === 0) throw new RangeError('logMelDistanceDb: no frames to compare');
  let max = -Infinity;
  for (let i = 0; i < reference.frames * reference.dims; i++) max = Math.max(max, reference.data[i]);
  const floor = max * NATS_TO_DB - floorDb;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const a = Math.max(floor, reference.data[i] * NATS_TO_DB);
    const b = Math.max(floor, other.data[i] * NATS_TO_DB);
    sum += (a - b) ** 2;
  }
  return Math.sqrt(sum / n);
}

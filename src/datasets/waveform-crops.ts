/** Random fixed-length crops from waveform clips: the batches WaveNet trains on. */
import type { Rng } from '../util/random';

/** A clip to crop from: samples already quantised (any integer coding) plus its label index (-1 = none). */
export interface CropSource {
  values: Int32Array;
  label: number;
}

/** A batch of crops: `values` of shape [batch, length] row-major, `labels` of shape [batch]. */
export interface CropBatch {
  values: Int32Array;
  labels: Int32Array;
  /** Per crop: the index of the source it came from. */
  sourceIndices: Int32Array;
  /** Per crop: the source sample index of its first value (negative when a short source is padded in front). */
  starts: Int32Array;
  batch: number;
  length: number;
}

/**
 * Draws `batch` crops of `length` values: a source chosen with probability proportional to its length, then a
 * uniform start. A source shorter than `length` is placed at the end of its crop, preceded by `padValue`.
 */
export function randomCrops(sources: CropSource[], batch: number, length: number, rng: Rng, padValue: number): CropBatch {
  if (sources.length === 0) throw new Error('randomCrops: no sources to crop from');
  const cumulative: number[] = [];
  let total = 0;
  for (const s of sources) cumulative.push((total += s.values.length));
  const values = new Int32Array(batch * length).fill(padValue);
  const labels = new Int32Array(batch);
  const sourceIndices = new Int32Array(batch);
  const starts = new Int32Array(batch);
  for (let b = 0; b < batch; b++) {
    const target = rng() * total;
    let k = 0;
    while (cumulative[k] <= target && k < sources.length - 1) k++;
    const source = sources[k].values;
    labels[b] = sources[k].label;
    sourceIndices[b] = k;
    if (source.length >= length) {
      const start = Math.floor(rng() * (source.length - length + 1));
      values.set(source.subarray(start, start + length), b * length);
      starts[b] = start;
    } else {
      values.set(source, b * length + length - source.length);
      starts[b] = source.length - length;
    }
  }
  return { values, labels, sourceIndices, starts, batch, length };
}

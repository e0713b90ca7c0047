/** Silence trimming for waveform training sets: cut leading and trailing frames whose RMS is below a threshold. */

/** Options of trimSilence, beside their defaults. */
export interface TrimOptions {
  /**
   * Frame RMS (full scale = 1) below which leading/trailing audio counts as silence. Default 0.01 (-40 dBFS),
   * which keeps ordinary speech; the best-known open WaveNet's 0.3 (-10 dBFS) drops most recordings. 0 disables.
   */
  threshold: number;
  /** Frame length in samples for the RMS. Default 400 (25 ms at 16 kHz). */
  frameSamples: number;
}

/** Defaults of TrimOptions. */
export const defaultTrimOptions: TrimOptions = { threshold: 0.01, frameSamples: 400 };

/**
 * Returns `samples` without leading and trailing frames whose RMS is below the threshold (a view, not a copy);
 * an empty array when every frame is below it.
 */
export function trimSilence(samples: Float32Array, options: Partial<TrimOptions> = {}): Float32Array {
  const { threshold, frameSamples } = { ...defaultTrimOptions, ...options };
  if (!(threshold >= 0)) throw new RangeError(`silence threshold must be >= 0, got ${threshold}`);
  if (!Number.isInteger(frameSamples) || frameSamples < 1) throw new RangeError(`frameSamples must be a positive integer, got ${frameSamples}`);
  if (threshold === 0) return samples;
  const frames = Math.ceil(samples.length / frameSamples);
  const loud = (frame: number) => {
    const start = frame * frameSamples;
    const end = Math.min(samples.length, start + frameSamples);
    let sum = 0;
    for (let i = start; i < end; i++) sum += samples[i] * samples[i];
    return Math.sqrt(sum / (end - start)) >= threshold;
  };
  let first = 0;
  while (first < frames && !loud(first)) first++;
  if (first === frames) return samples.subarray(0, 0);
  let last = frames - 1;
  while (last > first && !loud(last)) last--;
  return samples.subarray(first * frameSamples, Math.min(samples.length, (last + 1) * frameSamples));
}

/**
 * Microphone and loudspeaker colouring: a random parametric equaliser of a few biquad sections, a low shelf
 * (80-400 Hz), a high shelf (2-6 kHz) and peaking bands (150-6000 Hz, Q 0.5-3), each with a gain drawn uniformly
 * within +-maxDb. Cookbook peaking sections and slope-1 shelves never overshoot their own gain, so each section's
 * response stays within +-maxDb and the whole cascade's within the sum of its sections' gains.
 */
import type { Rng } from '../../util/random';
import { biquad, filterInPlace, type Biquad, type BiquadKind } from './biquad';

/** One drawn band, kept for tests and logs. */
export interface EqBand {
  kind: BiquadKind;
  hz: number;
  q: number;
  gainDb: number;
}

function logUniform(rng: Rng, lo: number, hi: number): number {
  return lo * (hi / lo) ** rng();
}

/**
 * `bands` random bands (1..8) with gains within +-maxDb (0..24): the first is a low shelf, the second a high shelf,
 * the rest peaking bands; frequencies are capped below 0.45 sampleRate.
 */
export function randomEqBands(rng: Rng, bands: number, maxDb: number, sampleRate = 16000): EqBand[] {
  if (!Number.isInteger(bands) || bands < 1 || bands > 8) throw new RangeError(`randomEqBands: bands must be an integer in 1..8, got ${bands}`);
  if (!Number.isFinite(maxDb) || maxDb < 0 || maxDb > 24) throw new RangeError(`randomEqBands: maxDb must be in 0..24, got ${maxDb}`);
  const top = 0.45 * sampleRate;
  return Array.from({ length: bands }, (_, i): EqBand => {
    const kind: BiquadKind = i === 0 ? 'lowshelf' : i === 1 ? 'highshelf' : 'peaking';
    const hz = kind === 'lowshelf' ? logUniform(rng, 80, 400) : kind === 'highshelf' ? logUniform(rng, 2000, 6000) : logUniform(rng, 150, 6000);
    const q = kind === 'peaking' ? logUniform(rng, 0.5, 3) : Math.SQRT1_2;
    return { kind, hz: Math.min(hz, top), q, gainDb: (rng() * 2 - 1) * maxDb };
  });
}

/** The biquad sections of `bands`. */
export function eqSections(bands: readonly EqBand[], sampleRate = 16000): Biquad[] {
  return bands.map((b) => biquad(b.kind, b.hz, sampleRate, b.q, b.gainDb));
}

/** x through a random equaliser (see randomEqBands): a new array of the same length. */
export function randomEq(x: Float32Array, rng: Rng, bands: number, maxDb: number, sampleRate = 16000): Float32Array {
  return filterInPlace(Float32Array.from(x), eqSections(randomEqBands(rng, bands, maxDb, sampleRate), sampleRate));
}

/**
 * Seeded pseudo-random numbers, so that shuffles, augmentation and initialisation repeat exactly for a seed.
 * The generator is mulberry32: 32 bits of state, period 2^32, fast, and good enough for data shuffling and
 * augmentation (not for cryptography).
 */

/** A source of uniform numbers in [0, 1). */
export type Rng = () => number;

/** A mulberry32 generator seeded with `seed` (any number; its low 32 bits are used). */
export function makeRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`makeRng: seed must be a finite number, got ${seed}`);
  let state = Math.trunc(seed) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A uniform integer in [lo, hi] (both inclusive). */
export function randomInt(rng: Rng, lo: number, hi: number): number {
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) {
    throw new RangeError(`randomInt: need integers lo <= hi, got lo=${lo}, hi=${hi}`);
  }
  return lo + Math.floor(rng() * (hi - lo + 1));
}

/** A standard normal sample (mean 0, variance 1) by the Box-Muller transform. */
export function gaussian(rng: Rng): number {
  const u = 1 - rng(); // in (0, 1], so the log is finite
  const v = rng();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * Fills `out` with standard normal samples, using both values of each Box-Muller pair (half the logarithms,
 * square roots and uniform draws of calling gaussian() per sample). Returns `out`.
 */
export function fillGaussian(out: Float32Array, rng: Rng): Float32Array {
  for (let i = 0; i < out.length; i += 2) {
    const r = Math.sqrt(-2 * Math.log(1 - rng()));
    const angle = 2 * Math.PI * rng();
    out[i] = r * Math.cos(angle);
    if (i + 1 < out.length) out[i + 1] = r * Math.sin(angle);
  }
  return out;
}

/** Shuffles `items` in place (Fisher-Yates) and returns it. */
export function shuffleInPlace<T>(items: T[], rng: Rng): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    const tmp = items[i];
    items[i] = items[j];
    items[j] = tmp;
  }
  return items;
}

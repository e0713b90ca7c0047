/** Seeds for the training loop: every epoch and step gets its own seed derived from the run's seed, so a resumed
 * run replays exactly what an uninterrupted one would, without saving generator state. */

/** Mixes integers into one 32-bit seed (murmur3 finaliser per part); same parts give the same seed. */
export function deriveSeed(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const part of parts) {
    h ^= Math.imul((part | 0) ^ Math.floor(part / 2 ** 32), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** Peak normalisation: audio scaled so its largest absolute sample sits at a level in dBFS (sox --norm's job). */

/** A copy of `samples` scaled so the peak is `db` dBFS (<= 0); silence (all zeros) comes back unchanged. */
export function withPeakDb(samples: Float32Array, db: number): Float32Array {
  if (!(db <= 0) || !Number.isFinite(db)) throw new RangeError(`peak level must be a finite dBFS value <= 0, got ${db}`);
  let peak = 0;
  for (const x of samples) peak = Math.max(peak, Math.abs(x));
  if (peak === 0) return samples.slice();
  const gain = 10 ** (db / 20) / peak;
  return Float32Array.from(samples, (x) => x * gain);
}

/** Mixing channels down to one. */

/**
 * Mixes channels to mono by averaging them sample by sample.
 * @param channels arrays of equal length [frames] each, at least one
 * @returns [frames]; the input array itself when there is a single channel
 */
export function mixToMono(channels: Float32Array[]): Float32Array {
  if (channels.length === 0) throw new RangeError('mixToMono: no channels to mix');
  if (channels.length === 1) return channels[0];
  const frames = channels[0].length;
  for (const c of channels) {
    if (c.length !== frames) throw new RangeError(`mixToMono: channel lengths differ (${c.length} vs ${frames})`);
  }
  const mono = new Float64Array(frames);
  for (const c of channels) for (let i = 0; i < frames; i++) mono[i] += c[i];
  const out = new Float32Array(frames);
  const scale = 1 / channels.length;
  for (let i = 0; i < frames; i++) out[i] = mono[i] * scale;
  return out;
}

/** Reading kielo generate's WAVs in CLI tests: their 16-bit samples, and outputs that differ by one gain only. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';

/** The 16-bit samples of a WAV written by kielo generate (canonical 44-byte header). */
export const samplesOf = (file: string) => {
  const wav = readFileSync(file);
  return new Int16Array(wav.buffer.slice(wav.byteOffset + 44, wav.byteOffset + 44 + wav.readUInt32LE(40)));
};

/** `a` is `b` times one gain, within 16-bit rounding. */
export function expectOneGainApart(a: ArrayLike<number>, b: ArrayLike<number>): void {
  expect(a.length).toBe(b.length);
  let ab = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i] * b[i];
    bb += b[i] * b[i];
  }
  const gain = ab / bb;
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - gain * b[i]));
  expect(worst).toBeLessThanOrEqual(1 + Math.abs(gain));
}

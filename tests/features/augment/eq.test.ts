import { describe, expect, it } from 'vitest';
import { eqSections, randomEq, randomEqBands, responseDb } from '../../../src/features/augment';
import { makeRng } from '../../../src/util/random';
import { whiteNoise } from '../signals';
import { bandPower, db, welch } from './spectrum';

const rate = 16000;
const grid = Array.from({ length: 200 }, (_, i) => 20 * (7900 / 20) ** (i / 199)); // 20 Hz .. 7.9 kHz, log-spaced

describe('random EQ', () => {
  it('draws bands within their ranges, and each band and the cascade stay within their gains', () => {
    for (let seed = 0; seed < 300; seed++) {
      const bands = randomEqBands(makeRng(seed), 4, 6, rate);
      expect(bands.map((b) => b.kind)).toEqual(['lowshelf', 'highshelf', 'peaking', 'peaking']);
      for (const band of bands) {
        expect(Math.abs(band.gainDb)).toBeLessThanOrEqual(6);
        const [section] = eqSections([band], rate);
        const response = grid.map((f) => responseDb([section], f, rate));
        // within the band's own gain, on its side of 0 dB
        expect(Math.max(...response.map((r) => r * Math.sign(band.gainDb)))).toBeLessThanOrEqual(Math.abs(band.gainDb) + 1e-6);
        expect(Math.min(...response.map((r) => r * Math.sign(band.gainDb)))).toBeGreaterThanOrEqual(-1e-6);
      }
      const total = bands.reduce((s, b) => s + Math.abs(b.gainDb), 0);
      const sections = eqSections(bands, rate);
      for (const f of grid) expect(Math.abs(responseDb(sections, f, rate))).toBeLessThanOrEqual(total + 1e-6);
    }
  });

  it('colours white noise as its response says (within 1 dB) and keeps the length', () => {
    const x = whiteNoise(8 * rate, 0.1, 6);
    const y = randomEq(x, makeRng(21), 3, 9, rate);
    expect(y).toHaveLength(x.length);
    const sections = eqSections(randomEqBands(makeRng(21), 3, 9, rate), rate);
    const input = welch(x);
    const output = welch(y);
    for (const f of [150, 400, 1000, 2500, 5000, 7000]) {
      expect(Math.abs(db(bandPower(output, f - 40, f + 40), bandPower(input, f - 40, f + 40)) - responseDb(sections, f, rate))).toBeLessThan(1);
    }
  });

  it('repeats for a seed and rejects bad settings', () => {
    const x = whiteNoise(1000, 0.1, 1);
    expect(randomEq(x, makeRng(5), 3, 6)).toEqual(randomEq(x, makeRng(5), 3, 6));
    expect(randomEq(x, makeRng(5), 3, 6)).not.toEqual(randomEq(x, makeRng(6), 3, 6));
    expect(() => randomEqBands(makeRng(1), 0, 6)).toThrow('randomEqBands: bands must be an integer in 1..8, got 0');
    expect(() => randomEqBands(makeRng(1), 2, 30)).toThrow('randomEqBands: maxDb must be in 0..24, got 30');
  });
});

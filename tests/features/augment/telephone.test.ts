import { describe, expect, it } from 'vitest';
import { CODEC_LEVELS, codecRoundTrip, compress, expand, responseDb, telephone, telephoneSections, type Codec } from '../../../src/features/augment';
import { power, sine, whiteNoise } from '../signals';
import { bandPower, db, welch } from './spectrum';

describe('telephone', () => {
  const x = whiteNoise(4 * 16000, 0.1, 11);
  const input = welch(x);

  for (const codec of [null, 'mu-law', 'a-law'] as const) {
    it(`removes white noise's energy outside 300-3400 Hz by > 20 dB and keeps the band (codec: ${codec ?? 'none'})`, () => {
      const out = welch(telephone(x, codec));
      const change = (lo: number, hi: number) => db(bandPower(out, lo, hi), bandPower(input, lo, hi));
      expect(change(0, 200)).toBeLessThan(-20);
      expect(change(3900, 8000)).toBeLessThan(-20);
      expect(Math.abs(change(500, 3000))).toBeLessThan(1);
    });
  }

  it('puts its -3 dB points at 300 and 3400 Hz', () => {
    const { highpass, lowpass } = telephoneSections();
    const sections = [...highpass, ...lowpass];
    expect(responseDb(sections, 300, 16000)).toBeCloseTo(-3, 0);
    expect(responseDb(sections, 3400, 16000)).toBeCloseTo(-3, 0);
    expect(Math.abs(responseDb(sections, 1000, 16000))).toBeLessThan(0.1);
  });

  it('keeps the length (odd ones too) and leaves the input untouched', () => {
    for (const n of [0, 1, 1001, 32000]) {
      const y = whiteNoise(n, 0.1, n);
      const before = Float32Array.from(y);
      expect(telephone(y, 'mu-law').length).toBe(n);
      expect(telephone(y).length).toBe(n);
      expect(y).toEqual(before);
    }
  });
});

describe('codecRoundTrip', () => {
  const codecs: Codec[] = ['mu-law', 'a-law'];
  for (const codec of codecs) {
    it(`${codec}: each sample's error is within half a code level of the compressed value`, () => {
      const x = new Float32Array(20001).map((_, i) => -1 + i / 10000);
      const y = codecRoundTrip(x, codec);
      let worst = -Infinity; // largest error beyond its bound
      let signFlips = 0;
      for (let i = 0; i < x.length; i++) {
        const v = Math.abs(x[i]);
        const c = compress(codec, v);
        const bound = Math.max(expand(codec, Math.min(1, c + 0.5 / CODEC_LEVELS)) - v, v - expand(codec, Math.max(0, c - 0.5 / CODEC_LEVELS)));
        worst = Math.max(worst, Math.abs(y[i] - x[i]) - bound);
        if (y[i] !== 0 && Math.sign(y[i]) !== Math.sign(x[i])) signFlips++;
      }
      expect(worst).toBeLessThanOrEqual(1e-6);
      expect(signFlips).toBe(0);
    });

    it(`${codec}: about the same SNR over 30 dB of levels (companding), and 255 levels at most`, () => {
      const snrs = [0.02, 0.1, 0.5, 0.9].map((amp) => {
        const s = sine(440, amp, 0.5);
        const y = codecRoundTrip(s, codec);
        return db(power(s), power(y.map((v, i) => v - s[i])));
      });
      for (const snr of snrs) expect(snr).toBeGreaterThan(30);
      expect(Math.max(...snrs) - Math.min(...snrs)).toBeLessThan(6);
      expect(new Set(codecRoundTrip(new Float32Array(40001).map((_, i) => -1 + i / 20000), codec)).size).toBeLessThanOrEqual(2 * CODEC_LEVELS + 1);
    });
  }

  it('clips input beyond [-1, 1] and rejects an unknown codec', () => {
    expect(Array.from(codecRoundTrip(Float32Array.of(3, -2), 'mu-law'))).toEqual([1, -1]);
    expect(() => codecRoundTrip(new Float32Array(4), 'gsm' as Codec)).toThrow("codec must be one of mu-law, a-law, got 'gsm'");
  });
});

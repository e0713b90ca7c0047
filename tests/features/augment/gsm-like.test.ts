import { describe, expect, it } from 'vitest';
import { loadAudio } from '../../../src/audio';
import { LAR_BITS } from '../../../src/audio/gsm-codec';
import { AUGMENT_PRESETS, augmentLine, gsmLikeCoding, gsmLikeRoundTrip, LINE_CODECS, telephone, type AugmentConfig } from '../../../src/features/augment';
import { makeRng } from '../../../src/util/random';
import { sine, whiteNoise } from '../signals';
import { bandPower, db, welch } from './spectrum';

const DEMO = 'assets/demo/lid';

function snrDb(x: Float32Array, y: Float32Array, from = 0): number {
  let signal = 0;
  let noise = 0;
  for (let i = from; i < x.length; i++) {
    signal += x[i] ** 2;
    noise += (x[i] - y[i]) ** 2;
  }
  return db(signal, noise);
}

/** Mean SNR over 20 ms frames with some signal, each clamped to -10..35 dB (the usual segmental SNR). */
function segmentalSnrDb(x: Float32Array, y: Float32Array): number {
  const snrs: number[] = [];
  for (let at = 0; at + 160 <= x.length; at += 160) {
    const frame = x.subarray(at, at + 160);
    if (frame.reduce((sum, v) => sum + v * v, 0) < 1e-5 * 160) continue;
    snrs.push(Math.max(-10, Math.min(35, snrDb(frame, y.subarray(at, at + 160)))));
  }
  return snrs.reduce((sum, v) => sum + v, 0) / snrs.length;
}

describe('gsmLikeRoundTrip', () => {
  it('keeps the length (partial frames too) and leaves the input untouched', () => {
    for (const n of [0, 1, 159, 160, 161, 8001]) {
      const x = whiteNoise(n, 0.1, n);
      const before = Float32Array.from(x);
      expect(gsmLikeRoundTrip(x).length).toBe(n);
      expect(x).toEqual(before);
    }
  });

  it('is deterministic and clips its input to [-1, 1]', () => {
    const x = whiteNoise(4000, 0.8, 5);
    const a = gsmLikeRoundTrip(x);
    expect(gsmLikeRoundTrip(x)).toEqual(a);
    expect(gsmLikeRoundTrip(x.map((v) => Math.max(-1, Math.min(1, v))))).toEqual(a);
    expect(a.every((v) => Math.abs(v) <= 1)).toBe(true);
    expect(x.some((v) => Math.abs(v) > 1)).toBe(true);
  });

  it('codes a 1 kHz tone at -6 dBFS (8 kHz) at about 35 dB SNR (real GSM 06.10, sox: ~31 dB on 16-bit input)', () => {
    const tone = sine(1000, 0.5, 1, 8000);
    const snr = snrDb(tone, gsmLikeRoundTrip(tone), 320);
    expect(snr).toBeGreaterThan(28);
    expect(snr).toBeLessThan(40);
  });

  it('codes demo speech at GSM-like fidelity (sox GSM 06.10 on the same clip: 10.9 dB segmental SNR)', async () => {
    const { samples } = await loadAudio(`${DEMO}/en/en001-Michael.flac`, { sampleRate: 8000 });
    const seg = segmentalSnrDb(samples, gsmLikeRoundTrip(samples));
    expect(seg).toBeGreaterThan(8);
    expect(seg).toBeLessThan(14);
  });

  it("codes each log-area ratio with its GSM bit allocation, using much of each code's range", async () => {
    const names = ['en/en001-Michael', 'cs/cs001-shelby', 'fi/fi001-max', 'ru/ru001-john', 'it/it001-m2'];
    const clips = await Promise.all(names.map(async (f) => (await loadAudio(`${DEMO}/${f}.flac`, { sampleRate: 8000 })).samples));
    const long = new Float32Array([...clips.flatMap((c) => Array.from(c)), ...whiteNoise(8000, 0.3, 1), ...sine(300, 0.9, 0.5, 8000)]);
    const { larCodes } = gsmLikeCoding(long);
    expect(larCodes.length).toBe(8 * Math.ceil(long.length / 160));
    LAR_BITS.forEach((bits, i) => {
      const codes = new Set(larCodes.filter((_, j) => j % 8 === i));
      expect(Math.min(...codes)).toBeGreaterThanOrEqual(0);
      expect(Math.max(...codes)).toBeLessThan(2 ** bits);
      expect(codes.size).toBeGreaterThanOrEqual(2 ** bits / 4);
    });
  });
});

describe('gsm-like on the telephone line', () => {
  it('leaves ~no energy above 4 kHz in a 16 kHz clip (an 8 kHz codec) and keeps the voice band', async () => {
    const { samples } = await loadAudio(`${DEMO}/en/en001-Michael.flac`, { sampleRate: 16000 });
    const out = welch(telephone(samples, 'gsm-like'));
    expect(db(bandPower(out, 4200, 8000), bandPower(out, 300, 3400))).toBeLessThan(-40);
    const input = welch(telephone(samples));
    expect(Math.abs(db(bandPower(out, 300, 3400), bandPower(input, 300, 3400)))).toBeLessThan(3);
  });

  it('is one of the three line codecs augmentLine picks, each about equally often', () => {
    expect([...LINE_CODECS]).toEqual(['mu-law', 'a-law', 'gsm-like']);
    const x = whiteNoise(1600, 0.1, 9);
    const coded = LINE_CODECS.map((codec) => telephone(x, codec));
    const always: AugmentConfig = { ...AUGMENT_PRESETS['voice-channel'], telephoneProb: 1, codecProb: 1 };
    const counts = [0, 0, 0];
    for (let seed = 0; seed < 90; seed++) {
      const y = augmentLine(x, always, makeRng(seed));
      const k = coded.findIndex((c) => c.every((v, i) => v === y[i]));
      expect(k).toBeGreaterThanOrEqual(0);
      counts[k]++;
    }
    for (const n of counts) expect(n).toBeGreaterThan(15);
  });
});

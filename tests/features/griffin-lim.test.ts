import { describe, expect, it } from 'vitest';
import { defaultFeatureSpec, extractFeatures } from '../../src/features';
import { griffinLimVocoder, melToLinearPower } from '../../src/features/griffin-lim';
import { logMelDistanceDb } from '../../src/features/mel-distance';
import { melFilterbank } from '../../src/features/mel';
import { gaussian, makeRng } from '../../src/util/random';

const spec = defaultFeatureSpec('logmel');

/** 1 s of a vowel-like sound: a 140 Hz pulse-rich harmonic series gliding to 180 Hz, with a little noise. */
function voiced(): Float32Array {
  const rng = makeRng(1);
  const x = new Float32Array(16000);
  let phase = 0;
  for (let i = 0; i < x.length; i++) {
    phase += (2 * Math.PI * (140 + (40 * i) / x.length)) / 16000;
    let v = 0;
    for (let h = 1; h <= 20; h++) v += Math.sin(h * phase) / h;
    x[i] = 0.2 * v + 0.002 * gaussian(rng);
  }
  return x;
}

describe('Griffin-Lim from log-mel', () => {
  it('inverts the mel filterbank to a non-negative power spectrum whose mel energies match within 2 dB', () => {
    const mel = extractFeatures(voiced(), spec);
    const power = melToLinearPower(mel, spec);
    const bank = melFilterbank(spec);
    const again = new Float32Array(mel.data.length);
    for (let t = 0; t < mel.frames; t++) {
      for (let m = 0; m < bank.nMels; m++) {
        let sum = 0;
        for (let j = bank.offsets[m], k = bank.starts[m]; j < bank.offsets[m + 1]; j++, k++) sum += bank.weights[j] * power[t * bank.nBins + k];
        again[t * bank.nMels + m] = Math.log(Math.max(sum, spec.logFloor));
      }
    }
    expect(power.every((p) => p >= 0)).toBe(true);
    expect(logMelDistanceDb(mel, { ...mel, data: again })).toBeLessThan(2);
  });

  it('makes audio whose log-mel is within 5 dB of the original (32 iterations), closer than 1 iteration', () => {
    const x = voiced();
    const mel = extractFeatures(x, spec);
    const y = griffinLimVocoder().vocode(mel, spec);
    expect(y.length).toBe((mel.frames - 1) * 160 + 400);
    const d32 = logMelDistanceDb(mel, extractFeatures(y, spec));
    const d1 = logMelDistanceDb(mel, extractFeatures(griffinLimVocoder({ iterations: 1 }).vocode(mel, spec), spec));
    expect(d32).toBeLessThan(5);
    expect(d32).toBeLessThan(d1);
  });

  it('keeps the ends bounded: no sample over twice the original\'s peak where one window\'s tail covers it', () => {
    const x = voiced();
    const y = griffinLimVocoder().vocode(extractFeatures(x, spec), spec);
    const peak = x.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
    expect(y.reduce((m, v) => Math.max(m, Math.abs(v)), 0)).toBeLessThan(2 * peak);
  });

  it('measures distance in dB: a uniform gain of 2 (6.02 dB) reads as 6.02 dB', () => {
    const mel = extractFeatures(voiced(), spec);
    const louder = { ...mel, data: mel.data.map((v) => v + Math.log(4)) };
    expect(logMelDistanceDb(mel, louder, 1000)).toBeCloseTo(6.02, 2);
  });
});

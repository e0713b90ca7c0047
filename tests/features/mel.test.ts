import { describe, expect, it } from 'vitest';
import { hzToMel, melBandEdgesHz, melFilterbank, melToHz, type MelOptions } from '../../src/features/mel';

const base: MelOptions = { fftSize: 512, sampleRate: 16000, nMels: 40, fMin: 20, fMax: 8000, melScale: 'htk', melNorm: 'none' };

describe('mel scales', () => {
  it('has the textbook values: HTK 700 Hz = 2595 log10 2 mel; Slaney 1 kHz = 15 and 6.4 kHz = 42 mel', () => {
    expect(hzToMel(700, 'htk')).toBeCloseTo(2595 * Math.log10(2), 9);
    expect(hzToMel(1000, 'slaney')).toBeCloseTo(15, 9);
    expect(hzToMel(6400, 'slaney')).toBeCloseTo(42, 9);
    expect(hzToMel(500, 'slaney')).toBeCloseTo(7.5, 9); // linear below 1 kHz
  });

  it('inverts exactly on both scales', () => {
    for (const scale of ['htk', 'slaney'] as const) {
      for (const hz of [0, 20, 440, 999, 1000, 1001, 3000, 8000, 22050]) expect(melToHz(hzToMel(hz, scale), scale)).toBeCloseTo(hz, 6);
    }
  });
});

describe('melFilterbank', () => {
  it('builds triangles that peak at their centre frequency and are zero outside their edges', () => {
    const bank = melFilterbank(base);
    const edges = melBandEdgesHz(base);
    const binHz = 16000 / 512;
    expect(bank.nBins).toBe(257);
    for (let m = 0; m < 40; m++) {
      const first = bank.starts[m];
      const count = bank.offsets[m + 1] - bank.offsets[m];
      expect(count).toBeGreaterThan(0);
      expect(first * binHz).toBeGreaterThan(edges[m]);
      expect((first + count - 1) * binHz).toBeLessThan(edges[m + 2]);
      const weights = bank.weights.subarray(bank.offsets[m], bank.offsets[m + 1]);
      const peakBin = first + weights.indexOf(Math.max(...weights));
      expect(Math.abs(peakBin * binHz - edges[m + 1])).toBeLessThan(binHz); // one of the two bins around the centre
      for (const w of weights) expect(w > 0 && w <= 1).toBe(true);
    }
  });

  it("gives unit area with melNorm 'slaney' (sum of weights x bin width ~ 1 for bands many bins wide)", () => {
    const bank = melFilterbank({ ...base, melNorm: 'slaney', fftSize: 4096 });
    const binHz = 16000 / 4096;
    for (const m of [10, 20, 39]) {
      let sum = 0;
      for (let j = bank.offsets[m]; j < bank.offsets[m + 1]; j++) sum += bank.weights[j];
      expect(sum * binHz).toBeCloseTo(1, 2);
    }
  });

  it('is cached per parameter set and refuses bands that cover no FFT bin', () => {
    expect(melFilterbank(base)).toBe(melFilterbank({ ...base }));
    expect(melFilterbank({ ...base, melScale: 'slaney' })).not.toBe(melFilterbank(base));
    expect(() => melFilterbank({ ...base, nMels: 128, fftSize: 256 })).toThrow(/mel band \d+ of 128 .* covers no FFT bin at fftSize 256/);
  });
});

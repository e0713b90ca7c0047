import { describe, expect, it } from 'vitest';
import { nextPowerOfTwo, stftPower } from '../../src/features/stft';
import { analysisWindow } from '../../src/features/window';
import { sine, whiteNoise } from './signals';

/** |DFT_k|^2 of the hann-windowed frame centred on `centre`, by the definition, scaled as stftPower promises. */
function directPower(x: Float32Array, centre: number, win: number, size: number, k: number): number {
  const w = analysisWindow('hann', win);
  const start = centre - Math.floor(win / 2);
  let re = 0;
  let im = 0;
  let sum = 0;
  for (let i = 0; i < win; i++) {
    const idx = start + i;
    const v = idx >= 0 && idx < x.length ? x[idx] * w[i] : 0;
    re += v * Math.cos((2 * Math.PI * k * i) / size);
    im -= v * Math.sin((2 * Math.PI * k * i) / size);
    sum += w[i];
  }
  return ((re * re + im * im) * 4) / (sum * sum);
}

describe('stftPower', () => {
  it('matches a direct DFT of each windowed frame, including frames that run off either end', () => {
    const x = whiteNoise(3000, 0.3, 7);
    const centres = [0, 17, 1500, 2999];
    const m = stftPower(x, centres, { windowSamples: 441 });
    expect(m.fftSize).toBe(512);
    expect(m.bins).toBe(257);
    for (let t = 0; t < centres.length; t++) {
      for (const k of [0, 1, 40, 128, 256]) {
        const ref = directPower(x, centres[t], 441, 512, k);
        expect(m.data[t * m.bins + k]).toBeCloseTo(ref, 6);
      }
    }
  });

  it('reads a sine of amplitude A on a bin centre as A^2 (0.5 -> -6.02 dB), at that bin', () => {
    const rate = 44100;
    const size = 2048;
    const hz = (100 * rate) / size;
    const m = stftPower(sine(hz, 0.5, 0.2, rate), [4410], { windowSamples: 1323, fftSize: size });
    const row = Array.from(m.data.subarray(0, m.bins));
    const peak = row.indexOf(Math.max(...row));
    expect(peak).toBe(100);
    expect(10 * Math.log10(row[peak])).toBeCloseTo(-6.02, 1);
    // the sine's power summed over every bin, divided by its spread, reads A^2 too
    expect(row.reduce((a, b) => a + b, 0) / m.sineSpread).toBeCloseTo(0.25, 2);
  });

  it('refuses a window shorter than 2 or an FFT shorter than the window', () => {
    expect(() => stftPower(new Float32Array(10), [5], { windowSamples: 1 })).toThrow('windowSamples must be at least 2, got 1');
    expect(() => stftPower(new Float32Array(10), [5], { windowSamples: 600, fftSize: 512 })).toThrow('fftSize must be a power of two >= 600, got 512');
    expect(nextPowerOfTwo(513)).toBe(1024);
  });
});

import { describe, expect, it } from 'vitest';
import { extractFeatures } from '../../src/features/extract';
import { frameCount } from '../../src/features/frame';
import { melBandEdgesHz } from '../../src/features/mel';
import { defaultFeatureSpec, type FeatureSpec } from '../../src/features/spec';
import { argmax, columnStats, row, sine, whiteNoise } from './signals';

const logmel = defaultFeatureSpec('logmel');

/** A straightforward reference: whole-signal pre-emphasis, framing, periodic window, O(N^2) DFT, dense triangles. */
function naiveLogMel(x: Float32Array, spec: FeatureSpec, frame: number): number[] {
  const win = (spec.windowMs * spec.sampleRate) / 1000;
  const hop = (spec.hopMs * spec.sampleRate) / 1000;
  const N = spec.fftSize;
  const frameData = new Array<number>(N).fill(0);
  for (let i = 0; i < win; i++) {
    const idx = frame * hop + i;
    const y = x[idx] - spec.preemphasis * (idx > 0 ? x[idx - 1] : 0);
    const w = spec.window === 'hann' ? 0.5 - 0.5 * Math.cos((2 * Math.PI * i) / win) : 0.54 - 0.46 * Math.cos((2 * Math.PI * i) / win);
    frameData[i] = y * w;
  }
  const power: number[] = [];
  for (let k = 0; k <= N / 2; k++) {
    let re = 0;
    let im = 0;
    for (let n = 0; n < N; n++) {
      re += frameData[n] * Math.cos((2 * Math.PI * k * n) / N);
      im -= frameData[n] * Math.sin((2 * Math.PI * k * n) / N);
    }
    power.push(re * re + im * im);
  }
  const mel = (f: number) => 2595 * Math.log10(1 + f / 700);
  const inv = (m: number) => 700 * (10 ** (m / 2595) - 1);
  const out: number[] = [];
  for (let m = 0; m < spec.nMels; m++) {
    const at = (j: number) => inv(mel(spec.fMin) + ((mel(spec.fMax) - mel(spec.fMin)) * j) / (spec.nMels + 1));
    const [l, c, r] = [at(m), at(m + 1), at(m + 2)];
    let e = 0;
    for (let k = 0; k <= N / 2; k++) {
      const f = (k * spec.sampleRate) / N;
      e += Math.max(0, Math.min((f - l) / (c - l), (r - f) / (r - c))) * power[k];
    }
    out.push(Math.log(Math.max(e, spec.logFloor)));
  }
  return out;
}

describe('log-mel', () => {
  it('has the documented shape: [1 + floor((n - 400) / 160)] x 40', () => {
    const m = extractFeatures(whiteNoise(12345, 0.1, 1), logmel);
    expect(m.dims).toBe(40);
    expect(m.frames).toBe(frameCount(12345, 400, 160));
    expect(m.data.length).toBe(m.frames * 40);
    expect(extractFeatures(new Float32Array(0), logmel).frames).toBe(0);
    expect(extractFeatures(new Float32Array(100).fill(0.5), logmel).frames).toBe(1);
  });

  it("puts a sine's energy in the mel band containing its frequency", () => {
    const edges = melBandEdgesHz(logmel);
    for (const hz of [150, 440, 1000, 2500, 5000, 7200]) {
      const m = extractFeatures(sine(hz, 0.5, 0.5), logmel);
      const peak = argmax(columnStats(m).mean);
      expect(edges[peak] < hz && hz < edges[peak + 2], `${hz} Hz in band ${peak}`).toBe(true);
      const centres = Array.from(edges.subarray(1, -1));
      const closest = centres.reduce((best, c, i) => (Math.abs(c - hz) < Math.abs(centres[best] - hz) ? i : best), 0);
      expect(peak).toBe(closest);
    }
  });

  it('gives exactly the log floor for silence', () => {
    const m = extractFeatures(new Float32Array(8000), logmel);
    expect(m.frames).toBe(48);
    for (const v of m.data) expect(v).toBe(Math.fround(Math.log(logmel.logFloor)));
  });

  it('scales by +20 log10(A) dB: doubling the amplitude adds log(4) to every band', () => {
    const a = extractFeatures(whiteNoise(4000, 0.1, 2), logmel);
    const b = extractFeatures(whiteNoise(4000, 0.2, 2), logmel);
    for (let i = 0; i < a.data.length; i += 37) expect(b.data[i] - a.data[i]).toBeCloseTo(Math.log(4), 4);
  });

  for (const window of ['hann', 'hamming'] as const) {
    it(`matches a naive DFT reference within 1e-4 (${window} window)`, () => {
      const spec = { ...logmel, window };
      const x = whiteNoise(6000, 0.05, 3);
      const tone = sine(700, 0.3, 6000 / 16000);
      for (let i = 0; i < x.length; i++) x[i] += tone[i];
      const m = extractFeatures(x, spec);
      for (const t of [0, 1, 17, m.frames - 1]) {
        const ref = naiveLogMel(x, spec, t);
        const ours = row(m, t);
        for (let b = 0; b < spec.nMels; b++) expect(ours[b]).toBeCloseTo(ref[b], 4);
      }
    });
  }
});

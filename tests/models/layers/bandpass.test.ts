import { describe, expect, it } from 'vitest';
import { availableEngines, initEngine, tf } from '../../../src/engine';
import { bandpassPairKernel, logPairEnergy, melBands } from '../../../src/models/layers';

const RATE = 16000;
const TAPS = 400;

/** Gain of an impulse response at `hz` (magnitude of its DTFT). */
function gainAt(h: Float32Array, hz: number): number {
  let re = 0;
  let im = 0;
  for (let n = 0; n < h.length; n++) {
    re += h[n] * Math.cos((2 * Math.PI * hz * n) / RATE);
    im -= h[n] * Math.sin((2 * Math.PI * hz * n) / RATE);
  }
  return Math.hypot(re, im);
}

function column(kernel: Float32Array, cols: number, c: number): Float32Array {
  const out = new Float32Array(TAPS);
  for (let n = 0; n < TAPS; n++) out[n] = kernel[n * cols + c];
  return out;
}

describe('band-pass pair kernels', () => {
  it('spaces bands on the mel scale, adjacent and covering the range', () => {
    const { lowHz, bandHz } = melBands(10, 100, 7000);
    expect(lowHz[0]).toBeCloseTo(100, 3);
    for (let i = 1; i < 10; i++) expect(lowHz[i]).toBeCloseTo(lowHz[i - 1] + bandHz[i - 1], 2);
    expect(lowHz[9] + bandHz[9]).toBeCloseTo(7000, 1);
    expect(bandHz[9]).toBeGreaterThan(bandHz[0] * 5);
    expect(() => melBands(0, 100, 200)).toThrow(/count >= 1/);
  });

  for (const engine of ['wasm', 'cpu'] as const) {
    it(`passes its band with gain ~1 and stops the rest (${engine})`, async () => {
      await initEngine(engine);
      // raw parameters: low = 1000 - 30, band = 1000 - 50 -> the band 1000..2000 Hz
      const kernel = bandpassPairKernel(tf.tensor1d([970]), tf.tensor1d([950]), TAPS, RATE);
      expect(kernel.shape).toEqual([TAPS, 2]);
      const data = await kernel.data() as Float32Array;
      const inPhase = column(data, 2, 0);
      const quadrature = column(data, 2, 1);
      for (const h of [inPhase, quadrature]) {
        expect(gainAt(h, 1500)).toBeGreaterThan(0.95);
        expect(gainAt(h, 1500)).toBeLessThan(1.05);
        expect(gainAt(h, 500)).toBeLessThan(0.02);
        expect(gainAt(h, 4000)).toBeLessThan(0.02);
      }
    });

    it(`gives band energy that does not depend on the phase of a tone (${engine})`, async () => {
      await initEngine(engine);
      const kernel = bandpassPairKernel(tf.tensor1d([970]), tf.tensor1d([950]), TAPS, RATE);
      const energies: number[] = [];
      for (const phase of [0, 0.7, 1.9, 3]) {
        const frame = new Float32Array(TAPS).map((_, n) => Math.sin((2 * Math.PI * 1500 * n) / RATE + phase));
        const e = logPairEnergy(tf.tensor3d(frame, [1, 1, TAPS]), kernel);
        energies.push((await e.data())[0]);
      }
      // unit gain in band: a = A cos(theta), b = A sin(theta), so a^2 + b^2 = A^2 = 1 and its log is 0
      for (const e of energies) expect(Math.abs(e)).toBeLessThan(0.05);
      expect(Math.max(...energies) - Math.min(...energies)).toBeLessThan(0.05);
    });
  }

  it('runs on every engine the machine has', async () => {
    expect(await availableEngines()).toEqual(expect.arrayContaining(['wasm', 'cpu']));
  });
});

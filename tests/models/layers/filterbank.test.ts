import { describe, expect, it } from 'vitest';
import { initEngine, tf } from '../../../src/engine';
import { LearnedFilterbank, SincFilterbank } from '../../../src/models/layers';

const TAPS = 400;

/** Frames of a tone at `hz` (sample rate 16 kHz), [1, frames, TAPS]. */
function toneFrames(hz: number, frames: number): tf.Tensor3D {
  const data = new Float32Array(frames * TAPS);
  for (let f = 0; f < frames; f++) for (let n = 0; n < TAPS; n++) data[f * TAPS + n] = Math.sin((2 * Math.PI * hz * (f * 160 + n)) / 16000);
  return tf.tensor3d(data, [1, frames, TAPS]);
}

for (const engine of ['wasm', 'cpu'] as const) {
  describe(`filterbank layers (${engine})`, () => {
    it('put a tone\'s energy in the band that contains it, and the learned one starts where the sinc one is', async () => {
      await initEngine(engine);
      const sinc = new SincFilterbank({ filters: 20 });
      const learned = new LearnedFilterbank({ filters: 20 });
      const x = toneFrames(1000, 3);
      const ys = sinc.apply(x) as tf.Tensor;
      const yl = learned.apply(x) as tf.Tensor;
      expect(ys.shape).toEqual([1, 3, 20]);
      const s = await ys.data();
      const l = await yl.data();
      s.forEach((v, i) => expect(l[i]).toBeCloseTo(v, 3));
      const first = Array.from(s.slice(0, 20));
      const best = first.indexOf(Math.max(...first));
      const kernel = sinc.impulseResponses();
      expect(kernel.shape).toEqual([TAPS, 40]);
      // the winning band's edges (mel-spaced 30..7800 Hz, 20 bands) contain 1000 Hz
      const low = (sinc.getWeights()[0].dataSync()[best] * 1000) + 30;
      const high = low + sinc.getWeights()[1].dataSync()[best] * 1000 + 50;
      expect(low).toBeLessThan(1000);
      expect(high).toBeGreaterThan(1000);
      expect(first[best]).toBeGreaterThan(Math.max(...first.filter((_, i) => Math.abs(i - best) > 2)) + 5);
    });

    it('sinc cut-offs receive gradients (they are trainable)', async () => {
      await initEngine(engine);
      const sinc = new SincFilterbank({ filters: 8 });
      const x = toneFrames(700, 2);
      sinc.apply(x);
      const vars = sinc.trainableWeights.map((w) => w.read() as tf.Variable);
      expect(vars.map((v) => v.shape)).toEqual([[8], [8]]);
      const { grads } = tf.variableGrads(() => (sinc.apply(x) as tf.Tensor).sum() as tf.Scalar, vars);
      for (const v of vars) {
        const g = await grads[v.name].data();
        expect(g.every(Number.isFinite)).toBe(true);
        expect(Math.max(...Array.from(g, Math.abs))).toBeGreaterThan(1e-3);
      }
    });

    it('a random learned init is seeded', async () => {
      await initEngine(engine);
      const a = new LearnedFilterbank({ filters: 4, init: 'random', seed: 3 });
      const b = new LearnedFilterbank({ filters: 4, init: 'random', seed: 3 });
      const x = toneFrames(300, 1);
      expect((a.apply(x) as tf.Tensor).arraySync()).toEqual((b.apply(x) as tf.Tensor).arraySync());
    });
  });
}

describe('filterbank config', () => {
  it('rejects a bad filter count with the value', () => {
    expect(() => new SincFilterbank({ filters: 0 })).toThrow(/filters must be 1..512, got 0/);
    expect(() => new LearnedFilterbank({ filters: 1000 })).toThrow(/got 1000/);
  });
});

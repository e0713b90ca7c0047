import { describe, expect, it } from 'vitest';
import { availableEngines, initEngine, tf } from '../../src/engine';
import type { FeatureMatrix } from '../../src/features';
import { buildWavenet, melConditioningRows, readWavenetWeights } from '../../src/models/wavenet';
import { FastWavenet } from '../../src/generate/fast-wavenet';
import { FastWavenetSimd } from '../../src/generate/fast-wavenet-simd';
import { distributionGap } from './distribution-gap';

/** Deterministic log-mel-like frames [count, bands] that differ a lot from frame to frame. */
function frames(count: number, bands: number): FeatureMatrix {
  return { data: new Float32Array(count * bands).map((_, i) => Math.sin(i * 0.73) * 2 + (i % 7) * 0.1), frames: count, dims: bands };
}

const generators = { js: FastWavenet, simd: FastWavenetSimd };

const options = { layersPerStack: 4, stacks: 2, residualChannels: 8, skipChannels: 12, classes: 64, labels: ['a', 'b'], condition: 'mel' as const };

describe('fast generator with log-mel conditioning', async () => {
  for (const [engine, kind] of (await availableEngines()).flatMap((e) => (['js', 'simd'] as const).map((k) => [e, k] as const))) {
    it(`${kind} generator equals the forward pass within 1e-4 across frame boundaries and past the last frame (${engine})`, async () => {
      await initEngine(engine);
      const model = buildWavenet(options, 6);
      for (const v of model.params.values()) tf.tidy(() => v.assign(v.mul(2.5)));
      const { classes } = model.config;
      const length = 700; // frames of samples 0-159, 160-319, 320-479, then the last (3) holds for the tail
      const mel = frames(4, 40);
      const sequence = Array.from({ length }, (_, t) => Math.floor(classes / 2 + (classes / 3) * Math.sin(t * 0.37)));
      const logits = tf.tidy(() =>
        model.forward(tf.tensor2d([sequence], [1, length], 'int32'), tf.tensor1d([1], 'int32'), undefined, tf.tensor3d(melConditioningRows(model.config, mel, 0, length), [1, length, 40])),
      );
      const reference = await logits.data();
      logits.dispose();
      const fast = new generators[kind](await readWavenetWeights(model), 1, mel);
      let maxDiff = 0;
      let peak = 0;
      for (let pass = 0; pass < 2; pass++) {
        // the second pass after reset() must start again from frame 0
        fast.reset();
        const gap = distributionGap(fast, sequence, reference as Float32Array, classes);
        maxDiff = Math.max(maxDiff, gap.maxDiff);
        peak = Math.max(peak, gap.peak);
      }
      expect(peak).toBeGreaterThan(0.1); // distributions are sharp, not uniform (1/64)
      expect(maxDiff).toBeLessThan(1e-4);
      model.dispose();
    });
  }

  it('the frames matter: other frames give other distributions', async () => {
    await initEngine('cpu');
    const model = buildWavenet(options, 6);
    const weights = await readWavenetWeights(model);
    model.dispose();
    const a = new FastWavenet(weights, 0, frames(2, 40));
    const shifted = frames(3, 40);
    const b = new FastWavenet(weights, 0, { ...shifted, data: shifted.data.subarray(40), frames: 2 });
    const la = Array.from(a.step(5).subarray(0, 64));
    expect(Array.from(b.step(5).subarray(0, 64))).not.toEqual(la);
  });

  it('refuses missing, misshapen or unwanted frames', async () => {
    await initEngine('cpu');
    const model = buildWavenet(options, 6);
    const weights = await readWavenetWeights(model);
    model.dispose();
    expect(() => new FastWavenet(weights, 0)).toThrow(/fast wavenet: this model is a log-mel vocoder \(condition 'mel'\); pass the log-mel frames/);
    expect(() => new FastWavenet(weights, 0, frames(3, 13))).toThrow(/log-mel frames must be a \[frames >= 1, 40\] matrix, got \[3, 13\]/);
    expect(() => new FastWavenet(weights, 0, { data: new Float32Array(0), frames: 0, dims: 40 })).toThrow(/got \[0, 40\]/);
    expect(() => new FastWavenetSimd(weights, 0)).toThrow(/fast wavenet: this model is a log-mel vocoder/);
    const plain = buildWavenet({ ...options, labels: [], condition: 'none' }, 6);
    const plainWeights = await readWavenetWeights(plain);
    plain.dispose();
    for (const Generator of [FastWavenet, FastWavenetSimd]) {
      expect(() => new Generator(plainWeights, undefined, frames(2, 40))).toThrow(/not conditioned on log-mel frames \(condition 'none'\); pass none/);
    }
  });
});

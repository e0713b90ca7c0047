import { describe, expect, it } from 'vitest';
import { availableEngines, initEngine, tf } from '../../src/engine';
import { buildWavenet, readWavenetWeights, type WavenetConfig } from '../../src/models/wavenet';
import { FastWavenet } from '../../src/generate/fast-wavenet';
import { FastWavenetSimd } from '../../src/generate/fast-wavenet-simd';
import { distributionGap } from './distribution-gap';

const generators = { js: FastWavenet, simd: FastWavenetSimd };
type GeneratorName = keyof typeof generators;

/** Max |p_fast - p_forward| over every position of a random sequence; also the peak probability seen. */
async function compare(kind: GeneratorName, options: Partial<WavenetConfig>, label: number | undefined, length: number, seed: number) {
  const model = buildWavenet(options, seed);
  // Sharpen the random model so its distributions are far from uniform (a flat one would match trivially).
  for (const v of model.params.values()) tf.tidy(() => v.assign(v.mul(2.5)));
  const classes = model.config.classes;
  const sequence = Array.from({ length }, (_, t) => Math.floor(classes / 2 + (classes / 3) * Math.sin(t * 0.37 + seed)));
  const logits = tf.tidy(() =>
    model.forward(tf.tensor2d([sequence], [1, length], 'int32'), label === undefined ? undefined : tf.tensor1d([label], 'int32')),
  );
  const reference = await logits.data();
  logits.dispose();
  const fast = new generators[kind](await readWavenetWeights(model), label);
  const gap = distributionGap(fast, sequence, reference as Float32Array, classes);
  model.dispose();
  return gap;
}

describe('fast generator equals the forward pass', async () => {
  for (const [engine, kind] of (await availableEngines()).flatMap((e) => (['js', 'simd'] as const).map((k) => [e, k] as const))) {
    it(`${kind} generator matches the model's next-sample distribution within 1e-4 on ${engine} (conditioned)`, async () => {
      await initEngine(engine);
      const { maxDiff, peak } = await compare(kind, { layersPerStack: 4, stacks: 2, residualChannels: 12, skipChannels: 20, labels: ['a', 'b', 'c'] }, 2, 70, 3);
      expect(peak).toBeGreaterThan(0.05); // distributions are sharp, not uniform (1/256)
      expect(maxDiff).toBeLessThan(1e-4);
    });

    it(`${kind} generator matches across more than the receptive field on ${engine} (unconditioned, default widths)`, async () => {
      await initEngine(engine);
      const { maxDiff, peak } = await compare(kind, { layersPerStack: 5, stacks: 2 }, undefined, 100, 5);
      expect(peak).toBeGreaterThan(0.05);
      expect(maxDiff).toBeLessThan(1e-4);
    });
  }

  it('rejects a missing or out-of-range label for a conditioned model', async () => {
    const model = buildWavenet({ layersPerStack: 2, stacks: 1, residualChannels: 4, skipChannels: 4, classes: 16, labels: ['x', 'y'] });
    const weights = await readWavenetWeights(model);
    model.dispose();
    for (const Generator of Object.values(generators)) {
      expect(() => new Generator(weights)).toThrow(/label index in 0\.\.1, got undefined/);
      expect(() => new Generator(weights, 2)).toThrow(/got 2/);
    }
  });
});

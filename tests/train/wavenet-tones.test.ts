import { describe, expect, it } from 'vitest';
import { initEngine } from '../../src/engine';
import { generateAudio } from '../../src/generate';
import { readWavenetWeights } from '../../src/models/wavenet';
import { fitWavenet, type WavenetData } from '../../src/train/wavenet';
import { gaussian, makeRng } from '../../src/util/random';

const RATE = 8000;
const TONES = { low: 400, high: 640 };

/** Tones with varied frequency (+-1%), phase, amplitude, a second harmonic and dither, so the model can't memorise. */
function toneClips(frequency: number, label: number, count: number, seed: number): WavenetData['train'] {
  const rng = makeRng(seed);
  return Array.from({ length: count }, () => {
    const f = frequency * (1 + 0.02 * (rng() - 0.5));
    const phase = 2 * Math.PI * rng();
    const amplitude = 0.4 + 0.3 * rng();
    const samples = new Float32Array(RATE / 4);
    for (let t = 0; t < samples.length; t++) {
      const angle = (2 * Math.PI * f * t) / RATE + phase;
      samples[t] = amplitude * (0.8 * Math.sin(angle) + 0.2 * Math.sin(2 * angle)) + 0.005 * gaussian(rng);
    }
    return { samples, label };
  });
}

/** Power at a frequency (Goertzel). */
function power(x: Float32Array, frequency: number): number {
  const w = (2 * Math.PI * frequency) / RATE;
  const coeff = 2 * Math.cos(w);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < x.length; i++) {
    const s0 = x[i] + coeff * s1 - s2;
    s2 = s1;
    s1 = s0;
  }
  return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}

/** The strongest frequency between 100 Hz and 2 kHz, on a 1 Hz grid. */
function dominantFrequency(x: Float32Array): number {
  let best = 0;
  let bestPower = -1;
  for (let f = 100; f <= 2000; f++) {
    const p = power(x, f);
    if (p > bestPower) [best, bestPower] = [f, p];
  }
  return best;
}

describe('WaveNet trained on tones', () => {
  it('generates audio whose dominant frequency is the training tone of the label, within 2%', async () => {
    await initEngine();
    const data: WavenetData = {
      sampleRate: RATE,
      labels: Object.keys(TONES),
      train: Object.values(TONES).flatMap((f, label) => toneClips(f, label, 12, 10 + label)),
      validation: Object.values(TONES).flatMap((f, label) => toneClips(f, label, 2, 20 + label)),
    };
    const { model, result, valBitsPerSample } = await fitWavenet(data, {
      model: { layersPerStack: 6, stacks: 1, residualChannels: 16, skipChannels: 32, classes: 64 },
      batchSize: 8,
      outputs: 96,
      stepsPerEpoch: 40,
      validationCrops: 8,
      train: { epochs: 6, optimizer: { learningRate: 0.005 } },
    });
    const weights = await readWavenetWeights(model);
    model.dispose();
    // 6 bits = a uniform guess over 64 classes; a model that learnt the waveform does far better.
    expect(valBitsPerSample).toBeLessThan(4);
    expect(result.history).toHaveLength(6);
    for (const [label, frequency] of Object.entries(TONES)) {
      const { samples } = await generateAudio(weights, { samples: RATE, label, temperature: 0.7, seed: 3 });
      const steady = samples.subarray(RATE / 2);
      const found = dominantFrequency(steady);
      expect(Math.abs(found - frequency) / frequency).toBeLessThan(0.02);
      // Tonal, not noise: the tone's neighbourhood holds most of the power of the 100 Hz - 2 kHz band.
      let near = 0;
      let band = 0;
      for (let f = 100; f <= 2000; f += 2) {
        const p = power(steady, f);
        band += p;
        if (Math.abs(f - frequency) <= frequency * 0.03 || Math.abs(f - 2 * frequency) <= frequency * 0.06) near += p;
      }
      expect(near / band).toBeGreaterThan(0.5);
    }
  }, 300_000); // ~20 s of CPU; generous for a shared machine
});

import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { generateAudio } from '../../src/generate';
import { loadWavenet } from '../../src/models/wavenet';

const DEMO_MODEL = fileURLToPath(new URL('../../assets/demo/models/wavenet', import.meta.url));

describe('the shipped demo WaveNet', () => {
  it('loads, was trained well below the 8 bits/sample of a uniform guess, and generates audio for each label', async () => {
    const weights = await loadWavenet(DEMO_MODEL);
    expect(weights.metadata.labels).toEqual(['phrases', 'vowels']);
    expect(weights.metadata.metrics.valBitsPerSample).toBeLessThan(6);
    for (const label of weights.config.labels) {
      const { samples } = await generateAudio(weights, { samples: 4000, label, seed: 2 });
      const rms = Math.sqrt(samples.reduce((sum, v) => sum + v * v, 0) / samples.length);
      expect(rms).toBeGreaterThan(0.001);
      expect(rms).toBeLessThan(0.7);
    }
  });
});

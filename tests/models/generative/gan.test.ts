import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine } from '../../../src/engine';
import { decodeCodes, diversityCheck, meanPairwiseDistance, priorCodes, type GenerativeConfig } from '../../../src/models/generative';
import { fitGenerative } from '../../../src/train/generative-fit';
import { gaussian, makeRng } from '../../../src/util/random';

const MODES = Array.from({ length: 8 }, (_, i) => [2 * Math.cos((i * Math.PI) / 4), 2 * Math.sin((i * Math.PI) / 4)]);
const SPREAD = 0.1;

/** n points of the mixture of 8 Gaussians on a circle of radius 2 (std SPREAD). */
function ring(n: number, seed: number): Float32Array {
  const rng = makeRng(seed);
  const x = new Float32Array(2 * n);
  for (let i = 0; i < n; i++) {
    const [cx, cy] = MODES[Math.floor(rng() * 8)];
    x[2 * i] = cx + SPREAD * gaussian(rng);
    x[2 * i + 1] = cy + SPREAD * gaussian(rng);
  }
  return x;
}

beforeAll(async () => {
  await initEngine();
});

describe('GAN', () => {
  it('covers all 8 modes of a 2-D mixture of Gaussians', async () => {
    const config: GenerativeConfig = { kind: 'gan', patch: { frames: 2, hop: 1 }, nMels: 1, code: 4, hidden: [64, 64], beta: 1, norm: { mean: [0], std: 1 } };
    const warnings: string[] = [];
    const { net, validation } = await fitGenerative(
      { train: ring(4096, 1), validation: ring(256, 2) },
      { config, batchSize: 128, seed: 3, train: { epochs: 20, optimizer: { name: 'adam', learningRate: 1e-2, beta1: 0.5 } }, onWarning: (w) => warnings.push(w) },
    );
    const samples = decodeCodes(net, priorCodes(net, 2000, 11));
    net.dispose();
    const counts = new Array(8).fill(0);
    let near = 0;
    for (let i = 0; i < 2000; i++) {
      const d = MODES.map(([cx, cy]) => Math.hypot(samples[2 * i] - cx, samples[2 * i + 1] - cy));
      const best = d.indexOf(Math.min(...d));
      if (d[best] < 4 * SPREAD) {
        counts[best]++;
        near++;
      }
    }
    // every mode holds at least 3% of the samples (12.5% each when covered evenly); most samples sit within 4 std of a mode
    for (const c of counts) expect(c).toBeGreaterThan(60);
    expect(near / 2000).toBeGreaterThan(0.5);
    expect(validation.diversity).toBeGreaterThan(0.7);
  }, 180_000);

  it('warns of mode collapse when generated rows are much closer together than the data', () => {
    const data = ring(64, 5);
    const collapsed = new Float32Array(128).map((_, i) => (i % 2 ? 0 : 2) + 0.01 * Math.sin(i));
    expect(diversityCheck(collapsed, data, 2).warning).toMatch(/mode collapse/);
    expect(diversityCheck(ring(64, 6), data, 2).warning).toBeNull();
    expect(meanPairwiseDistance(new Float32Array([0, 0, 3, 4]), 2)).toBe(5);
  });
});

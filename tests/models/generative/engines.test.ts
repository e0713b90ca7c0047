import { describe, expect, it } from 'vitest';
import { availableEngines, initEngine } from '../../../src/engine';
import { GENERATIVE_KINDS, type GenerativeConfig } from '../../../src/models/generative';
import { fitGenerative } from '../../../src/train/generative-fit';
import { fillGaussian, makeRng } from '../../../src/util/random';

describe('generative models on every engine', () => {
  it('train (the loss falls for AE and VAE, both GAN losses stay finite) on each engine this machine has', async () => {
    const engines = await availableEngines();
    expect(engines.length).toBeGreaterThan(0);
    const d = 2 * 8;
    const train = fillGaussian(new Float32Array(256 * d), makeRng(1)).map((v, i) => v + (i % 8) / 4);
    const validation = fillGaussian(new Float32Array(32 * d), makeRng(2)).map((v, i) => v + (i % 8) / 4);
    for (const engine of engines) {
      await initEngine(engine);
      for (const kind of GENERATIVE_KINDS) {
        const config: GenerativeConfig = { kind, patch: { frames: 2, hop: 1 }, nMels: 8, code: 4, hidden: [16], beta: 1, norm: { mean: new Array(8).fill(0), std: 1 } };
        const { net, result } = await fitGenerative({ train, validation }, { config, batchSize: 32, seed: 1, train: { epochs: 3, optimizer: { name: 'adam', learningRate: 1e-2 } } });
        net.dispose();
        const losses = result.history.map((r) => r.trainLoss);
        expect(losses.every(Number.isFinite), `${kind} on ${engine}`).toBe(true);
        if (kind !== 'gan') expect(losses[2], `${kind} on ${engine}`).toBeLessThan(losses[0]);
      }
    }
    await initEngine(engines[0]);
  }, 180_000);
});

import { beforeAll, describe, expect, it } from 'vitest';
import { initEngine, tf } from '../../../src/engine';
import { buildGenerative, klDivergence, measureNorm, natsPerFrame, normalise, reparameterise, samplePatches, vaeTerms, type GenerativeConfig } from '../../../src/models/generative';
import { fitGenerative } from '../../../src/train/generative-fit';
import { fillGaussian, makeRng } from '../../../src/util/random';

const config = (d: number): GenerativeConfig => ({
  kind: 'vae', patch: { frames: 2, hop: 1 }, nMels: d / 2, code: 3, hidden: [8], beta: 1, norm: { mean: new Array(d / 2).fill(0), std: 1 },
});

beforeAll(async () => {
  await initEngine();
});

/** KL(N(m, s^2) || N(0, 1)) by numerical integration of q log(q / p) over +-12 standard deviations. */
function klByIntegration(m: number, logVar: number): number {
  const s = Math.exp(logVar / 2);
  const n = 20000;
  const lo = m - 12 * s;
  const h = (24 * s) / n;
  let sum = 0;
  for (let i = 0; i <= n; i++) {
    const z = lo + i * h;
    const logQ = -0.5 * Math.log(2 * Math.PI) - Math.log(s) - ((z - m) / s) ** 2 / 2;
    const logP = -0.5 * Math.log(2 * Math.PI) - (z * z) / 2;
    const w = i === 0 || i === n ? 0.5 : 1;
    sum += w * Math.exp(logQ) * (logQ - logP);
  }
  return sum * h;
}

describe('VAE', () => {
  it('computes the KL term as its closed form, checked by numerical integration per dimension', () => {
    const mean = [[0.3, -1.2, 2], [0, 0, 0]];
    const logVar = [[-0.5, 0.8, -2], [0, 0, 0]];
    const kl = tf.tidy(() => klDivergence(tf.tensor2d(mean), tf.tensor2d(logVar)).arraySync());
    const expected = mean.map((row, r) => row.reduce((sum, m, i) => sum + klByIntegration(m, logVar[r][i]), 0));
    expect(kl[0]).toBeCloseTo(expected[0], 4);
    expect(kl[1]).toBeCloseTo(0, 6); // q = p
    expect(expected[0]).toBeGreaterThan(1); // the check is not vacuous
  });

  it('gives reparameterised gradients equal to finite differences of the same loss with the same noise', () => {
    const net = buildGenerative(config(8), 3);
    const x = tf.randomNormal([5, 8], 0, 1, 'float32', 4) as tf.Tensor2D;
    const eps = tf.randomNormal([5, 3], 0, 1, 'float32', 5) as tf.Tensor2D;
    const w = net.params.get('enc0/w')!;
    const loss = () => vaeTerms(net, x, eps).loss;
    const grads = tf.tidy(() => tf.variableGrads(loss, [w]).grads[w.name].arraySync() as number[][]);
    const values = w.arraySync() as number[][];
    const h = 1e-2;
    for (const [i, j] of [[0, 0], [3, 5], [7, 2]]) {
      const at = (delta: number) => {
        const copy = values.map((row) => [...row]);
        copy[i][j] += delta;
        w.assign(tf.tensor2d(copy));
        return tf.tidy(() => loss().dataSync()[0]);
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      w.assign(tf.tensor2d(values));
      expect(grads[i][j]).toBeCloseTo(numeric, 2);
    }
    tf.dispose([x, eps]);
    net.dispose();
  });

  it('reparameterised samples have the encoder mean and variance, and the gradient of E[z^2] is (2m, exp(logVar))', () => {
    const n = 20000;
    const m = tf.fill([n, 1], 0.7) as tf.Tensor2D;
    const lv = tf.fill([n, 1], Math.log(0.25)) as tf.Tensor2D;
    const eps = tf.randomNormal([n, 1], 0, 1, 'float32', 9) as tf.Tensor2D;
    const z = Array.from(reparameterise(m, lv, eps).dataSync());
    const mu = z.reduce((a, b) => a + b, 0) / n;
    const variance = z.reduce((a, b) => a + (b - mu) ** 2, 0) / n;
    expect(mu).toBeCloseTo(0.7, 1);
    expect(variance).toBeCloseTo(0.25, 1);
    // E[z^2] = m^2 + s^2: d/dm = 2m = 1.4, d/dlogVar = s^2 = 0.25 (Monte Carlo estimate through the trick)
    const g = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.mean(tf.square(reparameterise(a as tf.Tensor2D, b as tf.Tensor2D, eps))));
    const [dm, dlv] = g([m, lv]).map((t) => t.sum().dataSync()[0]);
    expect(dm).toBeCloseTo(1.4, 1);
    expect(dlv).toBeCloseTo(0.25, 1);
    tf.dispose([m, lv, eps]);
  });

  it('converts nats per normalised patch to nats per frame of log-mel', () => {
    // a unit Gaussian density scaled by std has log density lowered by log(std) per number
    expect(natsPerFrame(10, { mean: [0, 0], std: Math.E }, 5, 2)).toBeCloseTo((10 + 10) / 5, 10);
  });
});

describe('VAE prior samples', () => {
  it('decode to patches whose mean spectrum is within 1 dB of the data in every band', async () => {
    const nMels = 8;
    const frames = 4;
    const d = nMels * frames;
    // log-mel patches: a sloping spectrum, a random level per patch (+-2 nats), a formant-like bump at a random band
    const make = (n: number, seed: number) => {
      const rng = makeRng(seed);
      const noise = fillGaussian(new Float32Array(n * d), rng);
      const x = new Float32Array(n * d);
      for (let i = 0; i < n; i++) {
        const level = 4 * (rng() - 0.5);
        const peak = Math.floor(rng() * nMels);
        for (let t = 0; t < frames; t++) for (let m = 0; m < nMels; m++) x[i * d + t * nMels + m] = -m * 0.8 + level + 3 * Math.exp(-((m - peak) ** 2)) + 0.3 * noise[i * d + t * nMels + m];
      }
      return x;
    };
    const raw = make(2048, 1);
    const norm = measureNorm(raw, nMels);
    const config: GenerativeConfig = { kind: 'vae', patch: { frames, hop: 1 }, nMels, code: 4, hidden: [32], beta: 1, norm };
    const { net } = await fitGenerative({ train: normalise(raw, norm), validation: normalise(make(256, 2), norm) }, { config, batchSize: 64, seed: 1, train: { epochs: 15, optimizer: { name: 'adam', learningRate: 3e-3 } } });
    const samples = samplePatches(net, 2000, 5);
    net.dispose();
    const meanSpectrum = (x: Float32Array) => {
      const s = new Float64Array(nMels);
      for (let i = 0; i < x.length; i++) s[i % nMels] += x[i] / (x.length / nMels);
      return s;
    };
    const [a, b] = [meanSpectrum(samples), meanSpectrum(raw)];
    const dB = 10 / Math.LN10; // natural log of power -> dB
    for (let m = 0; m < nMels; m++) expect(Math.abs(a[m] - b[m]) * dB).toBeLessThan(1);
  }, 180_000);
});

import { describe, expect, it } from 'vitest';
import { availableEngines, initEngine, tf, type EngineName } from '../../../src/engine';
import { collapsePath, ctcForwardBackward, ctcLoss, logSoftmaxRows } from '../../../src/models/ctc';

/** Seeded uniform numbers in [-2, 2). */
function randomLogits(n: number, seed: number): Float64Array {
  let s = seed >>> 0;
  return Float64Array.from({ length: n }, () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return (s / 2 ** 32) * 4 - 2;
  });
}

/** -log of the sum, over every frame path of length T that collapses to `label`, of the path's probability. */
function bruteForceNll(logProbs: Float64Array, T: number, C: number, label: number[]): number {
  let total = 0;
  const path = new Array<number>(T).fill(0);
  for (let n = 0; n < C ** T; n++) {
    let rest = n;
    for (let t = 0; t < T; t++) {
      path[t] = rest % C;
      rest = Math.floor(rest / C);
    }
    const collapsed = collapsePath(path);
    if (collapsed.length !== label.length || collapsed.some((k, i) => k !== label[i])) continue;
    let logP = 0;
    for (let t = 0; t < T; t++) logP += logProbs[t * C + path[t]];
    total += Math.exp(logP);
  }
  return -Math.log(total);
}

const cases: { T: number; C: number; label: number[] }[] = [
  { T: 5, C: 3, label: [1, 2] },
  { T: 5, C: 3, label: [1, 1] },
  { T: 6, C: 4, label: [3, 1, 3] },
  { T: 4, C: 3, label: [] },
  { T: 3, C: 3, label: [2, 2] },
  { T: 1, C: 3, label: [2] },
];

const engines: EngineName[] = await availableEngines();

describe('CTC loss on the host', () => {
  it.each(cases)('equals the brute-force sum over alignments (T=$T C=$C label=$label)', ({ T, C, label }) => {
    const lp = logSoftmaxRows(randomLogits(T * C, T * 31 + C), T, C);
    const { nll, occupancy } = ctcForwardBackward({ data: lp, frames: T, classes: C }, label);
    expect(nll).toBeCloseTo(bruteForceNll(lp, T, C, label), 10);
    for (let t = 0; t < T; t++) {
      const rowSum = occupancy.subarray(t * C, (t + 1) * C).reduce((a, b) => a + b, 0);
      expect(rowSum).toBeCloseTo(1, 10);
    }
  });

  it('is infinite when the label cannot fit (a repeat needs a blank between)', () => {
    const lp = logSoftmaxRows(randomLogits(6, 3), 2, 3);
    expect(ctcForwardBackward({ data: lp, frames: 2, classes: 3 }, [1, 1]).nll).toBe(Infinity);
    expect(() => ctcForwardBackward({ data: lp, frames: 2, classes: 3 }, [0])).toThrow(/label 0 is 0/);
  });
});

describe.each(engines)('CTC loss as a tfjs op on %s', (engine) => {
  it('matches brute force for a batch with different lengths and labels', async () => {
    await initEngine(engine);
    const B = 3, T = 6, C = 4;
    const labels = [[1, 2], [3, 3], [2]];
    const lengths = [6, 5, 3];
    const raw = randomLogits(B * T * C, 7);
    const losses = tf.tidy(() => ctcLoss(tf.tensor3d(Float32Array.from(raw), [B, T, C]), labels, lengths).arraySync());
    for (let b = 0; b < B; b++) {
      const lp = logSoftmaxRows(raw.subarray(b * T * C, b * T * C + lengths[b] * C), lengths[b], C);
      expect(losses[b]).toBeCloseTo(bruteForceNll(lp, lengths[b], C, labels[b]), 4);
    }
  });

  it('has a gradient that matches central finite differences', async () => {
    await initEngine(engine);
    const B = 2, T = 5, C = 4;
    const labels = [[1, 3], [2, 2]];
    const lengths = [5, 4];
    const weights = [0.7, 1.3];
    const raw = randomLogits(B * T * C, 11);
    const grad = tf.tidy(() => {
      const f = (x: tf.Tensor) => ctcLoss(x as tf.Tensor3D, labels, lengths).mul(tf.tensor1d(weights)).sum();
      return tf.grad(f)(tf.tensor3d(Float32Array.from(raw), [B, T, C])).dataSync();
    });
    const objective = (x: Float64Array) => {
      let sum = 0;
      for (let b = 0; b < B; b++) {
        const lp = logSoftmaxRows(x.subarray(b * T * C, b * T * C + lengths[b] * C), lengths[b], C);
        sum += weights[b] * ctcForwardBackward({ data: lp, frames: lengths[b], classes: C }, labels[b]).nll;
      }
      return sum;
    };
    const eps = 1e-5;
    for (let i = 0; i < raw.length; i++) {
      const plus = Float64Array.from(raw), minus = Float64Array.from(raw);
      plus[i] += eps;
      minus[i] -= eps;
      const numeric = (objective(plus) - objective(minus)) / (2 * eps);
      expect(Math.abs(grad[i] - numeric)).toBeLessThan(1e-4);
    }
    // frames past an utterance's length get no gradient
    for (let i = (T + 4) * C; i < 2 * T * C; i++) expect(grad[i]).toBe(0);
  });

  it('trains logits towards the label without leaking tensors', async () => {
    await initEngine(engine);
    const logits = tf.variable(tf.zeros([1, 8, 5]));
    const optimizer = tf.train.adam(0.1);
    let first = 0, last = 0, before = 0;
    for (let step = 0; step < 60; step++) {
      if (step === 1) before = tf.memory().numTensors; // after Adam created its slots
      const loss = optimizer.minimize(() => ctcLoss(logits as tf.Tensor3D, [[1, 4, 4, 2]]).mean() as tf.Scalar, true)!;
      last = loss.dataSync()[0];
      if (step === 0) first = last;
      loss.dispose();
    }
    expect(tf.memory().numTensors).toBe(before);
    expect(first).toBeGreaterThan(2);
    expect(last).toBeLessThan(0.1);
    logits.dispose();
    optimizer.dispose();
  });

  it('gives zero loss and gradient for impossible labels, or throws when asked to', async () => {
    await initEngine(engine);
    const x = tf.zeros([1, 2, 3]) as tf.Tensor3D;
    expect(tf.tidy(() => ctcLoss(x, [[1, 1]]).dataSync()[0])).toBe(0);
    expect(tf.tidy(() => tf.grad((y: tf.Tensor) => ctcLoss(y as tf.Tensor3D, [[1, 1]]).sum())(x).abs().sum().dataSync()[0])).toBe(0);
    expect(() => ctcLoss(x, [[1, 1]], undefined, { zeroInfinity: false })).toThrow(/cannot be aligned to 2 frames/);
    x.dispose();
  });
});

import { describe, expect, it } from 'vitest';
import { bitsPerSecond, dctCodes, frechetDistance, fromDctCodes, lowOrderIndices, pca2, quantise, rangesOf, symmetricEigen } from '../../../src/models/generative';
import { fillGaussian, makeRng } from '../../../src/util/random';

/** n rows of a Gaussian with the given mean and diagonal standard deviations. */
function gaussianRows(n: number, mean: number[], std: number[], seed: number): Float64Array {
  const z = fillGaussian(new Float32Array(n * mean.length), makeRng(seed));
  return Float64Array.from(z, (v, i) => mean[i % mean.length] + std[i % mean.length] * v);
}

describe('Fréchet distance', () => {
  it('matches the closed form for diagonal Gaussians: |mu1 - mu2|^2 + sum (s1 - s2)^2', () => {
    const a = gaussianRows(40000, [0, 0, 0], [1, 2, 0.5], 1);
    const b = gaussianRows(40000, [1, 0, -1], [2, 2, 1], 2);
    const expected = 2 + (1 - 2) ** 2 + 0 + (0.5 - 1) ** 2;
    expect(frechetDistance(a, b, 3)).toBeCloseTo(expected, 1);
    expect(frechetDistance(a, a, 3)).toBeCloseTo(0, 6);
  });

  it('finds eigenvalues of a symmetric matrix (Jacobi) and the main axis by PCA', () => {
    const { values } = symmetricEigen(Float64Array.from([2, 1, 1, 2]), 2);
    expect([...values].sort()).toEqual([expect.closeTo(1, 9), expect.closeTo(3, 9)]);
    // points along y = 2x with a little noise: the first component carries almost all the variance
    const rows = Float64Array.from({ length: 200 }, (_, i) => (i % 2 ? 2 : 1) * Math.floor(i / 2) + 0.01 * Math.sin(i));
    expect(pca2(rows, 2).explained[0]).toBeGreaterThan(0.999);
  });
});

describe('compression measures', () => {
  it('quantises to 2^b levels over the training range', () => {
    const r = rangesOf(Float32Array.from([0, 10, 4, -2]), 2); // columns [0, 4] and [10, -2]
    expect([...quantise(Float32Array.from([1.1, 3, 5, 20]), r, 2)]).toEqual([expect.closeTo(4 / 3, 5), expect.closeTo(2, 5), expect.closeTo(4, 5), expect.closeTo(10, 5)]);
    expect(bitsPerSecond(16, 8, 32, 10)).toBe(400);
  });

  it('inverts the 2-D DCT exactly with every coefficient and keeps a smooth patch with the low-order ones', () => {
    const frames = 6;
    const nMels = 5;
    const patch = Float32Array.from({ length: frames * nMels }, (_, i) => Math.cos(Math.floor(i / nMels) / 3) + (i % nMels) / 4);
    const all = lowOrderIndices(frames, nMels, frames * nMels);
    const back = fromDctCodes(dctCodes(patch, frames, nMels, all), frames, nMels, all);
    for (let i = 0; i < patch.length; i++) expect(back[i]).toBeCloseTo(patch[i], 5);
    const few = lowOrderIndices(frames, nMels, 6);
    expect(few.slice(0, 3)).toEqual([0, nMels, 1]); // (t 0, m 0), then (1, 0) before (0, 1)
    const approx = fromDctCodes(dctCodes(patch, frames, nMels, few), frames, nMels, few);
    const err = Math.sqrt(approx.reduce((s, v, i) => s + (v - patch[i]) ** 2, 0) / patch.length);
    expect(err).toBeLessThan(0.1);
  });
});

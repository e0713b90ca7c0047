import { describe, expect, it } from 'vitest';
import { mulawDecode, mulawDecodeOne, mulawEncode, mulawTable } from '../../../src/models/wavenet';

describe('mu-law (mu = 255)', () => {
  it('maps silence to the middle class and full scale to the ends', () => {
    expect(Array.from(mulawEncode(Float32Array.of(0, 1, -1, 2, -2)))).toEqual([128, 255, 0, 255, 0]);
    expect(mulawDecodeOne(255)).toBeCloseTo(1, 6);
    expect(mulawDecodeOne(0)).toBeCloseTo(-1, 6);
  });

  it('follows the companding curve: class of x is round((sign(x) ln(1 + 255|x|) / ln 256 + 1) / 2 * 255)', () => {
    const x = 0.1;
    const expected = Math.round(((Math.log1p(255 * x) / Math.log(256) + 1) / 2) * 255);
    expect(mulawEncode(Float32Array.of(x))[0]).toBe(expected);
    expect(expected).toBe(203); // quiet signals get most of the classes: 0.1 is already 59% up the positive half
  });

  it('round-trips within half a quantisation step of the curve (fine near 0, coarse near 1)', () => {
    const x = Float32Array.from({ length: 2001 }, (_, i) => -1 + i / 1000);
    const back = mulawDecode(mulawEncode(x));
    for (let i = 0; i < x.length; i++) {
      const step = (Math.log(256) / 255) * (1 / 255 + Math.abs(x[i])) * 1.05; // d(decoded)/d(class) bound
      expect(Math.abs(back[i] - x[i])).toBeLessThanOrEqual(step);
    }
    expect(Math.abs(mulawDecode(mulawEncode(Float32Array.of(0.001)))[0] - 0.001)).toBeLessThan(1e-4);
  });

  it('is monotonic and odd-symmetric, for other class counts too', () => {
    for (const classes of [256, 16]) {
      const table = mulawTable(classes);
      for (let c = 1; c < classes; c++) expect(table[c]).toBeGreaterThan(table[c - 1]);
      for (let c = 0; c < classes; c++) expect(table[c]).toBeCloseTo(-table[classes - 1 - c], 6);
    }
  });
});

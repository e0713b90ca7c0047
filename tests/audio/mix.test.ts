/** Mixing to mono is the average of the channels. */
import { describe, expect, it } from 'vitest';
import { mixToMono } from '../../src/audio';

describe('mixToMono', () => {
  it('averages channels sample by sample', () => {
    const mono = mixToMono([new Float32Array([1, 0.5, -1]), new Float32Array([0, 0.5, 1]), new Float32Array([0.5, -1, 0])]);
    expect(Array.from(mono)).toEqual([0.5, 0, 0]);
  });

  it('cancels a channel against its inverse, and keeps a single channel as is', () => {
    const x = new Float32Array([0.25, -0.75]);
    expect(Array.from(mixToMono([x, x.map((v) => -v)]))).toEqual([0, 0]);
    expect(mixToMono([x])).toBe(x);
  });

  it('refuses no channels and channels of different lengths', () => {
    expect(() => mixToMono([])).toThrow('mixToMono: no channels to mix');
    expect(() => mixToMono([new Float32Array(2), new Float32Array(3)])).toThrow('channel lengths differ (3 vs 2)');
  });
});

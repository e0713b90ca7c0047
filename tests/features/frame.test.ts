import { describe, expect, it } from 'vitest';
import { frameCount, frameSignal } from '../../src/features/frame';

describe('frameSignal', () => {
  it('uses 25 ms / 10 ms at 16 kHz by default: one second gives 98 frames of 400 samples', () => {
    const f = frameSignal(new Float32Array(16000));
    expect(f.window).toBe(400);
    expect(f.frames).toBe(98);
    expect(f.data.length).toBe(98 * 400);
  });

  it('follows frames = 1 + floor((n - window) / hop) and drops the tail', () => {
    for (const n of [400, 401, 559, 560, 561, 16000, 16159, 16160]) {
      expect(frameCount(n, 400, 160)).toBe(1 + Math.floor((n - 400) / 160));
    }
    expect(frameCount(559, 400, 160)).toBe(1);
    expect(frameCount(560, 400, 160)).toBe(2);
  });

  it('puts sample t * hop + i at frame t, column i, in one contiguous buffer', () => {
    const x = Float32Array.from({ length: 1000 }, (_, i) => i);
    const f = frameSignal(x, { windowSamples: 100, hopSamples: 30 });
    expect(f.frames).toBe(31);
    for (const t of [0, 1, 17, 30]) {
      for (const i of [0, 1, 50, 99]) expect(f.data[t * 100 + i]).toBe(t * 30 + i);
    }
  });

  it('gives one zero-padded frame for a signal shorter than a window, none for an empty one', () => {
    const f = frameSignal(Float32Array.from([1, 2, 3]), { windowSamples: 5, hopSamples: 2 });
    expect(f.frames).toBe(1);
    expect(Array.from(f.data)).toEqual([1, 2, 3, 0, 0]);
    expect(frameSignal(new Float32Array(0)).frames).toBe(0);
  });

  it('rejects a non-integer or zero window or hop, naming it', () => {
    expect(() => frameSignal(new Float32Array(10), { windowSamples: 0 })).toThrow(/windowSamples.*got 0/);
    expect(() => frameSignal(new Float32Array(10), { hopSamples: 1.5 })).toThrow(/hopSamples.*got 1.5/);
  });
});

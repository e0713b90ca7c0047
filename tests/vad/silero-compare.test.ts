import { describe, expect, it } from 'vitest';
import { chooseMinFraction } from '../../scripts/vad/frame-fraction';

describe('chooseMinFraction', () => {
  it('picks the widest gap between separable speech and non-speech', () => {
    const chosen = chooseMinFraction([0.6, 0.8, 0.9], [
      { kind: 'tone', fraction: 0 },
      { kind: 'noise', fraction: 0.2 },
    ]);
    expect(chosen.minFraction).toBeCloseTo(0.4);
    expect(chosen.recall).toBe(1);
    expect(chosen.rejection).toBe(1);
  });

  it('weighs each non-speech kind once, however many clips it has', () => {
    // five tones at 0.3 and one click train at 0.7, speech at 0.5 and 0.9: t = 0.4 keeps all speech and rejects one
    // kind of two (per clip it would be 5 of 6); t = 0.8 rejects both kinds and loses half the speech: 0.75 either
    // way, with equal gaps, so the first wins
    const tones = Array.from({ length: 5 }, () => ({ kind: 'tone', fraction: 0.3 }));
    const chosen = chooseMinFraction([0.5, 0.9], [...tones, { kind: 'clicks', fraction: 0.7 }]);
    expect(chosen.minFraction).toBeCloseTo(0.4);
    expect(chosen.recall).toBe(1);
    expect(chosen.rejection).toBe(0.5);
    // with the clicks as a second kind of many clips the trade is the same: per-kind, not per-clip
    const manyClicks = Array.from({ length: 5 }, () => ({ kind: 'clicks', fraction: 0.7 }));
    expect(chooseMinFraction([0.5, 0.9], [{ kind: 'tone', fraction: 0.3 }, ...manyClicks]).rejection).toBe(0.5);
  });

  it('takes a threshold that gives up a little recall when that rejects a whole kind', () => {
    // speech 0.1 is an outlier; rejecting the noise at 0.2 costs it and gains a kind
    const chosen = chooseMinFraction([0.1, 0.6, 0.7, 0.8], [{ kind: 'noise', fraction: 0.2 }]);
    expect(chosen.minFraction).toBeCloseTo(0.4);
    expect(chosen.recall).toBe(0.75);
    expect(chosen.rejection).toBe(1);
  });

  it('refuses empty sets', () => {
    expect(() => chooseMinFraction([], [{ kind: 'tone', fraction: 0 }])).toThrow(RangeError);
    expect(() => chooseMinFraction([0.5], [])).toThrow(RangeError);
  });
});

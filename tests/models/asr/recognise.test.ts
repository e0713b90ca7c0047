import { describe, expect, it } from 'vitest';
import { ASR_CLASSES, decodePosteriors, encodeText } from '../../../src/models/asr';

/** Log-posteriors whose best path is `path` (class per frame) with probability 0.9 per frame. */
function peaked(path: number[]) {
  const data = new Float32Array(path.length * ASR_CLASSES).fill(Math.log(0.1 / (ASR_CLASSES - 1)));
  path.forEach((k, t) => (data[t * ASR_CLASSES + k] = Math.log(0.9)));
  return { data, frames: path.length, classes: ASR_CLASSES };
}

describe('decodePosteriors', () => {
  // frames:  0 1 2 3 4 5 6 7 8
  // path:    _ h i i _ ' ' y o _
  const [h, i, space, y, o] = encodeText('hi yo');
  const lp = peaked([0, h, i, i, 0, space, y, o, 0]);

  it('gives text, word and character timings from the alignment', () => {
    const result = decodePosteriors(lp, 0.02);
    expect(result.text).toBe('hi yo');
    expect(result.words.map((w) => [w.text, +w.start.toFixed(3), +w.end.toFixed(3)])).toEqual([
      ['hi', 0.02, 0.08],
      ['yo', 0.12, 0.16],
    ]);
    expect(result.chars.map((c) => c.text).join('')).toBe('hiyo');
    expect(result.chars[1]).toMatchObject({ text: 'i' });
    expect(result.chars[1].start).toBeCloseTo(0.04, 10);
    expect(result.chars[1].end).toBeCloseTo(0.08, 10);
  });

  it('decodes the same with beam search, and a word list forces listed words', () => {
    expect(decodePosteriors(lp, 0.02, { beamWidth: 8 }).text).toBe('hi yo');
    const constrained = decodePosteriors(lp, 0.02, { words: ['hi', 'yo', 'ho'] });
    expect(constrained.text).toBe('hi yo');
    const other = decodePosteriors(lp, 0.02, { words: ['ho', 'yo'] });
    for (const word of other.text.split(' ').filter(Boolean)) expect(['ho', 'yo']).toContain(word);
    expect(other.text).not.toBe('hi yo');
  });
});

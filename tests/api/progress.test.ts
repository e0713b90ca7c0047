import { describe, expect, it } from 'vitest';
import { countOf, progressMeter } from '../../src/api/progress';

describe('countOf', () => {
  it("reads each long task's own progress event as items done of a total", () => {
    expect(countOf('eval', { type: 'progress', done: 3, total: 10 })).toEqual({ done: 3, total: 10, unit: 'files', message: 'scored 3 of 10 files' });
    expect(countOf('classify-batch', { type: 'progress', done: 1, total: 4, file: '/a.wav' })).toMatchObject({ done: 1, total: 4, unit: 'files' });
    expect(countOf('transcribe', { type: 'file', index: 0, total: 2, result: {} })).toMatchObject({ done: 1, total: 2, unit: 'files' });
    expect(countOf('generate', { type: 'progress', done: 16000, total: 32000, message: 'generated 1.0 of 2.0 s' })).toEqual({ done: 16000, total: 32000, unit: 'samples', message: 'generated 1.0 of 2.0 s' });
    expect(countOf('transcribe', { type: 'skipped', file: 'x', reason: 'empty' })).toBeNull();
    expect(countOf('train-lid', { type: 'progress', epoch: 1, done: 1, total: 2 })).toBeNull(); // training has its own events
  });
});

describe('progressMeter', () => {
  it('measures the pace from the first count (model loading excluded) and reports at most every interval, and the last', () => {
    let now = 5000;
    const meter = progressMeter(250, () => now);
    const at = (t: number, done: number) => ((now = t), meter({ done, total: 10, unit: 'files', message: '' }));
    expect(at(5000, 1)).toEqual({ done: 1, total: 10, unit: 'files', perSecond: null, secondsLeft: null });
    expect(at(5100, 2)).toBeNull();
    // 4 more files in 2 s since the first: 2 files/s, 5 left: 2.5 s
    expect(at(7000, 5)).toEqual({ done: 5, total: 10, unit: 'files', perSecond: 2, secondsLeft: 2.5 });
    expect(at(7100, 6)).toBeNull();
    expect(at(7150, 10)).toMatchObject({ done: 10, secondsLeft: 0 });
  });
});

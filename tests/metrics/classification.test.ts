import { describe, expect, it } from 'vitest';
import { cavgByThreshold, cavgFromConfusion } from '../../src/metrics/cavg';
import {
  accuracy, argmaxRows, classificationReport, confusionMatrix, durationGroup, groupByDuration, perClassScores, reportByDuration,
} from '../../src/metrics/classification';
import { equalErrorRate, pooledScores } from '../../src/metrics/eer';

// Six items, three classes; argmax decisions 0,1,1,1,2,0 (items 1 and 5 wrong).
const labels = ['fi', 'sv', 'en'];
const actual = [0, 0, 1, 1, 2, 2];
const posteriors = [
  [0.7, 0.2, 0.1],
  [0.3, 0.6, 0.1],
  [0.1, 0.8, 0.1],
  [0.2, 0.5, 0.3],
  [0.1, 0.2, 0.7],
  [0.5, 0.1, 0.4],
];

describe('classification metrics', () => {
  it('computes accuracy, confusion and per-class precision/recall by hand', () => {
    const predicted = argmaxRows(posteriors);
    expect(predicted).toEqual([0, 1, 1, 1, 2, 0]);
    expect(accuracy(actual, predicted)).toBeCloseTo(4 / 6, 12);
    const confusion = confusionMatrix(actual, predicted, 3);
    expect(confusion).toEqual([[1, 1, 0], [0, 2, 0], [1, 0, 1]]);
    const scores = perClassScores(confusion);
    expect(scores.precision).toEqual([1 / 2, 2 / 3, 1]);
    expect(scores.recall).toEqual([1 / 2, 1, 1 / 2]);
    expect(scores.support).toEqual([2, 2, 2]);
    expect(perClassScores([[1, 0], [1, 0]]).precision).toEqual([0.5, null]);
  });

  it('rejects mismatched lengths and out-of-range classes', () => {
    expect(() => accuracy([0, 1], [0])).toThrow(/actual has 2 items, predicted 1/);
    expect(() => confusionMatrix([0, 3], [0, 0], 3)).toThrow(/item 1: class 3 or 0 outside 0..2/);
  });

  it('computes closed-set Cavg with argmax decisions (NIST LRE, Ptarget 0.5)', () => {
    // t=fi: 0.5*0.5 + 0.25*(0 + 0.5) = 0.375; t=sv: 0 + 0.25*0.5 = 0.125; t=en: 0.5*0.5 + 0 = 0.25.
    expect(cavgFromConfusion([[1, 1, 0], [0, 2, 0], [1, 0, 1]])).toBeCloseTo(0.25, 12);
    expect(cavgFromConfusion([[5, 0], [0, 3]])).toBe(0);
    expect(cavgFromConfusion([[0, 4], [2, 0]])).toBe(1);
    expect(() => cavgFromConfusion([[2, 0], [0, 0]])).toThrow(/at least 2 languages, got 1/);
  });

  it('computes Cavg with per-target threshold decisions', () => {
    // Accepted (posterior > 0.5): item0 as fi, item1 as sv, item2 as sv, item4 as en; items 3 and 5 as none.
    // t=fi: 0.25 + 0; t=sv: 0.25 + 0.25*0.5; t=en: 0.25 + 0.
    expect(cavgByThreshold(posteriors, actual, 3)).toBeCloseTo(0.875 / 3, 12);
  });

  it('computes the EER with and without interpolation', () => {
    expect(equalErrorRate([0.4, 0.6, 0.8, 0.9], [0.1, 0.3, 0.5, 0.7])).toBe(0.25);
    expect(equalErrorRate([3, 4], [1, 2])).toBe(0);
    expect(equalErrorRate([1, 2], [1, 2])).toBe(0.5);
    // (Pmiss, Pfa) at thresholds .5 and .9: (1/4, 1/2) then (1/2, 0): the lines cross at 1/4 + (1/3)(1/4) = 1/3.
    expect(equalErrorRate([0.1, 0.5, 0.9, 0.95], [0.2, 0.3, 0.5, 0.5])).toBeCloseTo(1 / 3, 12);
    // Pmiss steps 1/4 -> 2/4 while Pfa stays 2/5: EER 2/5.
    expect(equalErrorRate([0.1, 0.5, 0.9, 0.95], [0.2, 0.3, 0.4, 0.6, 0.7])).toBeCloseTo(2 / 5, 12);
    expect(() => equalErrorRate([], [1])).toThrow(/got 0 and 1/);
  });

  it('pools target and non-target scores from posteriors', () => {
    const { target, nontarget } = pooledScores(posteriors, actual);
    expect(target).toEqual([0.7, 0.3, 0.8, 0.5, 0.7, 0.4]);
    expect(nontarget).toHaveLength(12);
    // Thresholds .1 .2 .3 .4: (Pmiss, Pfa) = (0, 1) (0, .5) (0, .25) (1/6, 1/6).
    expect(equalErrorRate(target, nontarget)).toBeCloseTo(1 / 6, 12);
  });

  it('builds a report with EER and Cavg, overall and by duration', () => {
    const report = classificationReport(labels, posteriors, actual);
    expect(report).toMatchObject({ n: 6, labels, confusion: [[1, 1, 0], [0, 2, 0], [1, 0, 1]], recall: [0.5, 1, 0.5] });
    expect(report.accuracy).toBeCloseTo(4 / 6, 12);
    expect(report.eer).toBeCloseTo(1 / 6, 12);
    expect(report.cavg).toBeCloseTo(0.25, 12);
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);

    expect([1, 3, 3.01, 10, 10.5].map(durationGroup)).toEqual(['<=3s', '<=3s', '3-10s', '3-10s', '>10s']);
    expect(groupByDuration([12, 2, 5])).toEqual({ '<=3s': [1], '3-10s': [2], '>10s': [0] });
    const byDuration = reportByDuration(labels, posteriors, actual, [1, 1, 5, 5, 2, 20]);
    expect(Object.keys(byDuration)).toEqual(['<=3s', '3-10s', '>10s']);
    expect(byDuration['<=3s']).toMatchObject({ n: 3, accuracy: 2 / 3, confusion: [[1, 1, 0], [0, 0, 0], [0, 0, 1]] });
    expect(byDuration['3-10s']).toMatchObject({ n: 2, accuracy: 1, cavg: null });
    expect(byDuration['>10s']).toMatchObject({ n: 1, accuracy: 0 });
    expect(() => classificationReport(labels, [[0.5, 0.5]], [0])).toThrow(/row 0 has 2 scores for 3 labels/);
  });
});

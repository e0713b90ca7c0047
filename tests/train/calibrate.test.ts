/** temperatureCalibration: the figures saved in metadata.calibration. */
import { describe, expect, it } from 'vitest';
import { expectedCalibrationError, softmaxAt } from '../../src/metrics/calibration';
import { temperatureCalibration } from '../../src/train/calibrate';

describe('temperatureCalibration', () => {
  it('softens logits that are right only half the time when they say 95%, and reports NLL and ECE before and after', () => {
    // two classes, logits [a, 0] with softmax 0.95; half of the items are class 1
    const a = Math.log(0.95 / 0.05);
    const logits = Array.from({ length: 40 }, () => [a, 0]);
    const actual = logits.map((_, i) => i % 2);
    const c = temperatureCalibration(logits, actual)!;
    expect(c.method).toBe('temperature');
    expect(c.n).toBe(40);
    expect(c.temperature).toBeGreaterThan(10); // the best is T -> infinity (0.5 / 0.5); the search stops at its bound
    expect(c.eceBefore).toBeCloseTo(0.45, 12);
    expect(c.eceAfter).toBeCloseTo(expectedCalibrationError(logits.map((z) => softmaxAt(z, c.temperature)), actual), 12);
    expect(c.eceAfter).toBeLessThan(0.05);
    expect(c.nllAfter).toBeLessThan(c.nllBefore);
    expect(temperatureCalibration([], [])).toBeNull();
  });
});

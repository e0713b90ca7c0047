import { describe, expect, it } from 'vitest';
import {
  defaultFeatureSpec,
  featureDims,
  FeatureSpecError,
  resolveFeatureSpec,
  validateFeatureSpec,
} from '../../src/features/spec';

describe('FeatureSpec', () => {
  it('has defaults: 40 log-mel bands, MFCC 13 + deltas + CMVN, raw 400-sample frames', () => {
    expect(featureDims(defaultFeatureSpec('logmel'))).toBe(40);
    expect(featureDims(defaultFeatureSpec('mfcc'))).toBe(39);
    expect(featureDims(defaultFeatureSpec('frames'))).toBe(400);
    expect(defaultFeatureSpec('mfcc').cmvn).toBe('utterance');
    for (const kind of ['frames', 'logmel', 'mfcc'] as const) {
      expect(validateFeatureSpec(defaultFeatureSpec(kind))).toEqual(defaultFeatureSpec(kind));
    }
  });

  it('survives a JSON round trip unchanged', () => {
    const spec = defaultFeatureSpec('mfcc');
    expect(validateFeatureSpec(JSON.parse(JSON.stringify(spec)))).toEqual(spec);
  });

  const bad: [string, unknown, RegExp][] = [
    ['kind', 'spectrogram', /FeatureSpec\.kind: expected one of .*got "spectrogram"/],
    ['nMels', 0, /FeatureSpec\.nMels: expected an integer in 1\.\.512, got 0/],
    ['fftSize', 500, /FeatureSpec\.fftSize: expected a power of two.*got 500/],
    ['preemphasis', 1, /FeatureSpec\.preemphasis: .*got 1/],
    ['window', 'blackman', /FeatureSpec\.window: .*got "blackman"/],
    ['deltas', 3, /FeatureSpec\.deltas: .*got 3/],
    ['logFloor', 0, /FeatureSpec\.logFloor: .*got 0/],
    ['sampleRate', '16000', /FeatureSpec\.sampleRate: .*got "16000"/],
    ['fMax', 9000, /FeatureSpec\.fMax: expected at most the Nyquist frequency 8000 Hz, got 9000/],
    ['fMin', 8000, /FeatureSpec\.fMin: expected less than fMax.*got 8000/],
    ['windowMs', 40, /FeatureSpec\.windowMs: .*fftSize = 512.*got 40/],
    ['nMfcc', 41, /FeatureSpec\.nMfcc: expected at most nMels = 40, got 41/],
    ['nMels', 200, /FeatureSpec\.nMels: expected bands that each cover an FFT bin.*got 200/],
    ['colour', 'blue', /FeatureSpec\.colour: expected no such field/],
  ];
  for (const [field, value, message] of bad) {
    it(`rejects ${field} = ${JSON.stringify(value)}, naming the field and value`, () => {
      const spec = { ...defaultFeatureSpec('mfcc'), [field]: value };
      expect(() => validateFeatureSpec(spec)).toThrow(FeatureSpecError);
      expect(() => validateFeatureSpec(spec)).toThrow(message);
    });
  }

  it('rejects a missing field, a non-object, and deltas on raw frames', () => {
    const { nMels: _drop, ...missing } = defaultFeatureSpec('logmel');
    expect(() => validateFeatureSpec(missing)).toThrow(/FeatureSpec\.nMels: .*missing/);
    expect(() => validateFeatureSpec([1, 2])).toThrow(/expected an object/);
    expect(() => validateFeatureSpec({ ...defaultFeatureSpec('frames'), deltas: 1 })).toThrow(/deltas.*'frames'/);
  });

  it('resolves a partial spec with the defaults of its kind and the Nyquist fMax of its rate', () => {
    const spec = resolveFeatureSpec({ kind: 'mfcc', sampleRate: 8000, fftSize: 256, nMels: 23 });
    expect(spec.fMax).toBe(4000);
    expect(spec.deltas).toBe(2);
    expect(spec.nMels).toBe(23);
    expect(resolveFeatureSpec({}).kind).toBe('logmel');
    expect(() => resolveFeatureSpec({ kind: 'mfcc', hopMs: -1 })).toThrow(/hopMs.*got -1/);
  });
});

/** extractFeatures: samples + FeatureSpec -> feature matrix, the one entry point models and the CLI use. */
import { cmvn } from './cmvn';
import { appendDeltas } from './deltas';
import { frameSignal } from './frame';
import type { FeatureMatrix } from './matrix';
import { hopSamples, validateFeatureSpec, windowSamples, type FeatureSpec } from './spec';
import { spectralFeatures } from './spectral';

/** Pre-emphasis y[0] = x[0], y[n] = x[n] - p x[n-1], into a new array (a copy of x when p = 0). */
export function preemphasize(x: Float32Array, p: number): Float32Array {
  const y = new Float32Array(x.length);
  if (x.length === 0) return y;
  y[0] = x[0];
  for (let i = 1; i < x.length; i++) y[i] = x[i] - p * x[i - 1];
  return y;
}

/**
 * Features of mono `samples` (at spec.sampleRate) as described by `spec` (validated here):
 * 'frames' -> [frames x windowSamples] raw (pre-emphasised) windows; 'logmel' -> [frames x nMels];
 * 'mfcc' -> [frames x nMfcc]; then deltas (dims x (deltas + 1)) and CMVN when the spec asks.
 * Frame count: see frame.ts (1 + floor((n - window) / hop), one padded frame for short input, 0 for empty).
 */
export function extractFeatures(samples: Float32Array, spec: FeatureSpec): FeatureMatrix {
  validateFeatureSpec(spec);
  let m: FeatureMatrix;
  if (spec.kind === 'frames') {
    const x = spec.preemphasis > 0 ? preemphasize(samples, spec.preemphasis) : samples;
    const f = frameSignal(x, { windowSamples: windowSamples(spec), hopSamples: hopSamples(spec) });
    m = { data: f.data, frames: f.frames, dims: f.window };
  } else {
    m = spectralFeatures(samples, spec, spec.kind === 'mfcc');
  }
  m = appendDeltas(m, spec.deltas);
  if (spec.cmvn === 'utterance') cmvn(m);
  return m;
}

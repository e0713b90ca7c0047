/**
 * FeatureSpec: a serialisable (plain JSON) description of a front end, complete enough that features computed at
 * training time can be reproduced exactly at inference. It travels with every saved model.
 */

import { melFilterbank } from './mel';

/** What the front end produces. */
export type FeatureKind = 'frames' | 'logmel' | 'mfcc';
/** The kinds, for validation and CLI help. */
export const featureKinds = ['frames', 'logmel', 'mfcc'] as const satisfies readonly FeatureKind[];

/** A complete front-end description. Fields that a kind does not use are kept (and validated) but ignored. */
export interface FeatureSpec {
  /** 'frames': raw windows [frames x windowSamples]; 'logmel': [frames x nMels]; 'mfcc': [frames x nMfcc]; each x (deltas + 1). */
  kind: FeatureKind;
  /** Rate in Hz the input samples must have; default 16000; integer 1000..192000. */
  sampleRate: number;
  /** Window length in ms; default 25; windowSamples = round(windowMs * sampleRate / 1000) must be 1..fftSize. */
  windowMs: number;
  /** Hop between frames in ms; default 10; hopSamples = round(hopMs * sampleRate / 1000) >= 1. */
  hopMs: number;
  /** FFT length; default 512; a power of two 16..65536, at least windowSamples (frames are zero-padded to it). */
  fftSize: number;
  /** Analysis window (periodic); default 'hann'. */
  window: 'hann' | 'hamming';
  /** Pre-emphasis y[n] = x[n] - p x[n-1] over the whole signal; default 0.97 (0 for 'frames'); 0 <= p < 1. */
  preemphasis: number;
  /** Mel bands; default 40; integer 1..512, each band must cover at least one FFT bin. */
  nMels: number;
  /** Lowest band edge in Hz; default 20; 0 <= fMin < fMax. */
  fMin: number;
  /** Highest band edge in Hz; default sampleRate / 2 (8000); fMin < fMax <= sampleRate / 2. */
  fMax: number;
  /** Mel scale: 'htk' (2595 log10(1 + f/700)) or 'slaney' (linear below 1 kHz, log above); default 'htk'. */
  melScale: 'htk' | 'slaney';
  /** Mel filter weights: 'none' (triangles of peak 1, as torchaudio) or 'slaney' (unit area); default 'none'. */
  melNorm: 'none' | 'slaney';
  /** Mel energies below this are clamped before the natural log; default 1e-10; > 0. */
  logFloor: number;
  /** Cepstral coefficients kept (c0 included) from an orthonormal DCT-II; default 13; integer 1..nMels. */
  nMfcc: number;
  /** Appended regression deltas (window N = 2): 0 none, 1 delta, 2 delta + delta-delta; default 2 for 'mfcc', else 0; 'frames' needs 0. */
  deltas: 0 | 1 | 2;
  /** Per-utterance mean and variance normalisation of every output dimension (after deltas); default 'utterance' for 'mfcc', else 'none'. */
  cmvn: 'none' | 'utterance';
}

const baseSpec: Omit<FeatureSpec, 'kind'> = {
  sampleRate: 16000,
  windowMs: 25,
  hopMs: 10,
  fftSize: 512,
  window: 'hann',
  preemphasis: 0.97,
  nMels: 40,
  fMin: 20,
  fMax: 8000,
  melScale: 'htk',
  melNorm: 'none',
  logFloor: 1e-10,
  nMfcc: 13,
  deltas: 0,
  cmvn: 'none',
};

const kindDefaults: Record<FeatureKind, Partial<FeatureSpec>> = {
  frames: { preemphasis: 0 },
  logmel: {},
  mfcc: { deltas: 2, cmvn: 'utterance' },
};

/** The default spec of a kind: 16 kHz, 25 ms / 10 ms, 512-point FFT, 40 mel bands; MFCC 13 + deltas + CMVN. */
export function defaultFeatureSpec(kind: FeatureKind): FeatureSpec {
  return { kind, ...baseSpec, ...kindDefaults[kind] };
}

/** A spec field or value that is not allowed; `field` names it. */
export class FeatureSpecError extends Error {
  constructor(
    readonly field: string,
    readonly value: unknown,
    expected: string,
  ) {
    super(`FeatureSpec.${field}: expected ${expected}, got ${JSON.stringify(value) ?? String(value)}`);
    this.name = 'FeatureSpecError';
  }
}

/** Window length of a spec in samples. */
export function windowSamples(spec: FeatureSpec): number {
  return Math.round((spec.windowMs * spec.sampleRate) / 1000);
}

/** Hop of a spec in samples. */
export function hopSamples(spec: FeatureSpec): number {
  return Math.round((spec.hopMs * spec.sampleRate) / 1000);
}

/** Output dimensions per frame of a spec (static features times deltas + 1). */
export function featureDims(spec: FeatureSpec): number {
  const base = spec.kind === 'frames' ? windowSamples(spec) : spec.kind === 'logmel' ? spec.nMels : spec.nMfcc;
  return base * (spec.deltas + 1);
}

type Check = (value: unknown) => string | null;

const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const intIn = (lo: number, hi: number): Check => (v) =>
  Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi ? null : `an integer in ${lo}..${hi}`;
const oneOf = (values: readonly unknown[]): Check => (v) =>
  values.includes(v) ? null : `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`;

const checks: Record<keyof FeatureSpec, Check> = {
  kind: oneOf(featureKinds),
  sampleRate: intIn(1000, 192000),
  windowMs: (v) => (isNumber(v) && v > 0 && v <= 1000 ? null : 'a number of ms in (0, 1000]'),
  hopMs: (v) => (isNumber(v) && v > 0 && v <= 1000 ? null : 'a number of ms in (0, 1000]'),
  fftSize: (v) => (Number.isInteger(v) && (v as number) >= 16 && (v as number) <= 65536 && ((v as number) & ((v as number) - 1)) === 0 ? null : 'a power of two in 16..65536'),
  window: oneOf(['hann', 'hamming']),
  preemphasis: (v) => (isNumber(v) && v >= 0 && v < 1 ? null : 'a number in [0, 1)'),
  nMels: intIn(1, 512),
  fMin: (v) => (isNumber(v) && v >= 0 ? null : 'a number of Hz >= 0'),
  fMax: (v) => (isNumber(v) && v > 0 ? null : 'a number of Hz > 0'),
  melScale: oneOf(['htk', 'slaney']),
  melNorm: oneOf(['none', 'slaney']),
  logFloor: (v) => (isNumber(v) && v > 0 ? null : 'a number > 0'),
  nMfcc: intIn(1, 512),
  deltas: oneOf([0, 1, 2]),
  cmvn: oneOf(['none', 'utterance']),
};

/** Checks that `json` is a complete, consistent FeatureSpec and returns it typed; throws FeatureSpecError naming the bad field and value. */
export function validateFeatureSpec(json: unknown): FeatureSpec {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new FeatureSpecError('(spec)', json, 'an object');
  }
  const spec = json as Record<string, unknown>;
  for (const key of Object.keys(spec)) {
    if (!(key in checks)) throw new FeatureSpecError(key, spec[key], `no such field (known: ${Object.keys(checks).join(', ')})`);
  }
  for (const [field, check] of Object.entries(checks)) {
    if (!(field in spec)) throw new FeatureSpecError(field, undefined, 'a value (the field is missing)');
    const problem = check(spec[field]);
    if (problem) throw new FeatureSpecError(field, spec[field], problem);
  }
  const s = spec as unknown as FeatureSpec;
  const win = windowSamples(s);
  if (win < 1) throw new FeatureSpecError('windowMs', s.windowMs, `at least one sample at ${s.sampleRate} Hz`);
  if (hopSamples(s) < 1) throw new FeatureSpecError('hopMs', s.hopMs, `at least one sample at ${s.sampleRate} Hz`);
  if (s.kind === 'frames') {
    if (s.deltas !== 0) throw new FeatureSpecError('deltas', s.deltas, "0 for kind 'frames'");
    return s;
  }
  if (win > s.fftSize) throw new FeatureSpecError('windowMs', s.windowMs, `a window of at most fftSize = ${s.fftSize} samples (it is ${win})`);
  if (s.fMax > s.sampleRate / 2) throw new FeatureSpecError('fMax', s.fMax, `at most the Nyquist frequency ${s.sampleRate / 2} Hz`);
  if (s.fMin >= s.fMax) throw new FeatureSpecError('fMin', s.fMin, `less than fMax = ${s.fMax} Hz`);
  if (s.nMels > s.fftSize / 2 + 1) throw new FeatureSpecError('nMels', s.nMels, `at most fftSize / 2 + 1 = ${s.fftSize / 2 + 1}`);
  if (s.kind === 'mfcc' && s.nMfcc > s.nMels) throw new FeatureSpecError('nMfcc', s.nMfcc, `at most nMels = ${s.nMels}`);
  try {
    melFilterbank(s);
  } catch (error) {
    throw new FeatureSpecError('nMels', s.nMels, `bands that each cover an FFT bin (${(error as Error).message})`);
  }
  return s;
}

/**
 * Fills the fields missing from a partial spec with the defaults of its kind (default kind 'logmel'; fMax
 * defaults to the Nyquist frequency of the given rate), then validates the result.
 */
export function resolveFeatureSpec(partial: Partial<FeatureSpec>): FeatureSpec {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) {
    throw new FeatureSpecError('(spec)', partial, 'an object');
  }
  const kind = partial.kind ?? 'logmel';
  if (!featureKinds.includes(kind)) throw new FeatureSpecError('kind', kind, checks.kind(kind) ?? '');
  const defaults = defaultFeatureSpec(kind);
  const rate = isNumber(partial.sampleRate) ? partial.sampleRate : defaults.sampleRate;
  return validateFeatureSpec({ ...defaults, fMax: rate / 2, ...partial, kind });
}

/**
 * Per-frame audio descriptors computed by meyda (rms, zcr, spectral centroid, flatness, rolloff, ...).
 * Meyda wants power-of-two frames, so descriptors use frames of `frameSize` samples (default 512 = 32 ms at
 * 16 kHz) every `hopSamples`, under the framing convention of frame.ts. Time-domain descriptors see the raw frame
 * (so a sine of amplitude A has rms A / sqrt 2); spectral ones see meyda's windowed spectrum.
 */
import Meyda, { type MeydaAudioFeature } from 'meyda';
import { frameSignal } from './frame';
import type { FeatureMatrix } from './matrix';

/**
 * The descriptors, like meyda's extractor registry: what each is computed from, and its unit. Centroid and spread
 * come from meyda in FFT bins and are converted to Hz here; zcr is meyda's count of sign changes per frame.
 */
export const descriptorRegistry = {
  rms: { domain: 'time', unit: 'amplitude' },
  energy: { domain: 'time', unit: 'sum of squares' },
  zcr: { domain: 'time', unit: 'crossings per frame' },
  spectralCentroid: { domain: 'spectral', unit: 'Hz' },
  spectralSpread: { domain: 'spectral', unit: 'Hz' },
  spectralFlatness: { domain: 'spectral', unit: 'ratio 0..1' },
  spectralRolloff: { domain: 'spectral', unit: 'Hz' },
  spectralSlope: { domain: 'spectral', unit: 'slope' },
  spectralSkewness: { domain: 'spectral', unit: 'moment' },
  spectralKurtosis: { domain: 'spectral', unit: 'moment' },
  spectralCrest: { domain: 'spectral', unit: 'ratio' },
  perceptualSpread: { domain: 'spectral', unit: 'ratio 0..1' },
  perceptualSharpness: { domain: 'spectral', unit: 'ratio' },
} as const;

/** A descriptor's name. */
export type DescriptorName = keyof typeof descriptorRegistry;
/** All descriptor names, in registry order. */
export const descriptorNames = Object.keys(descriptorRegistry) as DescriptorName[];

const inHzFromBins = new Set<DescriptorName>(['spectralCentroid', 'spectralSpread']);

/** Options of computeDescriptors. */
export interface DescriptorOptions {
  /** Rate of the samples in Hz; default 16000. */
  sampleRate?: number;
  /** Frame length in samples; default 512; a power of two 32..16384 (meyda's requirement). */
  frameSize?: number;
  /** Hop between frames in samples; default 160 (10 ms at 16 kHz); integer >= 1. */
  hopSamples?: number;
  /** Window meyda applies before its FFT for the spectral descriptors; default 'hann'. */
  window?: 'hann' | 'hamming';
}

/** Default descriptor options. */
export const defaultDescriptorOptions = { sampleRate: 16000, frameSize: 512, hopSamples: 160, window: 'hann' } as const satisfies Required<DescriptorOptions>;

/** Descriptor values: a [frames x names.length] matrix, column j holding `names[j]`. */
export interface DescriptorMatrix extends FeatureMatrix {
  names: DescriptorName[];
}

/**
 * Computes `names` (default: all) for every frame of `samples`. Values that meyda leaves undefined (NaN, e.g.
 * the centroid of a silent frame) are reported as 0.
 */
export function computeDescriptors(samples: Float32Array, names: readonly DescriptorName[] = descriptorNames, options: DescriptorOptions = {}): DescriptorMatrix {
  const o = { ...defaultDescriptorOptions, ...options };
  const { frameSize } = o;
  if (!Number.isInteger(frameSize) || frameSize < 32 || frameSize > 16384 || (frameSize & (frameSize - 1)) !== 0) {
    throw new RangeError(`computeDescriptors: frameSize must be a power of two in 32..16384, got ${frameSize}`);
  }
  for (const name of names) {
    if (!(name in descriptorRegistry)) throw new RangeError(`computeDescriptors: unknown descriptor '${name}' (known: ${descriptorNames.join(', ')})`);
  }
  const timeNames = names.filter((n) => descriptorRegistry[n].domain === 'time') as MeydaAudioFeature[];
  const spectralNames = names.filter((n) => descriptorRegistry[n].domain === 'spectral') as MeydaAudioFeature[];
  const framed = frameSignal(samples, { windowSamples: frameSize, hopSamples: o.hopSamples });
  const dims = names.length;
  const data = new Float32Array(framed.frames * dims);
  const meyda = Meyda as unknown as { bufferSize: number; sampleRate: number; windowingFunction: string };
  meyda.bufferSize = frameSize;
  meyda.sampleRate = o.sampleRate;
  const binHz = o.sampleRate / frameSize;
  for (let t = 0; t < framed.frames; t++) {
    const frame = framed.data.subarray(t * frameSize, (t + 1) * frameSize);
    const values: Record<string, unknown> = {};
    if (timeNames.length) {
      meyda.windowingFunction = 'rect'; // meyda supports 'rect' at run time, though its types omit it
      Object.assign(values, Meyda.extract(timeNames, frame));
    }
    if (spectralNames.length) {
      meyda.windowingFunction = o.window === 'hann' ? 'hanning' : 'hamming';
      Object.assign(values, Meyda.extract(spectralNames, frame));
    }
    for (let j = 0; j < dims; j++) {
      const raw = Number(values[names[j]]);
      const v = inHzFromBins.has(names[j]) ? raw * binHz : raw;
      data[t * dims + j] = Number.isFinite(v) ? v : 0;
    }
  }
  return { data, frames: framed.frames, dims, names: [...names] };
}

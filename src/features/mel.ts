/** Mel scales and the sparse triangular mel filterbank, cached per parameter set. */

/** Parameters of a mel filterbank (the FeatureSpec fields it depends on). */
export interface MelOptions {
  fftSize: number;
  sampleRate: number;
  nMels: number;
  fMin: number;
  fMax: number;
  melScale: 'htk' | 'slaney';
  melNorm: 'none' | 'slaney';
}

/**
 * A sparse filterbank over the fftSize / 2 + 1 power-spectrum bins: band m has weights
 * `weights[offsets[m] .. offsets[m + 1])` for bins `starts[m] ..` (consecutive).
 */
export interface MelFilterbank {
  nMels: number;
  nBins: number;
  starts: Int32Array;
  offsets: Int32Array;
  weights: Float64Array;
}

const SLANEY_F_SP = 200 / 3;
const SLANEY_MIN_LOG_HZ = 1000;
const SLANEY_MIN_LOG_MEL = SLANEY_MIN_LOG_HZ / SLANEY_F_SP;
const SLANEY_LOGSTEP = Math.log(6.4) / 27;

/** Hz to mel on the given scale. */
export function hzToMel(hz: number, scale: 'htk' | 'slaney'): number {
  if (scale === 'htk') return 2595 * Math.log10(1 + hz / 700);
  return hz < SLANEY_MIN_LOG_HZ ? hz / SLANEY_F_SP : SLANEY_MIN_LOG_MEL + Math.log(hz / SLANEY_MIN_LOG_HZ) / SLANEY_LOGSTEP;
}

/** Mel to Hz on the given scale (inverse of hzToMel). */
export function melToHz(mel: number, scale: 'htk' | 'slaney'): number {
  if (scale === 'htk') return 700 * (10 ** (mel / 2595) - 1);
  return mel < SLANEY_MIN_LOG_MEL ? mel * SLANEY_F_SP : SLANEY_MIN_LOG_HZ * Math.exp(SLANEY_LOGSTEP * (mel - SLANEY_MIN_LOG_MEL));
}

/** The nMels + 2 band edges in Hz: equally spaced in mel from fMin to fMax; band m spans edges m..m+2, peaking at m+1. */
export function melBandEdgesHz(o: Pick<MelOptions, 'nMels' | 'fMin' | 'fMax' | 'melScale'>): Float64Array {
  const lo = hzToMel(o.fMin, o.melScale);
  const hi = hzToMel(o.fMax, o.melScale);
  const edges = new Float64Array(o.nMels + 2);
  for (let i = 0; i < edges.length; i++) edges[i] = melToHz(lo + ((hi - lo) * i) / (o.nMels + 1), o.melScale);
  return edges;
}

const cache = new Map<string, MelFilterbank>();

/**
 * The triangular mel filterbank (torchaudio's construction: triangles over continuous frequency, sampled at the
 * bin centres k * sampleRate / fftSize), cached per parameter set. Throws RangeError when a band covers no bin.
 */
export function melFilterbank(o: MelOptions): MelFilterbank {
  const key = `${o.fftSize}|${o.sampleRate}|${o.nMels}|${o.fMin}|${o.fMax}|${o.melScale}|${o.melNorm}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const nBins = o.fftSize / 2 + 1;
  const edges = melBandEdgesHz(o);
  const binHz = o.sampleRate / o.fftSize;
  const starts = new Int32Array(o.nMels);
  const offsets = new Int32Array(o.nMels + 1);
  const weights: number[] = [];
  for (let m = 0; m < o.nMels; m++) {
    const [left, centre, right] = [edges[m], edges[m + 1], edges[m + 2]];
    const scale = o.melNorm === 'slaney' ? 2 / (right - left) : 1;
    let first = -1;
    let last = -1;
    for (let k = Math.max(0, Math.floor(left / binHz)); k < nBins && k * binHz < right; k++) {
      const f = k * binHz;
      const w = Math.max(0, Math.min((f - left) / (centre - left), (right - f) / (right - centre)));
      if (w > 0) {
        if (first < 0) first = k;
        last = k;
      }
    }
    if (first < 0) {
      throw new RangeError(
        `mel band ${m + 1} of ${o.nMels} (${left.toFixed(1)}-${right.toFixed(1)} Hz) covers no FFT bin at fftSize ${o.fftSize}; use fewer mel bands, a larger fftSize or a wider fMin..fMax`,
      );
    }
    starts[m] = first;
    offsets[m] = weights.length;
    for (let k = first; k <= last; k++) {
      const f = k * binHz;
      weights.push(scale * Math.max(0, Math.min((f - left) / (centre - left), (right - f) / (right - centre))));
    }
  }
  offsets[o.nMels] = weights.length;
  const bank: MelFilterbank = { nMels: o.nMels, nBins, starts, offsets, weights: Float64Array.from(weights) };
  cache.set(key, bank);
  return bank;
}

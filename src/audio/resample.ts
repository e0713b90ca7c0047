/**
 * Band-limited resampling: a polyphase windowed-sinc (Kaiser) filter for the exact rational ratio to/from.
 *
 * For a ratio L/M (reduced), output sample n sits at input time t = n*M/L; it is the sum of input samples within
 * `zeroCrossings` lobes of the sinc, weighted by one of L precomputed phases of the filter. The cutoff is
 * `rolloff` times the lower of the two Nyquist frequencies, so downsampling removes what would alias
 * (e.g. 10 kHz in 44.1 kHz input is gone at 16 kHz) and upsampling adds no images. Each phase is normalised to unit
 * DC gain. Samples outside the signal count as zero; the filter is symmetric, so there is no delay:
 * output sample n corresponds exactly to input time n*from/to. Output length is ceil(input * to / from).
 * Ratios whose L exceeds `maxPhases` (odd rates such as 44100 -> 16001) round the phase to 1/maxPhases of an
 * input sample.
 */

/** Filter design of the resampler; the defaults give > 80 dB stopband rejection and a flat passband to 0.85 Nyquist. */
export interface ResampleOptions {
  /** Sinc lobes on each side of the centre, at the lower rate (default 32; more = sharper and slower). */
  zeroCrossings?: number;
  /** Cutoff as a fraction of the lower Nyquist frequency, (0, 1] (default 0.92). */
  rolloff?: number;
  /** Kaiser window beta (default 7.86, about 80 dB sidelobe rejection). */
  kaiserBeta?: number;
  /** Most filter phases precomputed (default 4096). */
  maxPhases?: number;
}

/** Default filter design of the resampler. */
export const DEFAULT_RESAMPLE_OPTIONS: Required<ResampleOptions> = {
  zeroCrossings: 32,
  rolloff: 0.92,
  kaiserBeta: 7.86,
  maxPhases: 4096,
};

function gcd(a: number, b: number): number {
  while (b) [a, b] = [b, a % b];
  return a;
}

/** Zeroth-order modified Bessel function of the first kind (series; converges fast for the betas used). */
function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  const q = (x * x) / 4;
  for (let k = 1; k < 200 && term > 1e-12 * sum; k++) {
    term *= q / (k * k);
    sum += term;
  }
  return sum;
}

/** A polyphase filter bank: `phases` rows of `taps` coefficients, row p for fractional position p/phases. */
interface FilterBank {
  coefficients: Float32Array;
  phases: number;
  taps: number;
  /** Taps before the centre sample. */
  half: number;
}

const bankCache = new Map<string, FilterBank>();

function designBank(scale: number, phases: number, opts: Required<ResampleOptions>): FilterBank {
  const key = `${scale}:${phases}:${opts.zeroCrossings}:${opts.rolloff}:${opts.kaiserBeta}`;
  const cached = bankCache.get(key);
  if (cached) return cached;
  const s = scale * opts.rolloff; // cutoff in cycles per input sample, times 2
  const halfWidth = opts.zeroCrossings / s; // in input samples
  const half = Math.ceil(halfWidth);
  const taps = 2 * half + 1;
  const coefficients = new Float32Array(phases * taps);
  const i0Beta = besselI0(opts.kaiserBeta);
  const row = new Float64Array(taps);
  for (let p = 0; p < phases; p++) {
    let sum = 0;
    for (let m = 0; m < taps; m++) {
      // Tap m multiplies input sample (i - half + m); its distance from output time i + p/phases:
      const t = half - m + p / phases;
      const r = t / halfWidth;
      const window = Math.abs(r) >= 1 ? 0 : besselI0(opts.kaiserBeta * Math.sqrt(1 - r * r)) / i0Beta;
      const x = Math.PI * s * t;
      row[m] = window * (x === 0 ? 1 : Math.sin(x) / x);
      sum += row[m];
    }
    for (let m = 0; m < taps; m++) coefficients[p * taps + m] = row[m] / sum;
  }
  const bank = { coefficients, phases, taps, half };
  if (bankCache.size >= 160) bankCache.clear(); // speed perturbation's 151 ratios (0.5..2 in 1/100) fit
  bankCache.set(key, bank);
  return bank;
}

/** Dot product of x[xOffset..] and c[cOffset..] over `length` values; four accumulators keep the FPU busy. */
function dot(x: Float32Array, xOffset: number, c: Float32Array, cOffset: number, length: number): number {
  let a0 = 0;
  let a1 = 0;
  let a2 = 0;
  let a3 = 0;
  let m = 0;
  for (; m + 3 < length; m += 4) {
    a0 += x[xOffset + m] * c[cOffset + m];
    a1 += x[xOffset + m + 1] * c[cOffset + m + 1];
    a2 += x[xOffset + m + 2] * c[cOffset + m + 2];
    a3 += x[xOffset + m + 3] * c[cOffset + m + 3];
  }
  for (; m < length; m++) a0 += x[xOffset + m] * c[cOffset + m];
  return a0 + a1 + (a2 + a3);
}

/**
 * Resamples a signal from one rate to another with an anti-aliasing filter.
 * @param x samples [n] at `fromRate`
 * @returns samples [ceil(n * toRate / fromRate)] at `toRate`; a copy of x when the rates are equal
 */
export function resample(x: Float32Array, fromRate: number, toRate: number, options: ResampleOptions = {}): Float32Array {
  for (const [name, rate] of [['fromRate', fromRate], ['toRate', toRate]] as const) {
    if (!Number.isInteger(rate) || rate <= 0) throw new RangeError(`resample: ${name} must be a positive integer, got ${rate}`);
  }
  if (fromRate === toRate) return Float32Array.from(x);
  const opts = { ...DEFAULT_RESAMPLE_OPTIONS, ...options };
  const g = gcd(fromRate, toRate);
  const L = toRate / g;
  const M = fromRate / g;
  const exact = L <= opts.maxPhases;
  const bank = designBank(Math.min(1, L / M), exact ? L : opts.maxPhases, opts);
  const n = x.length;
  const outLength = Math.ceil((n * L) / M);
  const out = new Float32Array(outLength);
  const { coefficients, taps, half, phases } = bank;
  const whole = Math.floor(M / L);
  const rest = M % L;
  let i = 0; // input index at or before output time
  let rem = 0; // (output time - i) * L, in [0, L)
  for (let k = 0; k < outLength; k++) {
    let base = i - half;
    let phase = rem;
    if (!exact) {
      phase = Math.round((rem * phases) / L);
      if (phase === phases) {
        phase = 0;
        base += 1;
      }
    }
    const row = phase * taps;
    let acc = 0;
    if (base >= 0 && base + taps <= n) {
      acc = dot(x, base, coefficients, row, taps);
    } else {
      const from = Math.max(0, -base);
      const to = Math.min(taps, n - base);
      for (let m = from; m < to; m++) acc += x[base + m] * coefficients[row + m];
    }
    out[k] = acc;
    i += whole;
    rem += rest;
    if (rem >= L) {
      rem -= L;
      i += 1;
    }
  }
  return out;
}

/**
 * Vocal-tract-length perturbation (formant warping): the spectral envelope of each short-time frame is moved along
 * the frequency axis by a factor alpha (formants at f go to alpha f), while the harmonics, and so the pitch, stay
 * where they were. Per frame the envelope is a linear-prediction (all-pole) fit: its autocorrelation is the inverse
 * transform of the frame's power spectrum, Levinson-Durbin gives the predictor, and one more transform gives
 * |A(f)|^2, the envelope's inverse. Every bin is scaled by sqrt(|A(f)|^2 / |A(warp^-1(f))|^2), keeping its phase,
 * so no phase is re-estimated: two transforms of the frame size per frame (analysis, synthesis), and two more every
 * other frame for the fit (autocorrelation, predictor). An all-pole fit keeps formant peaks where they are; smoothing the spectrum across bins (cheaper,
 * tried first) blurs a formant wider than the smoothing, and then moved it only part of the way (0.88-0.94 of a
 * 1.2 warp with a 400 Hz box).
 * The warp is Jaitly & Hinton's (2013) piecewise-linear one: f -> alpha f up to a boundary frequency, then a
 * straight line to Nyquist, so no band is lost or left empty at the top.
 */
import { fftScratch, inverseReal } from './fft';
import { shortTimeProcess } from './stft';

/** The settings of vtlp; defaults in defaultVtlpOptions. */
export interface VtlpOptions {
  /** Sample rate of the signal in Hz. Default 16000. */
  sampleRate?: number;
  /** FFT size (and window) in samples; power of two >= 64. Default 512 (32 ms at 16 kHz). */
  fftSize?: number;
  /** Order of the all-pole envelope (about 2 poles per kHz of bandwidth, plus a few for the tilt). Default 18. */
  order?: number;
  /** Largest gain a bin may take (the envelope ratio is clamped to 1/maxGain..maxGain). Default 30 (~30 dB). */
  maxGain?: number;
}

/** Defaults of VtlpOptions. */
export const defaultVtlpOptions = { sampleRate: 16000, fftSize: 512, order: 18, maxGain: 30 } as const satisfies Required<VtlpOptions>;

/** Warp factors are rounded to 1/100 (a handful of warp tables per run, cached). */
const tables = new Map<string, Float64Array>();

/**
 * Source bin (fractional) of each output bin 0..size/2 for warp factor alpha: output frequency f' comes from
 * f'/alpha below the boundary alpha * fb (fb = 0.8 Nyquist min(1, 1/alpha)), and on a straight line above it.
 */
export function vtlpSourceBins(alpha: number, size: number): Float64Array {
  const key = `${alpha.toFixed(2)}:${size}`;
  let table = tables.get(key);
  if (!table) {
    const nyquist = size / 2; // in bins
    const fb = 0.8 * nyquist * Math.min(1, 1 / alpha); // source boundary
    const out = alpha * fb; // output boundary (<= 0.8 Nyquist)
    table = new Float64Array(nyquist + 1);
    for (let k = 0; k <= nyquist; k++) {
      table[k] = k <= out ? k / alpha : fb + ((k - out) * (nyquist - fb)) / (nyquist - out);
    }
    tables.set(key, table);
  }
  return table;
}

const scratch = new Map<number, { inverse: Float64Array; poly: Float64Array; polySpectrum: Float64Array; r: Float64Array; a: Float64Array; prev: Float64Array }>();

function buffersOf(size: number) {
  let b = scratch.get(size);
  if (!b) {
    b = {
      inverse: new Float64Array(size / 2 + 1), poly: new Float64Array(size), polySpectrum: new Float64Array(2 * size),
      r: new Float64Array(65), a: new Float64Array(65), prev: new Float64Array(65),
    };
    scratch.set(size, b);
  }
  return b;
}

/**
 * The predictor a[0..order] (a[0] = 1) of autocorrelation r by Levinson-Durbin, into `a` (`prev` is scratch);
 * false when r[0] is 0 (a silent frame).
 */
function levinson(r: Float64Array, order: number, a: Float64Array, prev: Float64Array): boolean {
  a.fill(0);
  a[0] = 1;
  let err = r[0];
  if (!(err > 0)) return false;
  for (let i = 1; i <= order; i++) {
    let acc = r[i];
    for (let j = 1; j < i; j++) acc += a[j] * r[i - j];
    const k = -acc / err;
    for (let j = 1; j < i; j++) prev[j] = a[j];
    for (let j = 1; j < i; j++) a[j] = prev[j] + k * prev[i - j];
    a[i] = k;
    err *= 1 - k * k;
    if (!(err > 0)) break;
  }
  return true;
}

/**
 * x with its formants moved by `alpha` (0.65..1.5; > 1 moves them up, as a shorter vocal tract does), pitch and
 * length unchanged. Alpha is rounded to 1/100; 1 returns a copy.
 */
export function vtlp(x: Float32Array, alpha: number, options: VtlpOptions = {}): Float32Array {
  if (!Number.isFinite(alpha) || alpha < 0.65 || alpha > 1.5) throw new RangeError(`vtlp: alpha must be in 0.65..1.5, got ${alpha}`);
  const o = { ...defaultVtlpOptions, ...options };
  const size = o.fftSize;
  if (!Number.isInteger(Math.log2(size)) || size < 64) throw new RangeError(`vtlp: fftSize must be a power of two >= 64, got ${size}`);
  if (!Number.isInteger(o.order) || o.order < 2 || o.order > 64) throw new RangeError(`vtlp: order must be an integer in 2..64, got ${o.order}`);
  const a = Math.round(alpha * 100) / 100;
  if (a === 1) return Float32Array.from(x);
  const bins = size / 2 + 1;
  const source = vtlpSourceBins(a, size);
  const order = o.order;
  const { inverse, poly, polySpectrum, r, a: predictor, prev } = buffersOf(size);
  const s = fftScratch(size);
  const power = s.back; // the frame's power spectrum as a complex array with zero imaginary parts
  const maxGain2 = o.maxGain * o.maxGain;
  /** Fits the all-pole envelope of a frame's spectrum: inverse <- |A(f)|^2; false for a silent frame. */
  const fit = (spectrum: Float64Array): boolean => {
    power.fill(0, 0, size + 2);
    for (let k = 0; k < bins; k++) power[2 * k] = spectrum[2 * k] * spectrum[2 * k] + spectrum[2 * k + 1] * spectrum[2 * k + 1];
    inverseReal(s, power); // s.time <- the frame's (circular) autocorrelation
    for (let i = 0; i <= order; i++) r[i] = s.time[i];
    r[0] *= 1 + 1e-9; // a little white noise: a well-conditioned fit of near-pure tones
    if (!levinson(r, order, predictor, prev)) return false;
    poly.fill(0);
    for (let i = 0; i <= order; i++) poly[i] = predictor[i];
    s.fft.realTransform(polySpectrum, poly);
    for (let k = 0; k < bins; k++) inverse[k] = polySpectrum[2 * k] * polySpectrum[2 * k] + polySpectrum[2 * k + 1] * polySpectrum[2 * k + 1];
    return true;
  };
  let frame = 0;
  let fitted = false;
  return shortTimeProcess(x, size, (spectrum) => {
    // refitted every other frame (16 ms at the defaults): the fit is about half of a frame's cost
    if (frame++ % 2 === 0) fitted = fit(spectrum);
    if (!fitted) return;
    for (let k = 0; k < bins; k++) {
      const f = source[k];
      const i = f < bins - 2 ? Math.floor(f) : bins - 2;
      const t = f - i;
      // envelope(source) / envelope(k) = |A(k)|^2 / |A(source)|^2
      const g2 = inverse[k] / (inverse[i] + t * (inverse[i + 1] - inverse[i]));
      const gain = Math.sqrt(g2 > maxGain2 ? maxGain2 : g2 < 1 / maxGain2 ? 1 / maxGain2 : g2);
      spectrum[2 * k] *= gain;
      spectrum[2 * k + 1] *= gain;
    }
  });
}

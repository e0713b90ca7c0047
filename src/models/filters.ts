/**
 * What a learned front end learned: each filter's impulse response, its power response (FFT, in dB), its centre
 * frequency, the filters sorted by centre, and the cumulative response (the sum of all filters' power: which
 * frequencies the front end listens to, the plot SincNet users ask for); plus the mel filterbank of the same size
 * for comparison. Plain numbers, for the API and the app's Filters view.
 */
import FFT from 'fft.js';
import { tf } from '../engine';
import { melFilterbank } from '../features';
import { LearnedFilterbank, SincFilterbank } from './layers';

/** One learned filter (a quadrature pair: the in-phase impulse is shown). */
export interface FilterResponse {
  /** Power-weighted mean frequency of the response, Hz. */
  centreHz: number;
  /** In-phase impulse response, `taps` samples. */
  impulse: number[];
  /** Power response of the pair ((|Ha|^2 + |Hb|^2) / 2) in dB at freqsHz. */
  magnitudeDb: number[];
}

/** The filters of a model's front end and the mel bank beside them. */
export interface FilterAnalysis {
  sampleRate: number;
  /** Frequencies of the responses: fftSize / 2 + 1 bins from 0 to Nyquist. */
  freqsHz: number[];
  /** Sorted by centreHz. */
  filters: FilterResponse[];
  /** 10 log10 of the summed power responses of all filters, at freqsHz. */
  cumulativeDb: number[];
  /** Triangular mel filters (HTK scale, as many as the learned ones) with their centre and response in dB. */
  mel: { centreHz: number; magnitudeDb: number[] }[];
}

const FLOOR_DB = -100;

function toDb(power: number): number {
  return Math.max(FLOOR_DB, 10 * Math.log10(power + 1e-12));
}

/** Power spectrum |H|^2 of a real impulse response zero-padded to fftSize, fftSize / 2 + 1 bins. */
export function powerResponse(impulse: ArrayLike<number>, fftSize: number): Float64Array {
  if (impulse.length > fftSize) throw new RangeError(`powerResponse: ${impulse.length} taps need fftSize >= ${impulse.length}, got ${fftSize}`);
  const fft = new FFT(fftSize);
  const input = new Array<number>(fftSize).fill(0);
  for (let i = 0; i < impulse.length; i++) input[i] = impulse[i];
  const out = fft.createComplexArray() as number[];
  fft.realTransform(out, input);
  const power = new Float64Array(fftSize / 2 + 1);
  for (let k = 0; k <= fftSize / 2; k++) power[k] = out[2 * k] ** 2 + out[2 * k + 1] ** 2;
  return power;
}

/**
 * Analyses the impulse responses of F quadrature pairs, `kernel` row-major [taps x 2F] (column f in-phase,
 * F + f its pair), as LearnedFilterbank / SincFilterbank hold them.
 */
export function analyseFilters(kernel: Float32Array, taps: number, sampleRate: number, fftSize = 1024): FilterAnalysis {
  const pairs = kernel.length / taps / 2;
  if (!Number.isInteger(pairs) || pairs < 1) throw new RangeError(`analyseFilters: kernel of ${kernel.length} values is not [${taps} x 2F]`);
  const bins = fftSize / 2 + 1;
  const freqsHz = Array.from({ length: bins }, (_, k) => (k * sampleRate) / fftSize);
  const cumulative = new Float64Array(bins);
  const filters: FilterResponse[] = [];
  for (let f = 0; f < pairs; f++) {
    const a = Float64Array.from({ length: taps }, (_, n) => kernel[n * 2 * pairs + f]);
    const b = Float64Array.from({ length: taps }, (_, n) => kernel[n * 2 * pairs + pairs + f]);
    const pa = powerResponse(a, fftSize);
    const pb = powerResponse(b, fftSize);
    let total = 0;
    let weighted = 0;
    const magnitudeDb = new Array<number>(bins);
    for (let k = 0; k < bins; k++) {
      const p = (pa[k] + pb[k]) / 2;
      cumulative[k] += p;
      total += p;
      weighted += p * freqsHz[k];
      magnitudeDb[k] = toDb(p);
    }
    filters.push({ centreHz: total > 0 ? weighted / total : 0, impulse: Array.from(a), magnitudeDb });
  }
  filters.sort((x, y) => x.centreHz - y.centreHz);
  const bank = melFilterbank({ fftSize, sampleRate, nMels: pairs, fMin: 0, fMax: sampleRate / 2, melScale: 'htk', melNorm: 'none' });
  const mel = Array.from({ length: pairs }, (_, m) => {
    const magnitudeDb = new Array<number>(bins).fill(FLOOR_DB);
    let peak = 0;
    let peakBin = bank.starts[m];
    for (let j = bank.offsets[m]; j < bank.offsets[m + 1]; j++) {
      const bin = bank.starts[m] + (j - bank.offsets[m]);
      const w = bank.weights[j];
      magnitudeDb[bin] = toDb(w * w);
      if (w > peak) {
        peak = w;
        peakBin = bin;
      }
    }
    return { centreHz: freqsHz[peakBin], magnitudeDb };
  });
  return { sampleRate, freqsHz, filters, cumulativeDb: Array.from(cumulative, toDb), mel };
}

/** The filter analysis of a LID model whose front end is learned or sinc; throws for an MFCC model. */
export function modelFilters(model: tf.LayersModel, sampleRate: number, fftSize = 1024): FilterAnalysis {
  const layer = model.layers.find((l) => l instanceof LearnedFilterbank || l instanceof SincFilterbank) as LearnedFilterbank | SincFilterbank | undefined;
  if (!layer) throw new Error(`model '${model.name}' has no learned front end (an MFCC model has fixed filters)`);
  const kernel = layer.impulseResponses();
  const taps = kernel.shape[0];
  const data = kernel.dataSync() as Float32Array;
  kernel.dispose();
  return analyseFilters(data, taps, sampleRate, fftSize);
}


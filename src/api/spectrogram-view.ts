/**
 * The studio's spectrogram: STFT frames at the centres of the display's pixel columns over the stretch shown, as
 * linear-frequency rows or mel bands, levels in dB relative to a full-scale sine mapped to bytes over a range.
 */
import { mixToMono } from '../audio';
import { defaultFeatureSpec, melBandEdgesHz, melFilterbank, nextPowerOfTwo, stftPower, type StftMatrix } from '../features';
import { resolveStretch, type ViewAudio } from './audio-view';
import type { AudioView, SpectrogramRequest } from './schemas';
import type { Spectrogram } from './contract';

/** Mel bands of the file view's mel spectrogram (the model view uses the models' own log-mel bands). */
export const FILE_VIEW_MEL_BANDS = 80;
/** FFT length of mel spectrograms at least this (narrow low bands must each cover a bin). */
const MEL_MIN_FFT = 2048;
/** Power below which a level reads as the floor (-200 dB). */
const POWER_FLOOR = 1e-20;

/** A byte 0..255 for a level of `db`: 255 at topDb, 0 at topDb - rangeDb and below. */
export function levelByte(db: number, topDb: number, rangeDb: number): number {
  return Math.max(0, Math.min(255, Math.round((255 * (db - topDb + rangeDb)) / rangeDb)));
}

/** dB of a power relative to a full-scale sine (stftPower's scale). */
const toDb = (power: number) => 10 * Math.log10(Math.max(POWER_FLOOR, power));

/** Each of `rows` equal frequency rows takes the largest power of the bins inside it (the nearest bin when none is). */
function linearRows(m: StftMatrix, rows: number, sampleRate: number): { levels: Float64Array; rowHz: number[] } {
  const levels = new Float64Array(m.frames * rows);
  const last = m.bins - 1;
  for (let r = 0; r < rows; r++) {
    const lo = (r * last) / rows;
    const hi = ((r + 1) * last) / rows;
    let a = Math.ceil(lo);
    let b = Math.min(last, Math.floor(hi));
    if (a > b) a = b = Math.min(last, Math.round((lo + hi) / 2));
    for (let t = 0; t < m.frames; t++) {
      let best = 0;
      for (let k = a; k <= b; k++) best = Math.max(best, m.data[t * m.bins + k]);
      levels[t * rows + r] = best;
    }
  }
  const rowHz = Array.from({ length: rows }, (_, r) => ((r + 0.5) / rows) * (sampleRate / 2));
  return { levels, rowHz };
}

/** Mel band energies (triangles of height 1 over the bins, divided by a sine's spread, so a full-scale sine at a band's centre reads 0 dB). */
function melRows(m: StftMatrix, sampleRate: number, view: AudioView): { levels: Float64Array; rowHz: number[] } {
  const spec = defaultFeatureSpec('logmel');
  const options = view === 'model'
    ? { ...spec, fftSize: m.fftSize, sampleRate, fMax: Math.min(spec.fMax, sampleRate / 2), melNorm: 'none' as const }
    : { fftSize: m.fftSize, sampleRate, nMels: FILE_VIEW_MEL_BANDS, fMin: 0, fMax: sampleRate / 2, melScale: spec.melScale, melNorm: 'none' as const };
  const bank = melFilterbank(options);
  const rows = bank.nMels;
  const levels = new Float64Array(m.frames * rows);
  for (let t = 0; t < m.frames; t++) {
    for (let r = 0; r < rows; r++) {
      let sum = 0;
      for (let j = bank.offsets[r], k = bank.starts[r]; j < bank.offsets[r + 1]; j++, k++) sum += bank.weights[j] * m.data[t * m.bins + k];
      levels[t * rows + r] = sum / m.sineSpread;
    }
  }
  const edges = melBandEdgesHz(options);
  return { levels, rowHz: Array.from({ length: rows }, (_, r) => edges[r + 1]) };
}

const mixes = new WeakMap<ViewAudio, Float32Array>();

/** The mix of all channels of `audio`, made once per decoded file (each scroll asks for a spectrogram). */
function mixOf(audio: ViewAudio): Float32Array {
  let mix = mixes.get(audio);
  if (!mix) {
    mix = mixToMono(audio.channels);
    mixes.set(audio, mix);
  }
  return mix;
}

/** The spectrogram a request asks for, of one channel or of the mix of all. */
export function computeSpectrogram(audio: ViewAudio, request: SpectrogramRequest, view: AudioView): Spectrogram {
  const { sampleRate } = audio;
  const channel = request.channel ?? null;
  if (channel !== null && channel >= audio.channels.length) {
    throw new RangeError(`channel ${channel} does not exist: the audio has ${audio.channels.length} channel(s)`);
  }
  const samples = channel === null ? mixOf(audio) : audio.channels[channel];
  const { startSec, endSec } = resolveStretch(request, audio.durationSec);
  const { columns } = request;
  const step = ((endSec - startSec) * sampleRate) / columns;
  const centres = Float64Array.from({ length: columns }, (_, c) => startSec * sampleRate + (c + 0.5) * step);
  const windowSamples = Math.max(2, Math.round(request.windowSec * sampleRate));
  const fftSize = request.scale === 'mel' ? nextPowerOfTwo(Math.max(windowSamples, MEL_MIN_FFT)) : undefined;
  const m = stftPower(samples, centres, { windowSamples, fftSize });
  const { levels, rowHz } = request.scale === 'mel' ? melRows(m, sampleRate, view) : linearRows(m, request.rows, sampleRate);
  const rows = rowHz.length;
  const topDb = request.normalise && audio.peak > 0 ? 20 * Math.log10(audio.peak) : 0;
  const bytes = new Uint8Array(columns * rows);
  for (let i = 0; i < bytes.length; i++) bytes[i] = levelByte(toDb(levels[i]), topDb, request.rangeDb);
  return {
    scale: request.scale,
    sampleRate,
    channel,
    startSec,
    endSec,
    windowSec: windowSamples / sampleRate,
    columns,
    rows,
    rowHz: rowHz.map((hz) => Math.round(hz * 100) / 100),
    maxHz: sampleRate / 2,
    topDb: Math.round(topDb * 100) / 100,
    rangeDb: request.rangeDb,
    base64: Buffer.from(bytes).toString('base64'),
  };
}

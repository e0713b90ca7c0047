/**
 * ADPCM in WAV: IMA ADPCM (Intel/DVI, format tag 0x11) and Microsoft ADPCM (0x02). Both come in blocks of the fmt
 * chunk's block align, each starting with a header that resets the predictor, so a bad block cannot spread. Like sox
 * and ffmpeg, every whole block is decoded (a 'fact' sample count is not applied) and a cut last block gives the
 * samples its bytes hold. Samples come out as sox decodes them (16-bit values / 32768).
 */
import { AudioFormatError } from './format-error';

/** What the fmt chunk says about an ADPCM stream. */
export interface AdpcmFormat {
  kind: 'ima' | 'ms';
  channels: number;
  /** Bytes per block (all channels). */
  blockAlign: number;
  /** Samples per channel in a whole block. */
  samplesPerBlock: number;
  /** MS ADPCM predictor coefficient pairs (coef1, coef2), from the fmt chunk. */
  coefficients: [number, number][];
}

/** Bytes of each channel's block header. */
const HEADER_BYTES = { ima: 4, ms: 7 } as const;

const IMA_STEPS = [
  7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66, 73, 80, 88, 97, 107, 118, 130, 143, 157, 173, 190, 209,
  230, 253, 279, 307, 337, 371, 408, 449, 494, 544, 598, 658, 724, 796, 876, 963, 1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066, 2272, 2499, 2749,
  3024, 3327, 3660, 4026, 4428, 4871, 5358, 5894, 6484, 7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899, 15289, 16818, 18500, 20350, 22385, 24623,
  27086, 29794, 32767,
];
const IMA_INDEX_ADJUST = [-1, -1, -1, -1, 2, 4, 6, 8];
const MS_ADAPTATION = [230, 230, 230, 230, 307, 409, 512, 614, 768, 614, 512, 409, 307, 230, 230, 230];

/** Most samples per block accepted: the largest block (65535 bytes) of 4-bit mono samples, plus the header's. */
const MAX_SAMPLES_PER_BLOCK = 2 * 65535 + 2;

const clamp16 = (v: number) => (v > 32767 ? 32767 : v < -32768 ? -32768 : v);

/** Samples per channel that `bytes` of one block hold (0 when they do not hold its header). */
function samplesIn(format: AdpcmFormat, bytes: number): number {
  const header = HEADER_BYTES[format.kind] * format.channels;
  if (bytes < header) return 0;
  if (format.kind === 'ima') return Math.min(format.samplesPerBlock, 1 + 8 * Math.floor((bytes - header) / (4 * format.channels)));
  return Math.min(format.samplesPerBlock, 2 + Math.floor((2 * (bytes - header)) / format.channels));
}

/**
 * Checks the block layout the fmt chunk declares: block align, samples per block (0 or absent: derived from the
 * block align) and, for MS ADPCM, the coefficient table. Throws AudioFormatError naming the bad value.
 */
export function checkAdpcmFormat(format: AdpcmFormat): AdpcmFormat {
  const name = format.kind === 'ima' ? 'IMA ADPCM' : 'MS ADPCM';
  const { channels, blockAlign } = format;
  const header = HEADER_BYTES[format.kind] * channels;
  if (format.kind === 'ima' && (blockAlign <= header || (blockAlign - header) % (4 * channels) !== 0)) {
    throw new AudioFormatError(`corrupt header: ${name} block align ${blockAlign} is not ${header} + a multiple of ${4 * channels} bytes for ${channels} channels`);
  }
  if (format.kind === 'ms' && blockAlign <= header) {
    throw new AudioFormatError(`corrupt header: ${name} block align ${blockAlign} is too small for ${channels} channels (their headers take ${header} bytes)`);
  }
  const capacity = samplesIn({ ...format, samplesPerBlock: MAX_SAMPLES_PER_BLOCK }, blockAlign);
  const samplesPerBlock = format.samplesPerBlock || capacity;
  if (samplesPerBlock > capacity || samplesPerBlock < 2) {
    throw new AudioFormatError(`corrupt header: ${name} declares ${format.samplesPerBlock} samples per block; ${blockAlign}-byte blocks of ${channels} channels hold ${capacity}`);
  }
  if (format.kind === 'ms' && (format.coefficients.length === 0 || format.coefficients.length > 256)) {
    throw new AudioFormatError(`corrupt header: MS ADPCM declares ${format.coefficients.length} predictor coefficient pairs (1..256 are read)`);
  }
  return { ...format, samplesPerBlock };
}

/** Samples per channel in `dataBytes` of ADPCM blocks: every whole block, and what a cut last block holds. */
export function adpcmFrames(format: AdpcmFormat, dataBytes: number): number {
  const whole = Math.floor(dataBytes / format.blockAlign);
  return whole * format.samplesPerBlock + samplesIn(format, dataBytes - whole * format.blockAlign);
}

/** Decodes `frames` samples per channel (adpcmFrames of the data) of ADPCM blocks starting at `offset`. */
export function decodeAdpcm(bytes: Uint8Array, offset: number, format: AdpcmFormat, frames: number): Float32Array[] {
  const channels = Array.from({ length: format.channels }, () => new Float32Array(frames));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  for (let block = 0, at = 0; at < frames; block++, at += format.samplesPerBlock) {
    const start = offset + block * format.blockAlign;
    const count = Math.min(format.samplesPerBlock, frames - at);
    if (format.kind === 'ima') decodeImaBlock(view, start, format.channels, block, channels, at, count);
    else decodeMsBlock(view, start, format, block, channels, at, count);
  }
  return channels;
}

/** One IMA ADPCM block: per channel a 4-byte header (first sample, step index), then 4-byte groups of 8 nibbles per channel. */
function decodeImaBlock(view: DataView, start: number, count: number, block: number, out: Float32Array[], at: number, samples: number): void {
  for (let c = 0; c < count; c++) {
    let predictor = view.getInt16(start + 4 * c, true);
    let index = view.getUint8(start + 4 * c + 2);
    if (index > 88) throw new AudioFormatError(`corrupt IMA ADPCM data: block ${block}, channel ${c} starts with step index ${index} (0..88)`);
    const channel = out[c];
    channel[at] = predictor / 32768;
    for (let i = 1; i < samples; i++) {
      const group = Math.floor((i - 1) / 8);
      const inGroup = (i - 1) % 8;
      const byte = view.getUint8(start + 4 * count + group * 4 * count + 4 * c + (inGroup >> 1));
      const nibble = inGroup & 1 ? byte >> 4 : byte & 0x0f;
      const step = IMA_STEPS[index];
      let diff = step >> 3;
      if (nibble & 4) diff += step;
      if (nibble & 2) diff += step >> 1;
      if (nibble & 1) diff += step >> 2;
      predictor = clamp16(nibble & 8 ? predictor - diff : predictor + diff);
      index = Math.min(88, Math.max(0, index + IMA_INDEX_ADJUST[nibble & 7]));
      channel[at + i] = predictor / 32768;
    }
  }
}

/**
 * One MS ADPCM block: per channel a predictor index, then per channel the step (delta), then the two latest samples
 * (sample1, sample2: sample2 is played first), then nibbles, high first, channels interleaved.
 */
function decodeMsBlock(view: DataView, start: number, format: AdpcmFormat, block: number, out: Float32Array[], at: number, samples: number): void {
  const n = format.channels;
  const coef: [number, number][] = [];
  const delta: number[] = [];
  const s1: number[] = [];
  const s2: number[] = [];
  for (let c = 0; c < n; c++) {
    const predictor = view.getUint8(start + c);
    if (predictor >= format.coefficients.length) {
      throw new AudioFormatError(`corrupt MS ADPCM data: block ${block}, channel ${c} uses predictor ${predictor}, the fmt chunk defines ${format.coefficients.length}`);
    }
    coef.push(format.coefficients[predictor]);
    delta.push(view.getInt16(start + n + 2 * c, true));
    s1.push(view.getInt16(start + 3 * n + 2 * c, true));
    s2.push(view.getInt16(start + 5 * n + 2 * c, true));
    out[c][at] = s2[c] / 32768;
    if (samples > 1) out[c][at + 1] = s1[c] / 32768;
  }
  const data = start + 7 * n;
  for (let k = 0; k < (samples - 2) * n; k++) {
    const byte = view.getUint8(data + (k >> 1));
    const nibble = k & 1 ? byte & 0x0f : byte >> 4;
    const c = k % n;
    const step = delta[c];
    delta[c] = Math.max(16, (MS_ADAPTATION[nibble] * step) >> 8);
    const predicted = (s1[c] * coef[c][0] + s2[c] * coef[c][1]) >> 8;
    const sample = clamp16(predicted + (nibble - ((nibble & 8) << 1)) * step);
    s2[c] = s1[c];
    s1[c] = sample;
    out[c][at + 2 + Math.floor(k / n)] = sample / 32768;
  }
}

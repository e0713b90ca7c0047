/**
 * Reads the header of a RIFF/WAVE file: walks its chunks (odd sizes carry a pad byte, unknown chunks are skipped),
 * reads `fmt ` (PCM, IEEE float, G.711 A-law/mu-law, GSM 06.10, IMA and MS ADPCM, WAVE_FORMAT_EXTENSIBLE) and locates `data`. Every declared value is checked
 * against sanity limits and against the bytes actually present, so a corrupt header can neither hang the reader
 * nor make it allocate memory the file does not back.
 *
 * Truncation policy: a data chunk that declares more bytes than the file holds is an error ("truncated"), never a
 * silent partial decode. The one exception is the streaming convention of a data size of 0xFFFFFFFF ("unknown,
 * read to the end of the file"), which writers to pipes produce.
 */
import type { WavEncoding } from './types';
import { channelCountProblem, sampleRateProblem } from './limits';
import { WAV49_BLOCK_BYTES, WAV49_BLOCK_SAMPLES } from './gsm-codec';
import { AudioFormatError } from './format-error';
import { adpcmFrames, checkAdpcmFormat, type AdpcmFormat } from './adpcm';

/** Where the samples of a WAV file are and how they are encoded. */
export interface WavLayout {
  sampleRate: number;
  channels: number;
  encoding: WavEncoding;
  /** Bytes per sample of one channel (0 for GSM, whose samples come in 65-byte blocks of 320). */
  bytesPerSample: number;
  /** Byte offset of the first sample in the file. */
  dataOffset: number;
  /** Whole frames (one sample per channel) in the data chunk. */
  frames: number;
  /** The block layout of IMA and MS ADPCM. */
  adpcm?: AdpcmFormat;
}

/** A problem with a WAV file's bytes; callers turn it into an InputFileError naming the file. */
export class WavFormatError extends AudioFormatError {}

const WAVE_FORMAT_PCM = 0x0001;
const WAVE_FORMAT_MS_ADPCM = 0x0002;
const WAVE_FORMAT_IMA_ADPCM = 0x0011;
const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
const WAVE_FORMAT_ALAW = 0x0006;
const WAVE_FORMAT_MULAW = 0x0007;
const WAVE_FORMAT_GSM610 = 0x0031;
/** Bytes and samples of one GSM 06.10 block in WAV (two frames, WAV49 packing). */
const GSM_BLOCK = { bytes: WAV49_BLOCK_BYTES, samples: WAV49_BLOCK_SAMPLES };
const WAVE_FORMAT_EXTENSIBLE = 0xfffe;
const STREAMING_SIZE = 0xffffffff;

function fourcc(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]);
}

/** True when the bytes start like a RIFF/WAVE file. */
export function looksLikeWav(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && fourcc(bytes, 0) === 'RIFF' && fourcc(bytes, 8) === 'WAVE';
}

interface FmtChunk {
  formatTag: number;
  channels: number;
  sampleRate: number;
  blockAlign: number;
  bitsPerSample: number;
  /** ADPCM: samples per block and (MS) coefficient pairs, from the fmt chunk's extension. */
  samplesPerBlock: number;
  coefficients: [number, number][];
}

function readFmt(view: DataView, offset: number, size: number): FmtChunk {
  if (size < 16) throw new WavFormatError(`corrupt header: fmt chunk is ${size} bytes, needs at least 16`);
  let formatTag = view.getUint16(offset, true);
  const fmt = {
    channels: view.getUint16(offset + 2, true),
    sampleRate: view.getUint32(offset + 4, true),
    blockAlign: view.getUint16(offset + 12, true),
    bitsPerSample: view.getUint16(offset + 14, true),
  };
  if (formatTag === WAVE_FORMAT_EXTENSIBLE) {
    if (size < 40) throw new WavFormatError(`corrupt header: WAVE_FORMAT_EXTENSIBLE fmt chunk is ${size} bytes, needs 40`);
    // The sub-format GUID starts with the plain format tag (PCM or IEEE float).
    formatTag = view.getUint16(offset + 24, true);
  }
  // cbSize, then wSamplesPerBlock (IMA and MS ADPCM), then (MS) wNumCoef and that many int16 pairs
  const extension = size >= 18 ? view.getUint16(offset + 16, true) : 0;
  const samplesPerBlock = extension >= 2 && size >= 20 ? view.getUint16(offset + 18, true) : 0;
  const coefficients: [number, number][] = [];
  if (formatTag === WAVE_FORMAT_MS_ADPCM) {
    const count = extension >= 4 && size >= 22 ? view.getUint16(offset + 20, true) : 0;
    if (count > 0 && 22 + 4 * count > size) throw new WavFormatError(`corrupt header: MS ADPCM fmt chunk declares ${count} coefficient pairs, its ${size} bytes hold ${Math.max(0, Math.floor((size - 22) / 4))}`);
    for (let k = 0; k < count; k++) coefficients.push([view.getInt16(offset + 22 + 4 * k, true), view.getInt16(offset + 24 + 4 * k, true)]);
  }
  return { formatTag, ...fmt, samplesPerBlock, coefficients };
}

function encodingOf(fmt: FmtChunk): WavEncoding {
  const { formatTag, bitsPerSample: bits } = fmt;
  if (formatTag === WAVE_FORMAT_PCM) {
    if (bits === 8) return 'pcm8';
    if (bits === 16) return 'pcm16';
    if (bits === 24) return 'pcm24';
    if (bits === 32) return 'pcm32';
    throw new WavFormatError(`unsupported PCM sample size: ${bits} bits (8, 16, 24 or 32 are read)`);
  }
  if (formatTag === WAVE_FORMAT_IEEE_FLOAT) {
    if (bits === 32) return 'float32';
    if (bits === 64) return 'float64';
    throw new WavFormatError(`unsupported float sample size: ${bits} bits (32 or 64 are read)`);
  }
  if (formatTag === WAVE_FORMAT_ALAW || formatTag === WAVE_FORMAT_MULAW) {
    if (bits === 8) return formatTag === WAVE_FORMAT_ALAW ? 'alaw' : 'mulaw';
    throw new WavFormatError(`unsupported G.711 sample size: ${bits} bits (8 is read)`);
  }
  if (formatTag === WAVE_FORMAT_GSM610) return 'gsm';
  if (formatTag === WAVE_FORMAT_IMA_ADPCM || formatTag === WAVE_FORMAT_MS_ADPCM) {
    if (bits === 4) return formatTag === WAVE_FORMAT_IMA_ADPCM ? 'ima-adpcm' : 'ms-adpcm';
    throw new WavFormatError(`unsupported ADPCM sample size: ${bits} bits (4 is read)`);
  }
  throw new WavFormatError(`unsupported WAV encoding: format tag 0x${formatTag.toString(16).padStart(4, '0')} (PCM, IEEE float, A-law, mu-law, GSM 06.10, IMA and MS ADPCM are read)`);
}

/**
 * Parses the header of a WAV file.
 * @param bytes the file, or a prefix of it that contains the `data` chunk header
 * @param fileSize the size of the whole file in bytes (defaults to `bytes.length`)
 */
export function parseWavHeader(bytes: Uint8Array, fileSize = bytes.length): WavLayout {
  if (fileSize === 0) throw new WavFormatError('empty file (zero bytes)');
  if (bytes.length >= 4 && (fourcc(bytes, 0) === 'RF64' || fourcc(bytes, 0) === 'RIFX')) {
    throw new WavFormatError(`unsupported WAV variant ${fourcc(bytes, 0)} (little-endian RIFF/WAVE is read)`);
  }
  if (bytes.length < 12 && fourcc(bytes, 0) === 'RIFF') throw new WavFormatError(`truncated: RIFF header is ${bytes.length} bytes, needs 12`);
  if (!looksLikeWav(bytes)) {
    const form = bytes.length >= 12 && fourcc(bytes, 0) === 'RIFF' ? ` (RIFF form '${printable(fourcc(bytes, 8))}', not 'WAVE')` : '';
    throw new WavFormatError(`not a RIFF/WAVE file${form}`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let fmt: FmtChunk | null = null;
  let data: { offset: number; size: number } | null = null;
  let offset = 12;
  while (offset + 8 <= bytes.length && !(fmt && data)) {
    const id = fourcc(bytes, offset);
    const size = view.getUint32(offset + 4, true);
    const body = offset + 8;
    if (id === 'data') {
      data = { offset: body, size };
      if (size === STREAMING_SIZE) break;
    } else if (id === 'fmt ') {
      if (body + size > bytes.length) throw new WavFormatError(`truncated: fmt chunk declares ${size} bytes, file ends first`);
      fmt = readFmt(view, body, size);
    } else if (body + size > fileSize) {
      throw new WavFormatError(`corrupt header: chunk '${printable(id)}' declares ${size} bytes, past the end of the file`);
    }
    offset = body + size + (size & 1);
  }
  if (!fmt) throw new WavFormatError(bytes.length <= 12 ? 'truncated: no fmt chunk' : 'corrupt header: no fmt chunk before the end of the file');
  if (!data) throw new WavFormatError('truncated: no data chunk');
  return layoutOf(fmt, data, fileSize);
}

function layoutOf(fmt: FmtChunk, data: { offset: number; size: number }, fileSize: number): WavLayout {
  const channelProblem = channelCountProblem(fmt.channels);
  if (channelProblem) throw new WavFormatError(`corrupt header: ${channelProblem}`);
  const rateProblem = sampleRateProblem(fmt.sampleRate);
  if (rateProblem) throw new WavFormatError(`corrupt header: ${rateProblem}`);
  const encoding = encodingOf(fmt);
  if (encoding === 'gsm') return gsmLayoutOf(fmt, data, fileSize);
  if (encoding === 'ima-adpcm' || encoding === 'ms-adpcm') return adpcmLayoutOf(fmt, encoding, data, fileSize);
  const bytesPerSample = fmt.bitsPerSample / 8;
  const frameBytes = bytesPerSample * fmt.channels;
  if (fmt.blockAlign !== frameBytes) {
    throw new WavFormatError(`corrupt header: block align ${fmt.blockAlign} does not match ${fmt.channels} channels of ${fmt.bitsPerSample} bits`);
  }
  const available = fileSize - data.offset;
  let size = data.size;
  if (size === STREAMING_SIZE) size = available - (available % frameBytes);
  else if (size > available) {
    throw new WavFormatError(`truncated: data chunk declares ${size} bytes, file holds ${available}`);
  }
  const frames = Math.floor(size / frameBytes);
  if (frames === 0) throw new WavFormatError('no audio: data chunk holds zero frames');
  return { sampleRate: fmt.sampleRate, channels: fmt.channels, encoding, bytesPerSample, dataOffset: data.offset, frames };
}

/** GSM in WAV: mono, 65-byte blocks of 320 samples; like sox, whole blocks only (a 'fact' sample count is not applied). */
function gsmLayoutOf(fmt: FmtChunk, data: { offset: number; size: number }, fileSize: number): WavLayout {
  if (fmt.channels !== 1) throw new WavFormatError(`unsupported GSM WAV: ${fmt.channels} channels (GSM 06.10 is mono)`);
  if (fmt.blockAlign !== GSM_BLOCK.bytes) {
    throw new WavFormatError(`unsupported GSM WAV: block align ${fmt.blockAlign} (the ${GSM_BLOCK.bytes}-byte WAV49 blocks are read)`);
  }
  const available = fileSize - data.offset;
  const size = data.size === STREAMING_SIZE ? available : data.size;
  if (size > available) throw new WavFormatError(`truncated: data chunk declares ${size} bytes, file holds ${available}`);
  const blocks = Math.floor(size / GSM_BLOCK.bytes);
  if (blocks === 0) throw new WavFormatError(`no audio: data chunk holds no whole GSM block (${size} bytes, blocks are ${GSM_BLOCK.bytes})`);
  return { sampleRate: fmt.sampleRate, channels: 1, encoding: 'gsm', bytesPerSample: 0, dataOffset: data.offset, frames: blocks * GSM_BLOCK.samples };
}

/** IMA and MS ADPCM: blocks of `blockAlign` bytes; every whole block and what a cut last one holds (see adpcm.ts). */
function adpcmLayoutOf(fmt: FmtChunk, encoding: 'ima-adpcm' | 'ms-adpcm', data: { offset: number; size: number }, fileSize: number): WavLayout {
  const kind = encoding === 'ima-adpcm' ? 'ima' : 'ms';
  const adpcm = checkAdpcmFormat({ kind, channels: fmt.channels, blockAlign: fmt.blockAlign, samplesPerBlock: fmt.samplesPerBlock, coefficients: fmt.coefficients });
  const available = fileSize - data.offset;
  const size = data.size === STREAMING_SIZE ? available : data.size;
  if (size > available) throw new WavFormatError(`truncated: data chunk declares ${size} bytes, file holds ${available}`);
  const frames = adpcmFrames(adpcm, size);
  if (frames === 0) throw new WavFormatError(`no audio: data chunk holds no ADPCM block (${size} bytes, blocks are ${fmt.blockAlign})`);
  return { sampleRate: fmt.sampleRate, channels: fmt.channels, encoding, bytesPerSample: 0, dataOffset: data.offset, frames, adpcm };
}

function printable(id: string): string {
  return id.replace(/[^\x20-\x7e]/g, '?');
}

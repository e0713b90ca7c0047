/**
 * AIFF and AIFF-C: walks the FORM's chunks (any order, odd sizes padded), reads COMM (channels, frames, sample size,
 * the 80-bit rate, and for AIFF-C the compression type) and SSND, and decodes big-endian PCM ('NONE', 'twos',
 * 'in24', 'in32'), little-endian PCM ('sowt'), floats ('fl32', 'fl64'), G.711 ('alaw', 'ulaw') and 8-bit offset binary
 * ('raw '). As for WAV, every declared value is checked against sanity limits and against the bytes present before
 * anything is allocated, and sound data shorter than COMM declares is an error ("truncated"), not a partial decode.
 */
import type { DecodedAudio } from './types';
import { AudioFormatError } from './format-error';
import { channelCountProblem, sampleRateProblem } from './limits';
import { PCM_SAMPLE_BYTES, readInterleaved, type PcmSampleFormat } from './pcm-samples';

function fourcc(bytes: Uint8Array, offset: number): string {
  return String.fromCharCode(bytes[offset], bytes[offset + 1], bytes[offset + 2], bytes[offset + 3]);
}

const printable = (id: string) => id.replace(/[^\x20-\x7e]/g, '?');

/** True when the bytes start like an AIFF or AIFF-C file. */
export function looksLikeAiff(bytes: Uint8Array): boolean {
  return bytes.length >= 12 && fourcc(bytes, 0) === 'FORM' && (fourcc(bytes, 8) === 'AIFF' || fourcc(bytes, 8) === 'AIFC');
}

/** The value of an 80-bit IEEE 754 extended float (AIFF's sample rate), big-endian at `offset`. */
export function readExtended(view: DataView, offset: number): number {
  const signExponent = view.getUint16(offset, false);
  const mantissa = view.getUint32(offset + 2, false) * 2 ** 32 + view.getUint32(offset + 6, false);
  const exponent = signExponent & 0x7fff;
  if (exponent === 0x7fff) return mantissa === 0 ? (signExponent & 0x8000 ? -Infinity : Infinity) : NaN;
  const value = mantissa * 2 ** (exponent - 16383 - 63);
  return signExponent & 0x8000 ? -value : value;
}

/** Sample formats by AIFF-C compression type, given the sample size in bits. */
function sampleFormatOf(compression: string, bits: number): { format: PcmSampleFormat; little: boolean } {
  switch (compression) {
    case 'NONE':
    case 'twos':
    case 'sowt': {
      const bytes = Math.ceil(bits / 8);
      const format = ({ 1: 's8', 2: 's16', 3: 's24', 4: 's32' } as const)[bytes];
      if (!format || bits < 1) throw new AudioFormatError(`unsupported AIFF sample size: ${bits} bits (1 to 32 are read)`);
      return { format, little: compression === 'sowt' };
    }
    case 'in24':
      return { format: 's24', little: false };
    case 'in32':
      return { format: 's32', little: false };
    case 'fl32':
    case 'FL32':
      return { format: 'f32', little: false };
    case 'fl64':
    case 'FL64':
      return { format: 'f64', little: false };
    case 'alaw':
    case 'ALAW':
      return { format: 'alaw', little: false };
    case 'ulaw':
    case 'ULAW':
      return { format: 'mulaw', little: false };
    case 'raw ':
      return { format: 'u8', little: false };
    default:
      throw new AudioFormatError(
        `unsupported AIFF-C compression '${printable(compression)}' (NONE, twos, sowt, in24, in32, fl32, fl64, alaw, ulaw and raw are read)`,
      );
  }
}

interface CommChunk {
  channels: number;
  frames: number;
  bits: number;
  sampleRate: number;
  compression: string;
}

function readComm(bytes: Uint8Array, view: DataView, body: number, size: number, aifc: boolean): CommChunk {
  const needed = aifc ? 22 : 18;
  if (size < needed) throw new AudioFormatError(`corrupt header: COMM chunk is ${size} bytes, needs at least ${needed}`);
  return {
    channels: view.getInt16(body, false),
    frames: view.getUint32(body + 2, false),
    bits: view.getInt16(body + 6, false),
    sampleRate: readExtended(view, body + 8),
    compression: aifc ? fourcc(bytes, body + 18) : 'NONE',
  };
}

/** Decodes a whole AIFF or AIFF-C file held in memory. Throws AudioFormatError on anything malformed, NaN or infinite. */
export function decodeAiff(bytes: Uint8Array): DecodedAudio {
  if (bytes.length < 12) throw new AudioFormatError(`truncated: FORM header is ${bytes.length} bytes, needs 12`);
  if (!looksLikeAiff(bytes)) throw new AudioFormatError(`not an AIFF file (FORM type '${printable(fourcc(bytes, 8))}', not 'AIFF' or 'AIFC')`);
  const aifc = fourcc(bytes, 8) === 'AIFC';
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let comm: CommChunk | null = null;
  let sound: { start: number; bytes: number } | null = null;
  for (let offset = 12; offset + 8 <= bytes.length; ) {
    const id = fourcc(bytes, offset);
    const size = view.getUint32(offset + 4, false);
    const body = offset + 8;
    if (id === 'COMM') {
      if (body + size > bytes.length) throw new AudioFormatError(`truncated: COMM chunk declares ${size} bytes, file ends first`);
      comm = readComm(bytes, view, body, size, aifc);
    } else if (id === 'SSND') {
      if (size < 8 || body + 8 > bytes.length) throw new AudioFormatError('truncated: SSND chunk ends inside its 8-byte header');
      const dataOffset = view.getUint32(body, false);
      // A cut file keeps what it has; COMM's frame count then says whether that is enough.
      const end = Math.min(body + size, bytes.length);
      sound = { start: body + 8 + dataOffset, bytes: Math.max(0, end - (body + 8 + dataOffset)) };
    }
    offset = body + size + (size & 1);
  }
  if (!comm) throw new AudioFormatError('corrupt header: no COMM chunk');
  const channelProblem = channelCountProblem(comm.channels);
  if (channelProblem) throw new AudioFormatError(`corrupt header: ${channelProblem}`);
  const sampleRate = Math.round(comm.sampleRate);
  const rateProblem = sampleRateProblem(Number.isFinite(comm.sampleRate) ? sampleRate : comm.sampleRate);
  if (rateProblem) throw new AudioFormatError(`corrupt header: ${rateProblem}`);
  const { format, little } = sampleFormatOf(comm.compression, comm.bits);
  if (comm.frames === 0) throw new AudioFormatError('no audio: COMM declares zero sample frames');
  if (!sound) throw new AudioFormatError('truncated: no SSND chunk');
  const frameBytes = PCM_SAMPLE_BYTES[format] * comm.channels;
  const held = Math.floor(sound.bytes / frameBytes);
  if (held < comm.frames) throw new AudioFormatError(`truncated: COMM declares ${comm.frames} sample frames, the SSND chunk holds ${held}`);
  const channels = readInterleaved(bytes, { channels: comm.channels, frames: comm.frames, dataOffset: sound.start }, format, little);
  return { channels, sampleRate, format: 'aiff' };
}

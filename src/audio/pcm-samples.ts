/**
 * Uncompressed samples as WAV and AIFF store them: one reader per sample format and byte order (G.711 A-law and
 * mu-law included), de-interleaving into float channels in [-1, 1], and the check that float samples are finite.
 */
import { AudioFormatError } from './format-error';

/** Sample formats of interleaved uncompressed audio (u8: unsigned 8-bit, as WAV stores it; s8: signed, as AIFF). */
export type PcmSampleFormat = 'u8' | 's8' | 's16' | 's24' | 's32' | 'f32' | 'f64' | 'alaw' | 'mulaw';

/** Bytes per sample of each format. */
export const PCM_SAMPLE_BYTES: Record<PcmSampleFormat, number> = { u8: 1, s8: 1, s16: 2, s24: 3, s32: 4, f32: 4, f64: 8, alaw: 1, mulaw: 1 };

/** G.711 mu-law byte to a 16-bit linear value (ITU-T G.711, as sox decodes it). */
function mulawToLinear(byte: number): number {
  const u = ~byte & 0xff;
  const magnitude = ((((u & 0x0f) << 3) + 0x84) << ((u >> 4) & 0x07)) - 0x84;
  return u & 0x80 ? -magnitude : magnitude;
}

/** G.711 A-law byte to a 16-bit linear value (ITU-T G.711, as sox decodes it). */
function alawToLinear(byte: number): number {
  const a = byte ^ 0x55;
  const exponent = (a >> 4) & 0x07;
  const mantissa = a & 0x0f;
  const magnitude = exponent === 0 ? (mantissa << 4) + 8 : ((mantissa << 4) + 0x108) << (exponent - 1);
  return a & 0x80 ? magnitude : -magnitude;
}

const MULAW = Float32Array.from({ length: 256 }, (_, b) => mulawToLinear(b) / 32768);
const ALAW = Float32Array.from({ length: 256 }, (_, b) => alawToLinear(b) / 32768);

/** Reads one sample at a byte offset, scaled to [-1, 1). */
type SampleReader = (view: DataView, offset: number) => number;

function readerOf(format: PcmSampleFormat, little: boolean): SampleReader {
  switch (format) {
    case 'u8':
      return (v, o) => (v.getUint8(o) - 128) / 128;
    case 's8':
      return (v, o) => v.getInt8(o) / 128;
    case 's16':
      return (v, o) => v.getInt16(o, little) / 32768;
    case 's24':
      return little
        ? (v, o) => (v.getUint8(o) | (v.getUint8(o + 1) << 8) | (v.getInt8(o + 2) << 16)) / 8388608
        : (v, o) => ((v.getInt8(o) << 16) | (v.getUint8(o + 1) << 8) | v.getUint8(o + 2)) / 8388608;
    case 's32':
      return (v, o) => v.getInt32(o, little) / 2147483648;
    case 'f32':
      return (v, o) => v.getFloat32(o, little);
    case 'f64':
      return (v, o) => v.getFloat64(o, little);
    case 'alaw':
      return (v, o) => ALAW[v.getUint8(o)];
    case 'mulaw':
      return (v, o) => MULAW[v.getUint8(o)];
  }
}

/** Where interleaved samples lie: `frames` frames of `channels` samples from byte `dataOffset`. */
export interface InterleavedLayout {
  channels: number;
  frames: number;
  dataOffset: number;
}

/**
 * De-interleaves samples into one Float32Array per channel; the caller has checked that the bytes hold them.
 * Float samples that are NaN or infinite are an AudioFormatError naming the first: such a file is corrupt, not loud.
 */
export function readInterleaved(bytes: Uint8Array, layout: InterleavedLayout, format: PcmSampleFormat, littleEndian: boolean): Float32Array[] {
  const { channels: count, frames, dataOffset } = layout;
  const read = readerOf(format, littleEndian);
  const bytesPerSample = PCM_SAMPLE_BYTES[format];
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frameBytes = bytesPerSample * count;
  const channels: Float32Array[] = [];
  for (let c = 0; c < count; c++) {
    const out = new Float32Array(frames);
    let offset = dataOffset + c * bytesPerSample;
    for (let i = 0; i < frames; i++, offset += frameBytes) out[i] = read(view, offset);
    channels.push(out);
  }
  if (format === 'f32' || format === 'f64') assertFinite(channels);
  return channels;
}

/** Throws when any sample is NaN or infinite. */
export function assertFinite(channels: Float32Array[]): void {
  channels.forEach((samples, c) => {
    for (let i = 0; i < samples.length; i++) {
      if (!Number.isFinite(samples[i])) throw new AudioFormatError(`sample ${i} of channel ${c} is ${samples[i]} (the file holds a non-finite float)`);
    }
  });
}

/** Decodes the samples of a RIFF/WAVE file into float channels in [-1, 1] (see wav-header.ts for the header). */
import type { DecodedAudio, WavEncoding } from './types';
import { WavFormatError, parseWavHeader, type WavLayout } from './wav-header';
import { decodeWav49 } from './gsm-decode';
import { WAV49_BLOCK_SAMPLES } from './gsm-codec';

/** Reads one sample at a byte offset, scaled to [-1, 1). */
type SampleReader = (view: DataView, offset: number) => number;

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

const READERS: Record<Exclude<WavEncoding, 'gsm'>, SampleReader> = {
  alaw: (v, o) => ALAW[v.getUint8(o)],
  mulaw: (v, o) => MULAW[v.getUint8(o)],
  pcm8: (v, o) => (v.getUint8(o) - 128) / 128,
  pcm16: (v, o) => v.getInt16(o, true) / 32768,
  pcm24: (v, o) => ((v.getUint8(o) | (v.getUint8(o + 1) << 8) | (v.getInt8(o + 2) << 16)) / 8388608),
  pcm32: (v, o) => v.getInt32(o, true) / 2147483648,
  float32: (v, o) => v.getFloat32(o, true),
  float64: (v, o) => v.getFloat64(o, true),
};

/** Decodes a whole WAV file held in memory. Throws WavFormatError on anything malformed, NaN or infinite. */
export function decodeWav(bytes: Uint8Array): DecodedAudio {
  const layout = parseWavHeader(bytes);
  const { encoding } = layout;
  if (encoding === 'gsm') {
    return { channels: [decodeWav49(bytes, layout.dataOffset, layout.frames / WAV49_BLOCK_SAMPLES)], sampleRate: layout.sampleRate, format: 'wav' };
  }
  const channels = readSamples(bytes, layout, READERS[encoding]);
  if (layout.encoding === 'float32' || layout.encoding === 'float64') assertFinite(channels);
  return { channels, sampleRate: layout.sampleRate, format: 'wav' };
}

function readSamples(bytes: Uint8Array, layout: WavLayout, read: SampleReader): Float32Array[] {
  const { channels: count, frames, bytesPerSample, dataOffset } = layout;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const frameBytes = bytesPerSample * count;
  const channels: Float32Array[] = [];
  for (let c = 0; c < count; c++) {
    const out = new Float32Array(frames);
    let offset = dataOffset + c * bytesPerSample;
    for (let i = 0; i < frames; i++, offset += frameBytes) out[i] = read(view, offset);
    channels.push(out);
  }
  return channels;
}

/** Throws when any sample is NaN or infinite: a float WAV with such values is corrupt, not loud. */
export function assertFinite(channels: Float32Array[]): void {
  channels.forEach((samples, c) => {
    for (let i = 0; i < samples.length; i++) {
      if (!Number.isFinite(samples[i])) {
        throw new WavFormatError(`sample ${i} of channel ${c} is ${samples[i]} (float WAV holds a non-finite value)`);
      }
    }
  });
}

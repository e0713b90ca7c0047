/** Decodes the samples of a RIFF/WAVE file into float channels in [-1, 1] (see wav-header.ts for the header). */
import type { DecodedAudio, WavEncoding } from './types';
import { parseWavHeader } from './wav-header';
import { decodeWav49 } from './gsm-decode';
import { WAV49_BLOCK_SAMPLES } from './gsm-codec';
import { decodeAdpcm } from './adpcm';
import { readInterleaved, type PcmSampleFormat } from './pcm-samples';

const SAMPLE_FORMATS: Record<Exclude<WavEncoding, 'gsm' | 'ima-adpcm' | 'ms-adpcm'>, PcmSampleFormat> = {
  pcm8: 'u8',
  pcm16: 's16',
  pcm24: 's24',
  pcm32: 's32',
  float32: 'f32',
  float64: 'f64',
  alaw: 'alaw',
  mulaw: 'mulaw',
};

/** Decodes a whole WAV file held in memory. Throws an AudioFormatError on anything malformed, NaN or infinite. */
export function decodeWav(bytes: Uint8Array): DecodedAudio {
  const layout = parseWavHeader(bytes);
  const { encoding, sampleRate } = layout;
  if (encoding === 'gsm') {
    return { channels: [decodeWav49(bytes, layout.dataOffset, layout.frames / WAV49_BLOCK_SAMPLES)], sampleRate, format: 'wav' };
  }
  if (layout.adpcm) return { channels: decodeAdpcm(bytes, layout.dataOffset, layout.adpcm, layout.frames), sampleRate, format: 'wav' };
  if (encoding === 'ima-adpcm' || encoding === 'ms-adpcm') throw new Error(`decodeWav: ${encoding} layout without its blocks`);
  return { channels: readInterleaved(bytes, layout, SAMPLE_FORMATS[encoding], true), sampleRate, format: 'wav' };
}

/** GSM 06.10 files: raw .gsm (33-byte frames, 8 kHz mono) and the samples of GSM in WAV (65-byte WAV49 blocks). */
import type { DecodedAudio } from './types';
import { CompressedFormatError } from './decoder-output';
import { GSM_FRAME_BYTES, GSM_FRAME_SAMPLES, GSM_MAGIC, GsmDecoder, WAV49_BLOCK_BYTES, unpackGsmFrame, unpackWav49Pair } from './gsm-codec';

/** The rate of raw .gsm files (they have no header; GSM full rate is defined at 8 kHz). */
export const GSM_SAMPLE_RATE = 8000;

/** Whole frames a raw .gsm file needs before its content alone (every frame's magic nibble) names it. */
const SNIFF_FRAMES = 4;

/**
 * True when the bytes read as raw GSM frames. A file named .gsm needs one whole frame starting with the magic nibble
 * 0xD (a later bad frame is then reported by the decoder); any other needs at least 4 whole frames, every one
 * starting with it (chance for other data: 1 in 16 per frame).
 */
export function looksLikeGsm(bytes: Uint8Array, hasGsmExtension: boolean): boolean {
  const frames = Math.floor(bytes.length / GSM_FRAME_BYTES);
  if (frames === 0 || bytes[0] >> 4 !== GSM_MAGIC) return false;
  if (hasGsmExtension) return true;
  if (frames < SNIFF_FRAMES) return false;
  for (let k = 1; k < frames; k++) if (bytes[k * GSM_FRAME_BYTES] >> 4 !== GSM_MAGIC) return false;
  return true;
}

const toFloat = (pcm: Int16Array) => Float32Array.from(pcm, (v) => v / 32768);

/** Decodes a raw .gsm file: every whole frame (a partial last frame is left out, with a warning, as sox does). */
export function decodeGsm(bytes: Uint8Array): DecodedAudio {
  const frames = Math.floor(bytes.length / GSM_FRAME_BYTES);
  if (frames === 0) throw new CompressedFormatError(`no audio: ${bytes.length} bytes hold no whole GSM frame (${GSM_FRAME_BYTES} bytes)`);
  const decoder = new GsmDecoder();
  const pcm = new Int16Array(frames * GSM_FRAME_SAMPLES);
  for (let k = 0; k < frames; k++) {
    const frame = unpackGsmFrame(bytes, k * GSM_FRAME_BYTES);
    if (!frame) throw new CompressedFormatError(`corrupt GSM data: frame ${k} (byte ${k * GSM_FRAME_BYTES}) does not start with the GSM magic 0xD`);
    decoder.decode(frame, pcm, k * GSM_FRAME_SAMPLES);
  }
  const rest = bytes.length - frames * GSM_FRAME_BYTES;
  const warnings = rest ? [`${rest} bytes after the last whole GSM frame left out (a cut frame)`] : [];
  return { channels: [toFloat(pcm)], sampleRate: GSM_SAMPLE_RATE, format: 'gsm', ...(warnings.length ? { warnings } : {}) };
}

/** Decodes `blocks` WAV49 blocks from `offset` (GSM in WAV, format tag 0x31): 320 samples each, in [-1, 1). */
export function decodeWav49(bytes: Uint8Array, offset: number, blocks: number): Float32Array {
  const decoder = new GsmDecoder();
  const pcm = new Int16Array(blocks * 2 * GSM_FRAME_SAMPLES);
  for (let b = 0; b < blocks; b++) {
    const [first, second] = unpackWav49Pair(bytes, offset + b * WAV49_BLOCK_BYTES);
    decoder.decode(first, pcm, 2 * b * GSM_FRAME_SAMPLES);
    decoder.decode(second, pcm, (2 * b + 1) * GSM_FRAME_SAMPLES);
  }
  return toFloat(pcm);
}

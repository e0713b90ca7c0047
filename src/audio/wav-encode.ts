/** Writes WAV files (mono, or channels interleaved): 16-bit PCM (rounded, clipped to [-1, 1]) or 32-bit IEEE float. */
import type { WavWriteFormat } from './types';
import { writeFileAtomic } from '../util/atomic-file';
import { sampleRateProblem } from './limits';

const HEADER_BYTES = 44;

/**
 * Encodes samples as a complete WAV file.
 * @param audio mono samples [n], or one array [n] per channel (interleaved in the file), in [-1, 1] (pcm16 clips
 *   values outside; float32 stores them as they are)
 */
export function encodeWav(audio: Float32Array | Float32Array[], sampleRate: number, format: WavWriteFormat = 'pcm16'): Uint8Array {
  const problem = sampleRateProblem(sampleRate);
  if (problem) throw new RangeError(`encodeWav: ${problem}`);
  const channels = Array.isArray(audio) ? audio : [audio];
  if (channels.length < 1 || channels.length > 65535) throw new RangeError(`encodeWav: 1..65535 channels, got ${channels.length}`);
  const frames = channels[0].length;
  if (channels.some((c) => c.length !== frames)) throw new RangeError('encodeWav: channels of different lengths');
  const nch = channels.length;
  const samples = nch === 1 ? channels[0] : interleave(channels);
  const bytesPerSample = format === 'pcm16' ? 2 : 4;
  const dataBytes = samples.length * bytesPerSample;
  if (HEADER_BYTES + dataBytes > 0xffffffff) throw new RangeError(`encodeWav: ${samples.length} samples exceed the 4 GiB WAV limit`);
  const bytes = new Uint8Array(HEADER_BYTES + dataBytes);
  const view = new DataView(bytes.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < text.length; i++) bytes[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, format === 'pcm16' ? 1 : 3, true);
  view.setUint16(22, nch, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * bytesPerSample * nch, true);
  view.setUint16(32, bytesPerSample * nch, true);
  view.setUint16(34, bytesPerSample * 8, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  if (format === 'pcm16') {
    for (let i = 0; i < samples.length; i++) {
      const v = Math.max(-1, Math.min(1, samples[i]));
      view.setInt16(HEADER_BYTES + 2 * i, Math.max(-32768, Math.min(32767, Math.round(v * 32768))), true);
    }
  } else {
    for (let i = 0; i < samples.length; i++) view.setFloat32(HEADER_BYTES + 4 * i, samples[i], true);
  }
  return bytes;
}

function interleave(channels: Float32Array[]): Float32Array {
  const nch = channels.length;
  const out = new Float32Array(channels[0].length * nch);
  for (let c = 0; c < nch; c++) {
    const ch = channels[c];
    for (let i = 0; i < ch.length; i++) out[i * nch + c] = ch[i];
  }
  return out;
}

/** Writes mono samples to a WAV file atomically (temporary file + rename). */
export async function writeWav(path: string, samples: Float32Array, sampleRate: number, format: WavWriteFormat = 'pcm16'): Promise<void> {
  await writeFileAtomic(path, [encodeWav(samples, sampleRate, format)]);
}

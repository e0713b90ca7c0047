/**
 * WebM (and Matroska) audio: our demuxer (webm-demux.ts) gives the first audio track's frames, opus-decode.ts decodes
 * Opus (A_OPUS, the codec of browser recordings and voice notes). The OpusHead pre-skip is dropped at the start (not
 * CodecDelay, which ffmpeg writes wrongly for input not at 48 kHz) and the last block's DiscardPadding at the end, as
 * ffmpeg does. A file that ends inside a block (a
 * recording cut off) decodes its whole blocks with a warning.
 */
import type { DecodedAudio } from './types';
import { CompressedFormatError } from './decoder-output';
import { demuxWebmAudio } from './webm-demux';
import { OPUS_RATE, decodeOpus, opusPacketSamples, parseOpusHead } from './opus-decode';

const toSamples = (ns: number) => Math.round((ns * OPUS_RATE) / 1e9);

/** Decodes the first audio track of a WebM or Matroska file held in memory (Opus, 48 kHz). */
export async function decodeWebm(bytes: Uint8Array): Promise<DecodedAudio> {
  const track = demuxWebmAudio(bytes);
  if (track.codecId !== 'A_OPUS') throw new CompressedFormatError(`unsupported WebM audio codec '${track.codecId.replace(/[^\x20-\x7e]/g, '?')}' (A_OPUS is read)`);
  if (track.frames.length === 0) throw new CompressedFormatError('no audio: the WebM audio track has no blocks');
  const head = parseOpusHead(track.codecPrivate);
  const { preSkip } = head;
  let length: number | null = null;
  if (track.discardPaddingNs > 0 && track.cutAt === null) {
    const total = track.frames.reduce((n, f) => n + (opusPacketSamples(f) ?? 0), 0);
    length = Math.max(0, total - preSkip - toSamples(track.discardPaddingNs));
  }
  const decoded = await decodeOpus({ head, packets: track.frames, preSkip, length, fileBytes: bytes.length }, 'webm', 'WebM Opus');
  if (track.cutAt === null) return decoded;
  return { ...decoded, warnings: [`truncated: the WebM file ends inside an element at byte ${track.cutAt}; decoded the ${track.frames.length} whole blocks before it`] };
}

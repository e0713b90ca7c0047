/**
 * Ogg Opus (RFC 7845): our page reader (ogg-packets.ts) gives the packets, opus-decode.ts decodes them. The first
 * packet is OpusHead, the second OpusTags; the last page's granule position, less the pre-skip (and less the start
 * offset of a stream that begins later than zero, RFC 7845 4.5), is the length: an end-of-stream page declaring more
 * than the packets hold is refused ("truncated or corrupt"). As for Ogg Vorbis, a file cut inside a page is "truncated", and one whose pages are all whole but lack the
 * end-of-stream flag decodes to its last whole page with a warning.
 */
import type { DecodedAudio } from './types';
import { CompressedFormatError } from './decoder-output';
import { oggPackets } from './ogg-packets';
import { decodeOpus, opusPacketSamples, parseOpusHead } from './opus-decode';
import type { OggPacket } from './ogg-packets';

const OPUS_TAGS = 'OpusTags';

/** Decodes a whole Ogg Opus file held in memory (48 kHz). */
export async function decodeOggOpus(bytes: Uint8Array): Promise<DecodedAudio> {
  const { packets, endOfStream, trailingBytes } = oggPackets(bytes);
  if (packets.length === 0) throw new CompressedFormatError('truncated: Ogg stream holds no whole packet');
  const head = parseOpusHead(packets[0].data);
  const tags = packets[1]?.data;
  if (!tags || String.fromCharCode(...tags.subarray(0, 8)) !== OPUS_TAGS) throw new CompressedFormatError('corrupt Ogg Opus stream: the OpusTags header does not follow OpusHead');
  const audio = packets.slice(2);
  if (audio.length === 0) throw new CompressedFormatError('no audio: Ogg Opus stream has headers and no audio packets');
  const lastGranule = audio.findLast((p) => p.granule >= 0)?.granule ?? -1;
  const held = audio.reduce((n, p) => n + (opusPacketSamples(p.data) ?? 0), 0);
  const declared = lastGranule >= 0 ? lastGranule - startOffset(audio) : null;
  if (declared !== null && endOfStream && declared > held) {
    throw new CompressedFormatError(`truncated or corrupt: the Ogg Opus stream's last page declares ${declared} samples, its packets hold ${held}`);
  }
  const length = declared === null ? null : Math.max(0, declared - head.preSkip);
  const decoded = await decodeOpus({ head, packets: audio.map((p) => p.data), preSkip: head.preSkip, length, fileBytes: bytes.length }, 'opus', 'Ogg Opus');
  const warnings = [
    ...(endOfStream ? [] : ['Ogg stream has no end-of-stream page (its writer stopped early); decoded up to its last whole page']),
    ...(trailingBytes > 0 ? [`${trailingBytes} bytes after the end of the Ogg Opus stream left out (a chained stream or other data)`] : []),
  ];
  return warnings.length ? { ...decoded, warnings } : decoded;
}

/**
 * Where the stream starts, in samples: the first page that completes an audio packet may carry a granule position
 * larger than the samples up to there (a stream cut from a longer one); the difference is the start offset.
 */
function startOffset(audio: OggPacket[]): number {
  const first = audio.findIndex((p) => p.granule >= 0);
  if (first < 0) return 0;
  const through = audio.slice(0, first + 1).reduce((n, p) => n + (opusPacketSamples(p.data) ?? 0), 0);
  return Math.max(0, audio[first].granule - through);
}

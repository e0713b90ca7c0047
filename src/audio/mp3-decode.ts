/** MP3 through mpg123-decoder, with our own gapless trimming and channel count (see mp3-header.ts). */
import { MPEGDecoder } from 'mpg123-decoder';
import type { DecodedAudio } from './types';
import { CompressedFormatError, quietly, toDecoded } from './decoder-output';
import { DECODER_DELAY, lastFrameShortfall, readMp3Layout } from './mp3-header';

/**
 * Decodes a whole MP3 file held in memory. A file whose Info tag declares more frames than decode is refused, unless
 * the file ends inside its last frame: that frame is decoded with zeros for its missing bytes, as `lame --decode`
 * plays it, with a warning. Gapless trimming is ours, not the decoder's (mpg123-decoder's own
 * gapless mode misses files without an Info tag): the 529-sample decoder delay is always removed, and when the
 * LAME/Info tag declares encoder delay and padding those are removed too, giving back exactly the encoded samples.
 * A file without the tag (e.g. low-bitrate MPEG-2 frames too small to hold it) keeps the encoder's delay, as
 * `lame --decode` does. mpg123-decoder always returns two channels: a mono file keeps only the first.
 */
export async function decodeMp3(bytes: Uint8Array): Promise<DecodedAudio> {
  const layout = readMp3Layout(bytes);
  if (layout === null) throw new CompressedFormatError('not an MP3 file (no MPEG audio frame header found)');
  const decoder = new MPEGDecoder({ enableGapless: false });
  try {
    await decoder.ready;
    let out = quietly(() => decoder.decode(bytes));
    const declared = layout.frames === null ? null : layout.frames * layout.samplesPerFrame;
    const shortfall = lastFrameShortfall(bytes);
    const warnings: string[] = [];
    if (declared !== null && shortfall > 0 && out.errors.length === 0 && out.samplesDecoded < declared && declared - out.samplesDecoded <= layout.samplesPerFrame) {
      // The file ends inside its last frame, which mpg123 drops: with zeros in place of the missing bytes it decodes,
      // as lame --decode decodes it.
      await decoder.reset();
      const padded = new Uint8Array(bytes.length + shortfall);
      padded.set(bytes);
      out = quietly(() => decoder.decode(padded));
      warnings.push(`truncated: MP3 stream ends ${shortfall} bytes short of the end of its last frame (decoded with zeros in their place)`);
    }
    const decoded = toDecoded(out, 'mp3', 'MP3');
    const total = decoded.channels[0].length;
    if (declared !== null && total < declared) {
      throw new CompressedFormatError(`truncated or corrupt: MP3 Info tag declares ${layout.frames} frames, only ${Math.floor(total / layout.samplesPerFrame)} decode`);
    }
    const start = DECODER_DELAY + (layout.gapless?.delay ?? 0);
    const end = layout.gapless ? total - Math.max(0, layout.gapless.padding - DECODER_DELAY) : total;
    if (end <= start) throw new CompressedFormatError('no audio: MP3 stream is shorter than its encoder delay');
    const channels = decoded.channels.slice(0, layout.channels).map((c) => c.slice(start, end));
    return { ...decoded, channels, ...(warnings.length ? { warnings } : {}) };
  } finally {
    decoder.free();
  }
}

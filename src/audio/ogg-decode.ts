/** Ogg Vorbis through @wasm-audio-decoders/ogg-vorbis: one decoder per file, freed whatever happens (Ogg Opus: ogg-opus-decode.ts). */
import { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis';
import type { DecodedAudio } from './types';
import { CompressedFormatError, toDecoded } from './decoder-output';
import { oggCodec, oggEnding } from './ogg';

const OGG_CODEC_NAMES: Record<string, string> = { flac: 'FLAC', opus: 'Opus', speex: 'Speex', unknown: 'an unknown codec' };

/**
 * Decodes a whole Ogg Vorbis file held in memory. Other codecs in Ogg (Speex, FLAC: the FLAC decoder returns
 * nothing for `flac --ogg` files) are refused by name. A file cut inside a page is "truncated"; one whose pages are
 * all whole but whose last lacks the end-of-stream flag (writers that stopped early, e.g. KLettres' Arabic letters)
 * decodes as libvorbisfile and sox decode it, to the last whole packet, with a warning.
 */
export async function decodeOgg(bytes: Uint8Array): Promise<DecodedAudio> {
  const codec = oggCodec(bytes);
  if (codec !== 'vorbis') {
    throw new CompressedFormatError(`unsupported Ogg codec: the stream holds ${OGG_CODEC_NAMES[codec]} (Ogg Vorbis and Ogg Opus are read)`);
  }
  const ending = oggEnding(bytes);
  if (ending.kind === 'cut') throw new CompressedFormatError('truncated: Ogg stream is cut inside a page (its last page is incomplete)');
  const decoder = new OggVorbisDecoder();
  try {
    await decoder.ready;
    const decoded = toDecoded(await decoder.decodeFile(bytes), 'ogg', 'Ogg Vorbis');
    if (ending.kind === 'end-of-stream') return decoded;
    // Without the end-of-stream flag the decoder does not trim the last packet to the granule position its page
    // declares; we do, so a last page merely missing the flag decodes as it would with it. (libvorbisfile, and sox,
    // then drop samples from the start of that packet instead; a stream that simply stops, as KLettres' do, ends
    // on a whole packet and decodes the same either way.)
    const end = ending.granule > 0 && ending.granule < decoded.channels[0].length ? ending.granule : decoded.channels[0].length;
    const channels = decoded.channels.map((c) => c.subarray(0, end));
    return { ...decoded, channels, warnings: ['Ogg stream has no end-of-stream page (its writer stopped early); decoded up to its last whole page'] };
  } finally {
    decoder.free();
  }
}


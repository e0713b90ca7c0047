/** Ogg Vorbis through @wasm-audio-decoders/ogg-vorbis: one decoder per file, freed whatever happens. */
import { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis';
import type { DecodedAudio } from './types';
import { CompressedFormatError, toDecoded } from './decoder-output';
import { endsWithEndOfStream, oggCodec } from './ogg';

const OGG_CODEC_NAMES: Record<string, string> = { flac: 'FLAC', opus: 'Opus', speex: 'Speex', unknown: 'an unknown codec' };

/**
 * Decodes a whole Ogg Vorbis file held in memory. Other codecs in Ogg (Opus, Speex, FLAC: the FLAC decoder returns
 * nothing for `flac --ogg` files) are refused by name. A file without its end-of-stream page is "truncated".
 */
export async function decodeOgg(bytes: Uint8Array): Promise<DecodedAudio> {
  const codec = oggCodec(bytes);
  if (codec !== 'vorbis') {
    throw new CompressedFormatError(`unsupported Ogg codec: the stream holds ${OGG_CODEC_NAMES[codec]} (Ogg Vorbis is read)`);
  }
  if (!endsWithEndOfStream(bytes)) throw new CompressedFormatError('truncated: Ogg stream does not end with a complete end-of-stream page');
  const decoder = new OggVorbisDecoder();
  try {
    await decoder.ready;
    return toDecoded(await decoder.decodeFile(bytes), 'ogg', 'Ogg Vorbis');
  } finally {
    decoder.free();
  }
}


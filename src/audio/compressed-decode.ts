/**
 * FLAC, MP3 and Ogg Vorbis through well-kept WASM decoders (@wasm-audio-decoders/flac, mpg123-decoder,
 * @wasm-audio-decoders/ogg-vorbis). Each call creates a decoder, waits for its WASM, decodes the whole file and
 * frees the decoder, whatever happens.
 */
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis';
import { MPEGDecoder } from 'mpg123-decoder';
import type { DecodedAudio } from './types';
import { channelCountProblem, sampleRateProblem } from './limits';
import { DECODER_DELAY, readMp3Layout } from './mp3-header';
import { endsWithEndOfStream, oggCodec } from './ogg';

/** A problem with a compressed file's bytes; callers turn it into an InputFileError naming the file. */
export class CompressedFormatError extends Error {}

/** What every decoder returns. */
interface DecoderOutput {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors: { message: string; frameNumber?: number }[];
}

/** Checks a decoder's output and copies it out of WASM-owned memory. */
function toDecoded(out: DecoderOutput, format: 'flac' | 'mp3' | 'ogg', name: string): DecodedAudio {
  if (out.errors.length > 0) {
    const first = out.errors[0];
    throw new CompressedFormatError(`corrupt ${name} data: ${first.message}${out.errors.length > 1 ? ` (and ${out.errors.length - 1} more errors)` : ''}`);
  }
  if (out.samplesDecoded === 0 || out.channelData.length === 0) {
    throw new CompressedFormatError(`no audio: ${name} stream decodes to zero samples`);
  }
  const rateProblem = sampleRateProblem(out.sampleRate);
  if (rateProblem) throw new CompressedFormatError(`corrupt ${name} stream: ${rateProblem}`);
  const channelProblem = channelCountProblem(out.channelData.length);
  if (channelProblem) throw new CompressedFormatError(`corrupt ${name} stream: ${channelProblem}`);
  const channels = out.channelData.map((c) => Float32Array.from(c.subarray(0, out.samplesDecoded)));
  return { channels, sampleRate: out.sampleRate, format };
}

/** Total samples per channel declared in a FLAC STREAMINFO block (0 = unknown), or null without STREAMINFO. */
function flacDeclaredSamples(bytes: Uint8Array): number | null {
  // 'fLaC', then a 4-byte metadata block header whose type (low 7 bits) must be 0 = STREAMINFO, 34 bytes long.
  if (bytes.length < 8 + 34 || (bytes[4] & 0x7f) !== 0) return null;
  const info = 8;
  return (bytes[info + 13] & 0x0f) * 2 ** 32 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(info + 14, false);
}

/** Decodes a whole FLAC file held in memory; fewer samples than STREAMINFO declares is "truncated". */
export async function decodeFlac(bytes: Uint8Array): Promise<DecodedAudio> {
  const decoder = new FLACDecoder();
  try {
    await decoder.ready;
    const decoded = toDecoded(await decoder.decodeFile(bytes), 'flac', 'FLAC');
    const declared = flacDeclaredSamples(bytes);
    const frames = decoded.channels[0].length;
    if (declared && frames < declared) throw new CompressedFormatError(`truncated: FLAC stream declares ${declared} samples, file holds ${frames}`);
    return decoded;
  } finally {
    decoder.free();
  }
}

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

/**
 * Decodes a whole MP3 file held in memory. Gapless trimming is ours, not the decoder's (mpg123-decoder's own
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
    const decoded = toDecoded(quietly(() => decoder.decode(bytes)), 'mp3', 'MP3');
    const total = decoded.channels[0].length;
    if (layout.frames !== null && total < layout.frames * layout.samplesPerFrame) {
      throw new CompressedFormatError(`truncated: MP3 Info tag declares ${layout.frames} frames, file holds ${Math.floor(total / layout.samplesPerFrame)}`);
    }
    const start = DECODER_DELAY + (layout.gapless?.delay ?? 0);
    const end = layout.gapless ? total - Math.max(0, layout.gapless.padding - DECODER_DELAY) : total;
    if (end <= start) throw new CompressedFormatError('no audio: MP3 stream is shorter than its encoder delay');
    const channels = decoded.channels.slice(0, layout.channels).map((c) => c.slice(start, end));
    return { ...decoded, channels };
  } finally {
    decoder.free();
  }
}

/** Runs a synchronous decoder call with console.error silenced: mpg123-decoder logs errors it also returns. */
function quietly<T>(run: () => T): T {
  const original = console.error;
  console.error = () => {};
  try {
    return run();
  } finally {
    console.error = original;
  }
}

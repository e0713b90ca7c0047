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

/** Decodes a whole FLAC file held in memory. */
export async function decodeFlac(bytes: Uint8Array): Promise<DecodedAudio> {
  const decoder = new FLACDecoder();
  try {
    await decoder.ready;
    return toDecoded(await decoder.decodeFile(bytes), 'flac', 'FLAC');
  } finally {
    decoder.free();
  }
}

/** Decodes a whole Ogg Vorbis file held in memory. */
export async function decodeOggVorbis(bytes: Uint8Array): Promise<DecodedAudio> {
  const decoder = new OggVorbisDecoder();
  try {
    await decoder.ready;
    return toDecoded(await decoder.decodeFile(bytes), 'ogg', 'Ogg Vorbis');
  } finally {
    decoder.free();
  }
}

/** Decodes a whole MP3 file held in memory (gapless: encoder delay and padding removed when the file says so). */
export async function decodeMp3(bytes: Uint8Array): Promise<DecodedAudio> {
  const decoder = new MPEGDecoder({ enableGapless: true });
  try {
    await decoder.ready;
    return toDecoded(decoder.decode(bytes), 'mp3', 'MP3');
  } finally {
    decoder.free();
  }
}

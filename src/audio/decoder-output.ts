/** What the WASM decoders return, checked and copied into a DecodedAudio. */
import type { DecodedAudio } from './types';
import { channelCountProblem, sampleRateProblem } from './limits';
import { AudioFormatError } from './format-error';

/** A problem with a compressed file's bytes; callers turn it into an InputFileError naming the file. */
export class CompressedFormatError extends AudioFormatError {}

/** What every decoder returns. */
export interface DecoderOutput {
  channelData: Float32Array[];
  samplesDecoded: number;
  sampleRate: number;
  errors: { message: string; frameNumber?: number }[];
}

/** Checks a decoder's output and copies it out of WASM-owned memory. */
export function toDecoded(out: DecoderOutput, format: 'flac' | 'mp3' | 'ogg', name: string): DecodedAudio {
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

/** Runs a synchronous decoder call with console.error silenced: mpg123-decoder and opus-decoder log errors they also return. */
export function quietly<T>(run: () => T): T {
  const original = console.error;
  console.error = () => {};
  try {
    return run();
  } finally {
    console.error = original;
  }
}

/** FLAC: our frame splitter, then @wasm-audio-decoders/flac's frame decoder; one decoder per file, freed whatever happens. */
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import type { DecodedAudio } from './types';
import { CompressedFormatError, toDecoded } from './decoder-output';
import { flacFirstFrameOffset, splitFlacFrames } from './flac-frames';
import { decodedSizeProblem, frameCountProblem } from './limits';

/** Total samples per channel declared in a FLAC STREAMINFO block (0 = unknown), or null without STREAMINFO. */
function flacDeclaredSamples(bytes: Uint8Array): number | null {
  // 'fLaC', then a 4-byte metadata block header whose type (low 7 bits) must be 0 = STREAMINFO, 34 bytes long.
  if (bytes.length < 8 + 34 || (bytes[4] & 0x7f) !== 0) return null;
  const info = 8;
  return (bytes[info + 13] & 0x0f) * 2 ** 32 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(info + 14, false);
}

/** The largest block size a FLAC STREAMINFO block declares (65535 when it says 0 or has none). */
function flacMaxBlockSize(bytes: Uint8Array): number {
  if (bytes.length < 8 + 34 || (bytes[4] & 0x7f) !== 0) return 65535;
  return ((bytes[8 + 2] << 8) | bytes[8 + 3]) || 65535;
}

/**
 * Decodes a whole FLAC file held in memory. Fewer samples than STREAMINFO declares is an error, not a short decode,
 * except when only the last frame is missing (the file ends a few bytes early, inside or before its last frame):
 * then the whole frames are read, with a warning, as sox plays them.
 */
export async function decodeFlac(bytes: Uint8Array): Promise<DecodedAudio> {
  const decoder = new FLACDecoder();
  try {
    await decoder.ready;
    const declared = flacDeclaredSamples(bytes);
    const frameProblem = declared === null ? null : (frameCountProblem(declared) ?? decodedSizeProblem(declared, ((bytes[8 + 12] >> 1) & 7) + 1));
    if (frameProblem) throw new CompressedFormatError(`corrupt FLAC header: STREAMINFO declares ${declared} samples; ${frameProblem}`);
    const start = flacFirstFrameOffset(bytes);
    if (start === null) throw new CompressedFormatError('truncated or corrupt: FLAC metadata blocks run past the end of the file');
    const { frames, end } = splitFlacFrames(bytes, start);
    const out = await decoder.decodeFrames(frames);
    // The splitter stops at a cut or damaged frame; STREAMINFO tells how much there should have been.
    const missing = declared ? declared - out.samplesDecoded : 0;
    if (missing > 0 && (missing > flacMaxBlockSize(bytes) || out.samplesDecoded === 0)) {
      const where = end < bytes.length ? ` (no valid frame at byte ${end} of ${bytes.length})` : '';
      throw new CompressedFormatError(`truncated or corrupt: FLAC stream declares ${declared} samples, only ${out.samplesDecoded} decode${where}`);
    }
    const decoded = toDecoded(out, 'flac', 'FLAC');
    if (missing <= 0) return decoded;
    return { ...decoded, warnings: [`truncated: FLAC stream ends in its last frame; decoded ${out.samplesDecoded} of the ${declared} samples it declares`] };
  } finally {
    decoder.free();
  }
}


/** FLAC: our frame splitter, then @wasm-audio-decoders/flac's frame decoder; one decoder per file, freed whatever happens. */
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import type { DecodedAudio } from './types';
import { CompressedFormatError, toDecoded } from './decoder-output';
import { flacFirstFrameOffset, splitFlacFrames } from './flac-frames';

/** Total samples per channel declared in a FLAC STREAMINFO block (0 = unknown), or null without STREAMINFO. */
function flacDeclaredSamples(bytes: Uint8Array): number | null {
  // 'fLaC', then a 4-byte metadata block header whose type (low 7 bits) must be 0 = STREAMINFO, 34 bytes long.
  if (bytes.length < 8 + 34 || (bytes[4] & 0x7f) !== 0) return null;
  const info = 8;
  return (bytes[info + 13] & 0x0f) * 2 ** 32 + new DataView(bytes.buffer, bytes.byteOffset).getUint32(info + 14, false);
}

/** Decodes a whole FLAC file held in memory; fewer samples than STREAMINFO declares is an error, not a short decode. */
export async function decodeFlac(bytes: Uint8Array): Promise<DecodedAudio> {
  const decoder = new FLACDecoder();
  try {
    await decoder.ready;
    const start = flacFirstFrameOffset(bytes);
    if (start === null) throw new CompressedFormatError('truncated or corrupt: FLAC metadata blocks run past the end of the file');
    const { frames, end } = splitFlacFrames(bytes, start);
    const out = await decoder.decodeFrames(frames);
    const declared = flacDeclaredSamples(bytes);
    // The splitter stops at a cut or damaged frame; STREAMINFO tells how much there should have been.
    if (declared && out.samplesDecoded < declared) {
      const where = end < bytes.length ? ` (no valid frame at byte ${end} of ${bytes.length})` : '';
      throw new CompressedFormatError(`truncated or corrupt: FLAC stream declares ${declared} samples, only ${out.samplesDecoded} decode${where}`);
    }
    return toDecoded(out, 'flac', 'FLAC');
  } finally {
    decoder.free();
  }
}


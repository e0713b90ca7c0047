/** Facts about an Ogg container read from its pages: which codec its first stream carries, and whether it ends. */

/** Codecs an Ogg stream may carry, by the signature of its first packet. */
export type OggCodec = 'vorbis' | 'flac' | 'opus' | 'speex' | 'unknown';

const SIGNATURES: [OggCodec, number[]][] = [
  ['vorbis', [0x01, 0x76, 0x6f, 0x72, 0x62, 0x69, 0x73]], // \x01vorbis
  ['flac', [0x7f, 0x46, 0x4c, 0x41, 0x43]], // \x7fFLAC
  ['opus', [0x4f, 0x70, 0x75, 0x73, 0x48, 0x65, 0x61, 0x64]], // OpusHead
  ['speex', [0x53, 0x70, 0x65, 0x65, 0x78, 0x20, 0x20, 0x20]], // "Speex   "
];

/** The codec of the first packet of the first Ogg page (the bytes must start with 'OggS'). */
export function oggCodec(bytes: Uint8Array): OggCodec {
  if (bytes.length < 27) return 'unknown';
  const packet = 27 + bytes[26];
  for (const [codec, signature] of SIGNATURES) {
    if (signature.every((b, i) => bytes[packet + i] === b)) return codec;
  }
  return 'unknown';
}

/** How an Ogg file ends (see oggEnding). */
export interface OggEnding {
  /**
   * 'end-of-stream': a complete last page flagged end-of-stream, as it should; 'no-end-of-stream': a complete last
   * page without the flag (the writer stopped between pages; every page is whole); 'cut': no complete page ends
   * where the file does (it was cut inside a page, i.e. inside audio data).
   */
  kind: 'end-of-stream' | 'no-end-of-stream' | 'cut';
  /** The last page's granule position (for Vorbis: samples up to its last whole packet), or -1. */
  granule: number;
}

/** How an Ogg file ends, read from its last page. */
export function oggEnding(bytes: Uint8Array): OggEnding {
  for (let at = bytes.length - 27; at >= 0; at--) {
    if (bytes[at] !== 0x4f || bytes[at + 1] !== 0x67 || bytes[at + 2] !== 0x67 || bytes[at + 3] !== 0x53) continue;
    const segments = bytes[at + 26];
    let size = 27 + segments;
    for (let i = 0; i < segments && at + 27 + i < bytes.length; i++) size += bytes[at + 27 + i];
    if (at + size === bytes.length) {
      const granule = Number(new DataView(bytes.buffer, bytes.byteOffset + at + 6, 8).getBigInt64(0, true));
      return { kind: bytes[at + 5] & 0x04 ? 'end-of-stream' : 'no-end-of-stream', granule };
    }
  }
  return { kind: 'cut', granule: -1 };
}

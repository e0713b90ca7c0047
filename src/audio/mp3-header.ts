/** Facts read from an MP3 file's first frame header (mpg123-decoder always returns two channels). */

/** Bytes of the ID3v2 tag at the start of the file (0 when there is none). */
export function id3v2Length(bytes: Uint8Array): number {
  if (bytes.length < 10 || bytes[0] !== 0x49 || bytes[1] !== 0x44 || bytes[2] !== 0x33) return 0;
  const size = ((bytes[6] & 0x7f) << 21) | ((bytes[7] & 0x7f) << 14) | ((bytes[8] & 0x7f) << 7) | (bytes[9] & 0x7f);
  const footer = bytes[5] & 0x10 ? 10 : 0;
  return 10 + size + footer;
}

/** True when four bytes at `offset` form a plausible MPEG audio frame header (sync, version, layer, bitrate, rate). */
export function isMpegFrameHeader(b: Uint8Array, offset: number): boolean {
  if (b.length < offset + 4) return false;
  const sync = b[offset] === 0xff && (b[offset + 1] & 0xe0) === 0xe0;
  const version = (b[offset + 1] >> 3) & 0x03;
  const layer = (b[offset + 1] >> 1) & 0x03;
  const bitrate = (b[offset + 2] >> 4) & 0x0f;
  const rate = (b[offset + 2] >> 2) & 0x03;
  return sync && version !== 1 && layer !== 0 && bitrate !== 0x0f && rate !== 0x03;
}

const LAYER3_KBPS = {
  mpeg1: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  mpeg2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
};
const RATES = [44100, 48000, 32000];

/** Bytes of the layer III frame whose header is at `offset` (0 when it is not one, or free format). */
export function layer3FrameLength(b: Uint8Array, offset: number): number {
  if (!isMpegFrameHeader(b, offset) || ((b[offset + 1] >> 1) & 0x03) !== 1) return 0;
  const version = (b[offset + 1] >> 3) & 0x03; // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
  const kbps = (version === 3 ? LAYER3_KBPS.mpeg1 : LAYER3_KBPS.mpeg2)[(b[offset + 2] >> 4) & 0x0f];
  const rate = RATES[(b[offset + 2] >> 2) & 0x03] / (version === 3 ? 1 : version === 2 ? 2 : 4);
  const padding = (b[offset + 2] >> 1) & 1;
  return kbps ? Math.floor(((version === 3 ? 144 : 72) * kbps * 1000) / rate) + padding : 0;
}

/**
 * Where the file's layer III frames run past its end: the bytes the last frame lacks (0 when the frames, walked
 * header to header from the first, end with the file or at something that is not a frame).
 */
export function lastFrameShortfall(bytes: Uint8Array): number {
  let at = firstFrame(bytes);
  if (at < 0) return 0;
  for (;;) {
    const length = layer3FrameLength(bytes, at);
    if (!length) return 0;
    if (at + length > bytes.length) return at + length - bytes.length;
    at += length;
  }
}

/** How far into the file the search for the first frame header goes after the ID3v2 tag (bytes). */
const SEARCH_BYTES = 64 * 1024;

/** Samples of delay the MPEG layer III synthesis filter adds at the start of every decode (528 + 1). */
export const DECODER_DELAY = 529;

/** What the first frame of an MP3 file says about it. */
export interface Mp3Layout {
  /** 1 (mono) or 2. */
  channels: number;
  /** Encoder delay and padding in samples from the LAME/Info tag, or null when the file has none. */
  gapless: { delay: number; padding: number } | null;
  /** Audio frames declared by the Xing/Info tag, or null when the file has none. */
  frames: number | null;
  /** Samples per channel in one frame (1152, 576 or 384). */
  samplesPerFrame: number;
}

/** Where the first MPEG audio frame header starts, or -1. */
function firstFrame(bytes: Uint8Array): number {
  const start = id3v2Length(bytes);
  const end = Math.min(bytes.length - 3, start + SEARCH_BYTES);
  for (let offset = start; offset < end; offset++) if (isMpegFrameHeader(bytes, offset)) return offset;
  return -1;
}

/** Facts from a Xing/Info frame at `frame` (its frame count and LAME extension), all null when it is not one. */
function readInfoTag(bytes: Uint8Array, frame: number, mpeg1: boolean, mono: boolean): Pick<Mp3Layout, 'gapless' | 'frames'> {
  const none = { gapless: null, frames: null };
  const sideInfo = mpeg1 ? (mono ? 17 : 32) : mono ? 9 : 17;
  const xing = frame + 4 + sideInfo;
  if (xing + 8 > bytes.length) return none;
  const id = String.fromCharCode(...bytes.subarray(xing, xing + 4));
  if (id !== 'Xing' && id !== 'Info') return none;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const flags = bytes[xing + 7];
  const frames = flags & 1 && xing + 12 <= bytes.length ? view.getUint32(xing + 8, false) : null;
  const lame = xing + 8 + (flags & 1 ? 4 : 0) + (flags & 2 ? 4 : 0) + (flags & 4 ? 100 : 0) + (flags & 8 ? 4 : 0);
  if (lame + 24 > bytes.length) return { gapless: null, frames };
  const encoder = bytes.subarray(lame, lame + 4);
  if (![...encoder].every((b) => b >= 0x20 && b < 0x7f)) return { gapless: null, frames };
  const delay = (bytes[lame + 21] << 4) | (bytes[lame + 22] >> 4);
  const padding = ((bytes[lame + 22] & 0x0f) << 8) | bytes[lame + 23];
  return { gapless: { delay, padding }, frames };
}

/** Channel count, frame size and Xing/LAME facts from the first frame, or null when no frame header is found. */
export function readMp3Layout(bytes: Uint8Array): Mp3Layout | null {
  const frame = firstFrame(bytes);
  if (frame < 0) return null;
  const mpeg1 = ((bytes[frame + 1] >> 3) & 0x03) === 3;
  const layer = 4 - ((bytes[frame + 1] >> 1) & 0x03);
  const mono = ((bytes[frame + 3] >> 6) & 0x03) === 3;
  const samplesPerFrame = layer === 1 ? 384 : layer === 2 || mpeg1 ? 1152 : 576;
  return { channels: mono ? 1 : 2, samplesPerFrame, ...readInfoTag(bytes, frame, mpeg1, mono) };
}

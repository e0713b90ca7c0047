/**
 * Splits a FLAC file held in memory into its frames. A frame starts with a valid header (sync code, legal fields,
 * CRC-8) and ends where its footer CRC-16 matches: just before the next valid header, or at the end of the file.
 * (codec-parser, which @wasm-audio-decoders/flac uses for whole files, silently drops some final frames, e.g. a
 * last frame of one sample; see tests/audio/flac-frames.test.ts.)
 */

/** The frames found and where the scan stopped (`end` < bytes.length: damaged or foreign data from there on). */
export interface FlacFrames {
  frames: Uint8Array[];
  end: number;
}

const CRC8 = new Uint8Array(256);
const CRC16 = new Uint16Array(256);
for (let i = 0; i < 256; i++) {
  let c8 = i;
  let c16 = i << 8;
  for (let b = 0; b < 8; b++) {
    c8 = c8 & 0x80 ? ((c8 << 1) ^ 0x07) & 0xff : (c8 << 1) & 0xff;
    c16 = c16 & 0x8000 ? ((c16 << 1) ^ 0x8005) & 0xffff : (c16 << 1) & 0xffff;
  }
  CRC8[i] = c8;
  CRC16[i] = c16;
}

/** Byte offset of the first audio frame: after 'fLaC' and every metadata block; null when the block chain is cut. */
export function flacFirstFrameOffset(bytes: Uint8Array): number | null {
  let at = 4;
  for (;;) {
    if (at + 4 > bytes.length) return null;
    const last = bytes[at] & 0x80;
    at += 4 + ((bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3]);
    if (last) return at <= bytes.length ? at : null;
  }
}

/** Length in bytes of a valid frame header at `at` (fields legal, CRC-8 right), or 0 when there is none. */
export function flacHeaderLength(bytes: Uint8Array, at: number): number {
  if (at + 6 > bytes.length || bytes[at] !== 0xff || (bytes[at + 1] & 0xfe) !== 0xf8) return 0;
  const blockCode = bytes[at + 2] >> 4;
  const rateCode = bytes[at + 2] & 0x0f;
  const channelCode = bytes[at + 3] >> 4;
  const sizeCode = (bytes[at + 3] >> 1) & 0x07;
  if (blockCode === 0 || rateCode === 15 || channelCode > 10 || sizeCode === 3 || bytes[at + 3] & 1) return 0;
  // the frame or sample number, UTF-8 style: a lead byte with n leading ones, then n - 1 bytes 10xxxxxx
  const lead = bytes[at + 4];
  const ones = lead < 0x80 ? 1 : lead >= 0xc0 && lead < 0xff ? Math.clz32(~(lead << 24)) : 0;
  if (ones === 0) return 0;
  let length = 4 + ones;
  for (let i = 1; i < ones; i++) if ((bytes[at + 4 + i] & 0xc0) !== 0x80) return 0;
  length += blockCode === 6 ? 1 : blockCode === 7 ? 2 : 0;
  length += rateCode === 12 ? 1 : rateCode === 13 || rateCode === 14 ? 2 : 0;
  if (at + length >= bytes.length) return 0;
  let crc = 0;
  for (let i = 0; i < length; i++) crc = CRC8[crc ^ bytes[at + i]];
  return crc === bytes[at + length] ? length + 1 : 0;
}

/** Whether an ID3 tag starts at `at` (some taggers append one to FLAC files). */
function isTagAt(bytes: Uint8Array, at: number): boolean {
  const magic = String.fromCharCode(bytes[at], bytes[at + 1], bytes[at + 2]);
  return magic === 'TAG' || magic === 'ID3';
}

/** The frames from byte `start` on (see the module comment); stops at the first place no frame can be delimited. */
export function splitFlacFrames(bytes: Uint8Array, start: number): FlacFrames {
  const frames: Uint8Array[] = [];
  let at = start;
  while (at < bytes.length) {
    const header = flacHeaderLength(bytes, at);
    if (!header) break;
    let crc = 0;
    for (let i = at; i < at + header; i++) crc = ((crc << 8) & 0xffff) ^ CRC16[(crc >> 8) ^ bytes[i]];
    let next = -1;
    // the footer is the 2 bytes before `q`; crc covers bytes[at, q - 2)
    for (let q = at + header + 3; q <= bytes.length; q++) {
      crc = ((crc << 8) & 0xffff) ^ CRC16[(crc >> 8) ^ bytes[q - 3]];
      if (crc === ((bytes[q - 2] << 8) | bytes[q - 1]) && (q === bytes.length || flacHeaderLength(bytes, q) || isTagAt(bytes, q))) {
        next = q;
        break;
      }
    }
    if (next < 0) break;
    frames.push(bytes.subarray(at, next));
    at = next;
  }
  return { frames, end: at };
}

/**
 * The packets of the first logical stream of an Ogg file, read page by page with every page checked: capture
 * pattern, version, CRC, sequence numbers, continuation flags, and that the page lies whole inside the file. Pages of
 * other streams multiplexed with it are skipped; a stream chained after its end is left out (the caller warns).
 */
import { AudioFormatError } from './format-error';

/** One packet, with the granule position of the page it ends on when it is that page's last (else -1). */
export interface OggPacket {
  data: Uint8Array;
  granule: number;
}

/** What oggPackets read (see there). */
export interface OggStream {
  packets: OggPacket[];
  /** Whether the stream's last page carries the end-of-stream flag. */
  endOfStream: boolean;
  /** Bytes after the stream's end-of-stream page (a chained stream, or trailing data). */
  trailingBytes: number;
}

const CRC_TABLE = Uint32Array.from({ length: 256 }, (_, n) => {
  let r = n << 24;
  for (let k = 0; k < 8; k++) r = r & 0x80000000 ? (r << 1) ^ 0x04c11db7 : r << 1;
  return r >>> 0;
});

/** Ogg's CRC-32 (polynomial 0x04c11db7, not reflected, no final xor) of the page bytes[start, end), its CRC field read as zero. */
export function pageCrc(bytes: Uint8Array, start: number, end: number): number {
  let crc = 0;
  for (let i = start; i < end; i++) {
    const b = i >= start + 22 && i < start + 26 ? 0 : bytes[i];
    crc = ((crc << 8) ^ CRC_TABLE[((crc >>> 24) ^ b) & 0xff]) >>> 0;
  }
  return crc;
}

const isCapture = (bytes: Uint8Array, at: number) => bytes[at] === 0x4f && bytes[at + 1] === 0x67 && bytes[at + 2] === 0x67 && bytes[at + 3] === 0x53;

/**
 * Reads the first logical stream's packets. Throws AudioFormatError, naming the byte offset, on anything that is not
 * a whole, valid page where one should start ("truncated" when the file ends inside a page).
 */
export function oggPackets(bytes: Uint8Array): OggStream {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const packets: OggPacket[] = [];
  let serial: number | null = null;
  let sequence = -1;
  let pending: Uint8Array[] = [];
  let at = 0;
  let page = 0;
  while (at < bytes.length) {
    if (at + 27 > bytes.length) throw new AudioFormatError(`truncated: the file ends inside the header of Ogg page ${page} (byte ${at})`);
    if (!isCapture(bytes, at)) throw new AudioFormatError(`corrupt Ogg data: no page starts at byte ${at} (after page ${page - 1})`);
    if (bytes[at + 4] !== 0) throw new AudioFormatError(`corrupt Ogg data: page ${page} (byte ${at}) has version ${bytes[at + 4]}, not 0`);
    const flags = bytes[at + 5];
    const segments = bytes[at + 26];
    if (at + 27 + segments > bytes.length) throw new AudioFormatError(`truncated: the file ends inside the segment table of Ogg page ${page} (byte ${at})`);
    const lacing = bytes.subarray(at + 27, at + 27 + segments);
    const bodySize = lacing.reduce((a, b) => a + b, 0);
    const end = at + 27 + segments + bodySize;
    if (end > bytes.length) throw new AudioFormatError(`truncated: Ogg page ${page} (byte ${at}) declares ${bodySize} bytes of packets, the file ends ${end - bytes.length} bytes short`);
    if (pageCrc(bytes, at, end) !== view.getUint32(at + 22, true)) throw new AudioFormatError(`corrupt Ogg data: page ${page} (byte ${at}) fails its CRC check`);
    const pageSerial = view.getUint32(at + 14, true);
    serial ??= pageSerial;
    if (pageSerial === serial) {
      const pageSequence = view.getUint32(at + 18, true);
      if (sequence >= 0 && pageSequence !== sequence + 1) {
        throw new AudioFormatError(`corrupt Ogg data: page ${page} (byte ${at}) has sequence number ${pageSequence} after ${sequence} (a page is missing)`);
      }
      sequence = pageSequence;
      const continued = (flags & 0x01) !== 0;
      if (continued !== pending.length > 0) {
        throw new AudioFormatError(`corrupt Ogg data: page ${page} (byte ${at}) ${continued ? 'continues a packet no page began' : 'begins while a packet is unfinished'}`);
      }
      const granule = Number(view.getBigInt64(at + 6, true));
      let body = at + 27 + segments;
      let lastEnding = -1;
      for (let s = 0; s < segments; s++) {
        pending.push(bytes.subarray(body, body + lacing[s]));
        body += lacing[s];
        if (lacing[s] < 255) {
          lastEnding = packets.length;
          packets.push({ data: joined(pending), granule: -1 });
          pending = [];
        }
      }
      if (lastEnding >= 0) packets[lastEnding].granule = granule;
      if (flags & 0x04) {
        if (pending.length > 0) throw new AudioFormatError(`corrupt Ogg data: the end-of-stream page ${page} (byte ${at}) ends inside a packet`);
        return { packets, endOfStream: true, trailingBytes: bytes.length - end };
      }
    }
    at = end;
    page++;
  }
  // Every page is whole but none is flagged end-of-stream: the writer stopped between pages. An unfinished packet
  // (its last page said it goes on) is dropped.
  return { packets, endOfStream: false, trailingBytes: 0 };
}

function joined(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * A small WebM/Matroska demuxer for one audio track: the EBML header (DocType webm or matroska), the track list, and
 * the frames of the first audio track's SimpleBlocks and BlockGroups (with any lacing), in file order. Clusters and
 * the Segment may have unknown sizes (live writers such as browsers' MediaRecorder): their children are read in
 * sequence. Every size is checked against the bytes present; a file that ends inside a block keeps the whole blocks
 * before it and says so (`cutAt`). Nothing is allocated from a declared size.
 */
import { AudioFormatError } from './format-error';

const ID = {
  EBML: 0x1a45dfa3,
  DocType: 0x4282,
  Segment: 0x18538067,
  Cluster: 0x1f43b675,
  SimpleBlock: 0xa3,
  BlockGroup: 0xa0,
  Block: 0xa1,
  DiscardPadding: 0x75a2,
  Tracks: 0x1654ae6b,
  TrackEntry: 0xae,
  TrackNumber: 0xd7,
  TrackType: 0x83,
  CodecID: 0x86,
  CodecPrivate: 0x63a2,
} as const;

const AUDIO_TRACK = 2;

/** The first audio track of a WebM file. */
export interface WebmAudio {
  /** Matroska codec ID, e.g. 'A_OPUS'. */
  codecId: string;
  codecPrivate: Uint8Array;
  /** The track's frames in file order. */
  frames: Uint8Array[];
  /** DiscardPadding of the track's last block (nanoseconds to drop from its end), 0 when absent. */
  discardPaddingNs: number;
  /** The byte where the file ends inside an element (the blocks before it are kept), or null for a whole file. */
  cutAt: number | null;
}

interface Header {
  id: number;
  /** Body size, or null for "unknown" (all value bits set). */
  size: number | null;
  /** Where the body starts. */
  body: number;
}

/** Reads an element header at `at`; null when the file ends inside it. Throws on bytes that are no valid header. */
function readHeader(bytes: Uint8Array, at: number): Header | null {
  if (at >= bytes.length) return null;
  const first = bytes[at];
  const idLength = Math.clz32(first) - 23; // 1 + leading zeros of the byte
  if (first === 0 || idLength > 4) throw new AudioFormatError(`corrupt WebM data: no valid element ID at byte ${at}`);
  if (at + idLength >= bytes.length) return null;
  let id = 0;
  for (let k = 0; k < idLength; k++) id = id * 256 + bytes[at + k];
  const sizeAt = at + idLength;
  const sizeFirst = bytes[sizeAt];
  const sizeLength = Math.clz32(sizeFirst) - 23;
  if (sizeFirst === 0) throw new AudioFormatError(`corrupt WebM data: element 0x${id.toString(16)} at byte ${at} has no valid size`);
  if (sizeAt + sizeLength > bytes.length) return null;
  let size = sizeFirst & (0xff >> sizeLength);
  let allOnes = size === 0xff >> sizeLength;
  for (let k = 1; k < sizeLength; k++) {
    size = size * 256 + bytes[sizeAt + k];
    allOnes &&= bytes[sizeAt + k] === 0xff;
  }
  return { id, size: allOnes ? null : size, body: sizeAt + sizeLength };
}

function readUint(bytes: Uint8Array, at: number, size: number): number {
  let value = 0;
  for (let k = 0; k < size; k++) value = value * 256 + bytes[at + k];
  return value;
}

function readInt(bytes: Uint8Array, at: number, size: number): number {
  const value = readUint(bytes, at, size);
  return size > 0 && bytes[at] & 0x80 ? value - 2 ** (8 * size) : value;
}

const text = (bytes: Uint8Array) => String.fromCharCode(...bytes).replace(/\0+$/, '');

/** The children of an element whose body is bytes[start, end), each with its body; throws when one runs past `end`. */
function* children(bytes: Uint8Array, start: number, end: number, parent: string): Generator<Header & { size: number }> {
  for (let at = start; at < end; ) {
    const h = readHeader(bytes.subarray(0, end), at);
    if (!h || h.size === null || h.body + h.size > end) throw new AudioFormatError(`corrupt WebM data: an element at byte ${at} runs past the end of its ${parent}`);
    yield { ...h, size: h.size };
    at = h.body + h.size;
  }
}

interface Track {
  number: number;
  type: number;
  codecId: string;
  codecPrivate: Uint8Array;
}

function readTracks(bytes: Uint8Array, start: number, end: number): Track[] {
  const tracks: Track[] = [];
  for (const entry of children(bytes, start, end, 'Tracks')) {
    if (entry.id !== ID.TrackEntry) continue;
    const track: Track = { number: 0, type: 0, codecId: '', codecPrivate: new Uint8Array(0) };
    for (const e of children(bytes, entry.body, entry.body + entry.size, 'TrackEntry')) {
      const body = bytes.subarray(e.body, e.body + e.size);
      if (e.id === ID.TrackNumber) track.number = readUint(bytes, e.body, Math.min(e.size, 8));
      else if (e.id === ID.TrackType) track.type = readUint(bytes, e.body, Math.min(e.size, 8));
      else if (e.id === ID.CodecID) track.codecId = text(body);
      else if (e.id === ID.CodecPrivate) track.codecPrivate = body;
    }
    tracks.push(track);
  }
  return tracks;
}

/** A block's track number and frames (lacing undone); throws when its lacing does not fit its bytes. */
function readBlock(bytes: Uint8Array, start: number, end: number): { track: number; frames: Uint8Array[] } {
  const trackLength = Math.clz32(bytes[start]) - 23;
  if (bytes[start] === 0 || trackLength > 8 || start + trackLength + 3 > end) throw new AudioFormatError(`corrupt WebM data: block at byte ${start} has no valid header`);
  const track = readUint(bytes, start, trackLength) - 2 ** (7 * trackLength); // the vint's marker bit removed
  const flags = bytes[start + trackLength + 2];
  let at = start + trackLength + 3;
  const lacing = (flags >> 1) & 3;
  if (lacing === 0) return { track, frames: [bytes.subarray(at, end)] };
  const bad = () => new AudioFormatError(`corrupt WebM data: the lacing of the block at byte ${start} does not fit its ${end - start} bytes`);
  if (at >= end) throw bad();
  const count = bytes[at++] + 1;
  const sizes: number[] = [];
  if (lacing === 1) {
    // Xiph lacing: each size but the last as a run of 255s and a final byte below 255
    for (let k = 0; k < count - 1; k++) {
      let size = 0;
      for (;;) {
        if (at >= end) throw bad();
        const b = bytes[at++];
        size += b;
        if (b < 255) break;
      }
      sizes.push(size);
    }
  } else if (lacing === 3) {
    // EBML lacing: the first size as an unsigned vint, the others as signed differences from the previous
    for (let k = 0; k < count - 1; k++) {
      if (at >= end) throw bad();
      const length = Math.clz32(bytes[at]) - 23;
      if (bytes[at] === 0 || at + length > end) throw bad();
      const raw = readUint(bytes, at, length) - 2 ** (7 * length); // value bits (marker bit removed)
      at += length;
      sizes.push(k === 0 ? raw : sizes[k - 1] + raw - (2 ** (7 * length - 1) - 1));
    }
  } else {
    const each = (end - at) / count;
    if (!Number.isInteger(each)) throw bad();
    for (let k = 0; k < count - 1; k++) sizes.push(each);
  }
  const laced = sizes.reduce((a, b) => a + b, 0);
  if (sizes.some((s) => s < 0) || at + laced > end) throw bad();
  sizes.push(end - at - laced);
  const frames = sizes.map((size) => {
    const frame = bytes.subarray(at, at + size);
    at += size;
    return frame;
  });
  return { track, frames };
}

/** True when the bytes start with an EBML header (WebM, Matroska). */
export function looksLikeEbml(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x1a && bytes[1] === 0x45 && bytes[2] === 0xdf && bytes[3] === 0xa3;
}

/** Demuxes the first audio track of a WebM or Matroska file held in memory; throws AudioFormatError when malformed. */
export function demuxWebmAudio(bytes: Uint8Array): WebmAudio {
  const ebml = readHeader(bytes, 0);
  if (!ebml || ebml.id !== ID.EBML || ebml.size === null || ebml.body + ebml.size > bytes.length) throw new AudioFormatError('truncated or corrupt: no whole EBML header');
  let docType = 'matroska';
  for (const e of children(bytes, ebml.body, ebml.body + ebml.size, 'EBML header')) if (e.id === ID.DocType) docType = text(bytes.subarray(e.body, e.body + e.size));
  if (docType !== 'webm' && docType !== 'matroska') throw new AudioFormatError(`unsupported EBML document type '${docType}' (WebM and Matroska are read)`);
  const segment = readHeader(bytes, ebml.body + ebml.size);
  if (!segment || segment.id !== ID.Segment) throw new AudioFormatError('truncated or corrupt: no Segment after the EBML header');
  let tracks: Track[] | null = null;
  const blocks: { track: number; frames: Uint8Array[]; discardPaddingNs: number }[] = [];
  let cutAt: number | null = null;
  const end = segment.size === null ? bytes.length : Math.min(bytes.length, segment.body + segment.size);
  for (let at = segment.body; at < end; ) {
    const h = readHeader(bytes, at);
    if (!h) {
      cutAt = at;
      break;
    }
    if (h.id === ID.Cluster) {
      at = h.body; // its children are read in sequence, whatever its size says
      continue;
    }
    if (h.size === null) throw new AudioFormatError(`corrupt WebM data: element 0x${h.id.toString(16)} at byte ${at} has an unknown size`);
    const bodyEnd = h.body + h.size;
    if (bodyEnd > bytes.length) {
      if (h.id === ID.Tracks) throw new AudioFormatError(`truncated: the WebM track list at byte ${at} runs past the end of the file`);
      cutAt = at;
      break;
    }
    if (h.id === ID.Tracks) tracks = readTracks(bytes, h.body, bodyEnd);
    else if (h.id === ID.SimpleBlock) blocks.push({ ...readBlock(bytes, h.body, bodyEnd), discardPaddingNs: 0 });
    else if (h.id === ID.BlockGroup) {
      let block: { track: number; frames: Uint8Array[] } | null = null;
      let discardPaddingNs = 0;
      for (const e of children(bytes, h.body, bodyEnd, 'BlockGroup')) {
        if (e.id === ID.Block) block = readBlock(bytes, e.body, e.body + e.size);
        else if (e.id === ID.DiscardPadding) discardPaddingNs = readInt(bytes, e.body, Math.min(e.size, 8));
      }
      if (block) blocks.push({ ...block, discardPaddingNs });
    }
    at = bodyEnd;
  }
  if (!tracks) throw new AudioFormatError('corrupt WebM data: no track list (Tracks element)');
  const audio = tracks.find((t) => t.type === AUDIO_TRACK);
  if (!audio) throw new AudioFormatError(`no audio: the WebM file has ${tracks.length} tracks and none is audio`);
  const own = blocks.filter((b) => b.track === audio.number);
  return {
    codecId: audio.codecId,
    codecPrivate: audio.codecPrivate,
    frames: own.flatMap((b) => b.frames),
    discardPaddingNs: own.at(-1)?.discardPaddingNs ?? 0,
    cutAt,
  };
}

/**
 * A WebM writer for tests: the layouts our demuxer must read, built from Opus frames. Known or unknown sizes
 * (ffmpeg writes known ones; browsers' MediaRecorder leaves the Segment and Clusters open), SimpleBlocks with any
 * lacing, and a last BlockGroup with DiscardPadding.
 */
import { concat } from './fixtures';

/** An EBML element ID's bytes (the ID keeps its length marker). */
function idBytes(id: number): number[] {
  const out: number[] = [];
  for (let v = id; v > 0; v = Math.floor(v / 256)) out.unshift(v & 0xff);
  return out;
}

/** An 8-byte size vint; null writes "unknown". */
function sizeBytes(size: number | null): number[] {
  if (size === null) return [0x01, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff];
  const out = [0x01];
  for (let k = 6; k >= 0; k--) out.push(Math.floor(size / 2 ** (8 * k)) & 0xff);
  return out;
}

/** One element; `unknownSize` writes its size as unknown. */
export function element(id: number, body: Uint8Array, unknownSize = false): Uint8Array {
  return concat([new Uint8Array([...idBytes(id), ...sizeBytes(unknownSize ? null : body.length)]), body]);
}

const uint = (value: number, bytes = 1) => new Uint8Array(Array.from({ length: bytes }, (_, k) => Math.floor(value / 2 ** (8 * (bytes - 1 - k))) & 0xff));
const text = (s: string) => new Uint8Array([...s].map((c) => c.charCodeAt(0)));

/** How a block packs several frames. */
export type Lacing = 'none' | 'xiph' | 'ebml' | 'fixed';

/** A SimpleBlock (or Block body) of track 1 holding `frames` with the given lacing. */
export function blockBody(frames: Uint8Array[], lacing: Lacing): Uint8Array {
  const flags = { none: 0, xiph: 2, fixed: 4, ebml: 6 }[lacing] | 0x80;
  const head = [0x81, 0, 0, flags];
  if (lacing === 'none') return concat([new Uint8Array(head), frames[0]]);
  head.push(frames.length - 1);
  const sizes = frames.slice(0, -1).map((f) => f.length);
  if (lacing === 'xiph') for (const s of sizes) head.push(...Array<number>(Math.floor(s / 255)).fill(255), s % 255);
  if (lacing === 'ebml') {
    sizes.forEach((s, k) => {
      // 2-byte vints: the first size unsigned, then signed differences biased by 2^13 - 1
      const v = k === 0 ? s : s - sizes[k - 1] + 8191;
      head.push(0x40 | (v >> 8), v & 0xff);
    });
  }
  return concat([new Uint8Array(head), ...frames]);
}

/** What to write. */
export interface WebmSpec {
  codecPrivate: Uint8Array;
  /** Blocks, each a list of frames. */
  blocks: Uint8Array[][];
  lacing?: Lacing;
  /** Write the Segment and Clusters with unknown sizes, as live writers do. */
  live?: boolean;
  /** Blocks per Cluster (default 10). */
  clusterBlocks?: number;
  /** Put the last block in a BlockGroup with this DiscardPadding (ns). */
  discardPaddingNs?: number;
  codecId?: string;
}

/** WebM bytes of one Opus audio track. */
export function buildWebm(spec: WebmSpec): Uint8Array {
  const ebml = element(0x1a45dfa3, concat([element(0x4286, uint(1)), element(0x4282, text('webm')), element(0x4287, uint(4))]));
  const track = element(0xae, concat([
    element(0xd7, uint(1)),
    element(0x83, uint(2)),
    element(0x86, text(spec.codecId ?? 'A_OPUS')),
    element(0x63a2, spec.codecPrivate),
  ]));
  const tracks = element(0x1654ae6b, track);
  const perCluster = spec.clusterBlocks ?? 10;
  const clusters: Uint8Array[] = [];
  for (let first = 0; first < spec.blocks.length; first += perCluster) {
    const children = [element(0xe7, uint(first * 20, 2))];
    spec.blocks.slice(first, first + perCluster).forEach((frames, k) => {
      const body = blockBody(frames, spec.lacing ?? 'none');
      const last = first + k === spec.blocks.length - 1;
      if (last && spec.discardPaddingNs !== undefined) {
        children.push(element(0xa0, concat([element(0xa1, body), element(0x75a2, uint(spec.discardPaddingNs, 4))])));
      } else children.push(element(0xa3, body));
    });
    clusters.push(element(0x1f43b675, concat(children), spec.live));
  }
  const info = element(0x1549a966, concat([element(0x2ad7b1, uint(1000000, 3)), element(0x4d80, text('kielo-test'))]));
  return concat([ebml, element(0x18538067, concat([info, tracks, ...clusters]), spec.live)]);
}

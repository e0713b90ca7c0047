/** An Ogg writer for tests: packets into pages of one logical stream, with valid CRCs, or with the faults we ask for. */
import { pageCrc } from '../../src/audio/ogg-packets';
import { concat } from './fixtures';

/** One page: its packets (each whole, under 255 * 255 bytes) and granule position. */
export interface OggPageSpec {
  packets: Uint8Array[];
  granule: number;
}

/** Ogg bytes of `pages` (serial 1); the first is flagged beginning-of-stream, the last end-of-stream unless `open`. */
export function buildOgg(pages: OggPageSpec[], options: { open?: boolean } = {}): Uint8Array {
  return concat(pages.map((page, sequence) => {
    const lacing = page.packets.flatMap((p) => [...Array<number>(Math.floor(p.length / 255)).fill(255), p.length % 255]);
    const out = new Uint8Array(27 + lacing.length + page.packets.reduce((n, p) => n + p.length, 0));
    const view = new DataView(out.buffer);
    out.set([0x4f, 0x67, 0x67, 0x53, 0], 0);
    out[5] = (sequence === 0 ? 0x02 : 0) | (sequence === pages.length - 1 && !options.open ? 0x04 : 0);
    view.setBigInt64(6, BigInt(page.granule), true);
    view.setUint32(14, 1, true);
    view.setUint32(18, sequence, true);
    out[26] = lacing.length;
    out.set(lacing, 27);
    out.set(concat(page.packets), 27 + lacing.length);
    view.setUint32(22, pageCrc(out, 0, out.length), true);
    return out;
  }));
}

/**
 * Opus in Ogg and WebM beyond the fidelity files: a Chromium MediaRecorder recording, WebM as browsers write it
 * (unknown sizes, SimpleBlocks only),
 * laced blocks, a recording cut off inside its last block, the OpusHead output gain, and an Ogg Opus file that
 * stops before its end-of-stream page. Each is built from the committed ffmpeg/opusenc files and compared with their
 * reference decodes.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeBytes } from '../../src/audio';
import { demuxWebmAudio } from '../../src/audio/webm-demux';
import { oggPackets } from '../../src/audio/ogg-packets';
import { onAudioWarning } from '../../src/audio/warnings';
import { BROWSER_WEBM, fixture } from '../fixtures/catalog';
import { maxAbsDiff, readReference } from './fixtures';
import { buildWebm, type Lacing } from './webm-writer';
import { buildOgg } from './ogg-writer';

const TOLERANCE = 1e-4;
const warnings: string[] = [];
const stopListening = onAudioWarning((w) => warnings.push(w.message));
afterAll(stopListening);

const webmFile = fixture('audio', 'mono-16000.webm'); // ffmpeg libopus, 0.1 s, known sizes, last block with DiscardPadding
const webm = demuxWebmAudio(new Uint8Array(readFileSync(webmFile)));
const prefix = (channels: Float32Array[], n: number) => channels.map((c) => c.subarray(0, n));

describe('WebM Opus layouts', () => {
  it("a recording by Chromium's MediaRecorder (unknown sizes, pre-skip 0, no DiscardPadding) matches ffmpeg's libopus", async () => {
    const file = fixture('audio', BROWSER_WEBM.file);
    const reference = await readReference(`${file}.ref.npy`);
    const decoded = await decodeBytes(file, new Uint8Array(readFileSync(file)));
    expect(decoded).toMatchObject({ format: 'webm', sampleRate: 48000 });
    expect(decoded.channels.length).toBe(1);
    expect(decoded.channels[0].length).toBe(reference[0].length);
    expect(decoded.channels[0].length).toBeGreaterThan(0.5 * BROWSER_WEBM.seconds * 48000); // MediaRecorder stops on its own schedule
    expect(maxAbsDiff(decoded.channels, reference)).toBeLessThanOrEqual(TOLERANCE);
  });

  it('the ffmpeg file has several blocks and a DiscardPadding to read', () => {
    expect(webm.frames.length).toBeGreaterThan(4);
    expect(webm.discardPaddingNs).toBeGreaterThan(0);
  });

  it('as a browser writes it (unknown-size Segment and Clusters, SimpleBlocks) decodes to the same samples', async () => {
    const reference = await readReference(`${webmFile}.ref.npy`);
    const live = buildWebm({ codecPrivate: webm.codecPrivate, blocks: webm.frames.map((f) => [f]), live: true, clusterBlocks: 2, discardPaddingNs: webm.discardPaddingNs });
    const decoded = await decodeBytes('live.webm', live);
    expect(decoded.format).toBe('webm');
    expect(decoded.channels[0].length).toBe(reference[0].length);
    expect(maxAbsDiff(decoded.channels, reference)).toBeLessThanOrEqual(TOLERANCE);
    // without DiscardPadding (MediaRecorder writes none) the last packet is kept whole
    const open = await decodeBytes('open.webm', buildWebm({ codecPrivate: webm.codecPrivate, blocks: webm.frames.map((f) => [f]), live: true }));
    expect(open.channels[0].length).toBe(reference[0].length + Math.round((webm.discardPaddingNs * 48000) / 1e9));
    expect(maxAbsDiff(prefix(open.channels, reference[0].length), reference)).toBeLessThanOrEqual(TOLERANCE);
  });

  for (const lacing of ['xiph', 'ebml', 'fixed'] as Lacing[]) {
    it(`${lacing} lacing gives back the frames that were laced`, () => {
      // fixed lacing needs equal sizes: three copies of one frame per block
      const blocks = lacing === 'fixed' ? webm.frames.map((f) => [f, f, f]) : [webm.frames.slice(0, 3), webm.frames.slice(3)];
      expect(demuxWebmAudio(buildWebm({ codecPrivate: webm.codecPrivate, blocks, lacing })).frames).toEqual(blocks.flat());
    });
  }

  it('a recording cut off inside its last block decodes the whole blocks before it, with a warning', async () => {
    const reference = await readReference(`${webmFile}.ref.npy`);
    const bytes = buildWebm({ codecPrivate: webm.codecPrivate, blocks: webm.frames.map((f) => [f]), live: true });
    warnings.length = 0;
    const decoded = await decodeBytes('cut.webm', bytes.subarray(0, bytes.length - 5));
    const whole = webm.frames.length - 1;
    expect(decoded.channels[0].length).toBe(whole * 960 - 312); // 20 ms packets, less ffmpeg's 312-sample pre-skip
    expect(maxAbsDiff(prefix(reference, decoded.channels[0].length), decoded.channels)).toBeLessThanOrEqual(TOLERANCE);
    expect(warnings).toEqual([expect.stringMatching(new RegExp(`^truncated: the WebM file ends inside an element at byte \\d+; decoded the ${whole} whole blocks before it$`))]);
  });

  it('applies the OpusHead output gain', async () => {
    const reference = await readReference(`${webmFile}.ref.npy`);
    const head = webm.codecPrivate.slice();
    new DataView(head.buffer).setInt16(16, 6 * 256, true); // +6 dB, Q7.8
    const decoded = await decodeBytes('gain.webm', buildWebm({ codecPrivate: head, blocks: webm.frames.map((f) => [f]), discardPaddingNs: webm.discardPaddingNs }));
    const louder = reference.map((c) => c.map((v) => v * 10 ** (6 / 20)));
    expect(maxAbsDiff(decoded.channels, louder)).toBeLessThanOrEqual(2 * TOLERANCE);
  });
});

describe('Ogg Opus granule positions', () => {
  it('a stream that starts later than zero (its first granule is past its samples) decodes the same samples', async () => {
    const file = fixture('audio', 'mono-16000.opus');
    const [head, tags, ...audio] = oggPackets(readFileSync(file)).packets.map((p) => p.data);
    const reference = await readReference(`${file}.ref.npy`);
    const end = reference[0].length + 312; // the last granule: the samples kept and the pre-skip
    for (const offset of [0, 48000]) {
      const pages = [{ packets: [head], granule: 0 }, { packets: [tags], granule: 0 }, { packets: audio.slice(0, 2), granule: offset + 1920 }, { packets: audio.slice(2), granule: offset + end }];
      const decoded = await decodeBytes(file, buildOgg(pages));
      expect(decoded.channels[0].length).toBe(reference[0].length);
      expect(maxAbsDiff(decoded.channels, reference)).toBeLessThanOrEqual(TOLERANCE);
    }
  });
});

describe('Ogg Opus that ends early', () => {
  it('a stream stopped before its end-of-stream page decodes to its last whole page, with a warning', async () => {
    // the opusenc file's packets again, one page each, granules counting 20 ms packets, the last page left out
    const file = fixture('audio', 'mono-16000.opus');
    const [head, tags, ...audio] = oggPackets(readFileSync(file)).packets.map((p) => p.data);
    const pages = [{ packets: [head], granule: 0 }, { packets: [tags], granule: 0 }, ...audio.map((p, k) => ({ packets: [p], granule: 960 * (k + 1) }))];
    warnings.length = 0;
    const decoded = await decodeBytes(file, buildOgg(pages.slice(0, -1), { open: true }));
    const reference = await readReference(`${file}.ref.npy`);
    expect(decoded.channels[0].length).toBe(960 * (audio.length - 1) - 312);
    expect(maxAbsDiff(decoded.channels, prefix(reference, decoded.channels[0].length))).toBeLessThanOrEqual(TOLERANCE);
    expect(warnings).toEqual(['Ogg stream has no end-of-stream page (its writer stopped early); decoded up to its last whole page']);
  });
});

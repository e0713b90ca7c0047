/**
 * FLAC frames are delimited by our splitter: every frame of a sox-made file is found (the count and sizes `flac -a`
 * reports), and files whose last frame is odd (one sample) decode whole; codec-parser dropped that frame. So do two
 * demo LID training clips (espeak-ng + sox) it made Kielo refuse: one ends in a one-sample frame, one in a 1194-sample
 * frame. The files (mono 16 kHz seeded white noise by sox; the demo clips), `flac -a`'s frames, sox's decodes of the
 * noise and `flac -d`'s of the clips are committed in tests/fixtures/audio.
 */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { decodeFile } from '../../src/audio';
import { flacFirstFrameOffset, flacHeaderLength, splitFlacFrames } from '../../src/audio/flac-frames';
import { DEMO_FLAC_CLIPS, FLAC_NOISE, fixture, readFixtureJson } from '../fixtures/catalog';
import { readReference } from './fixtures';

/** The committed noise FLAC of `samples` samples. */
const noiseFlac = (samples: number | 'long'): string => fixture('audio', `noise-${samples}.flac`);

/** Frame offsets and block sizes as the reference tool `flac -a` reported them. */
const flacAnalysis = (file: string) => readFixtureJson<{ offset: number; blocksize: number }[]>('audio', `${basename(file)}.frames.json`);

describe('FLAC frame splitting', () => {
  it('finds every frame where flac -a finds it, up to the end of the file', () => {
    const file = noiseFlac('long');
    const bytes = new Uint8Array(readFileSync(file));
    const { frames, end } = splitFlacFrames(bytes, flacFirstFrameOffset(bytes)!);
    const reference = flacAnalysis(file);
    expect(end).toBe(bytes.length);
    expect(frames.map((f) => f.byteOffset)).toEqual(reference.map((r) => r.offset));
    expect(reference.at(-1)!.blocksize).toBe(FLAC_NOISE.long % 4096);
  });

  it('decodes a file whose last frame holds one sample, as sox does (within 1e-4, the 16-bit scaling difference)', async () => {
    for (const samples of FLAC_NOISE.oneSampleLastFrame) {
      const file = noiseFlac(samples);
      const decoded = await decodeFile(file);
      expect(decoded.channels[0].length).toBe(samples);
      const reference = (await readReference(`${file}.ref.npy`))[0];
      expect(reference.length).toBe(samples);
      expect(Math.max(...decoded.channels[0].map((v, i) => Math.abs(v - reference[i])))).toBeLessThan(1e-4);
    }
  });

  it('decodes the demo LID clips the codec-parser path refused, as flac -d does (every sample, within 1e-4)', async () => {
    for (const clip of DEMO_FLAC_CLIPS) {
      const file = fixture('audio', clip.file);
      const decoded = await decodeFile(file);
      expect(decoded.warnings ?? []).toEqual([]);
      const reference = (await readReference(`${file}.ref.npy`))[0];
      expect(reference.length).toBe(clip.samples);
      expect(decoded.channels[0].length).toBe(clip.samples);
      expect(Math.max(...decoded.channels[0].map((v, i) => Math.abs(v - reference[i])))).toBeLessThan(1e-4);
      const bytes = new Uint8Array(readFileSync(file));
      const { frames, end } = splitFlacFrames(bytes, flacFirstFrameOffset(bytes)!);
      expect(end).toBe(bytes.length);
      expect(frames).toHaveLength(Math.ceil(clip.samples / 4096));
    }
  });

  it('refuses a header whose CRC-8 or fields are wrong', () => {
    const file = noiseFlac('long');
    const bytes = new Uint8Array(readFileSync(file));
    const at = flacFirstFrameOffset(bytes)!;
    const length = flacHeaderLength(bytes, at);
    expect(length).toBeGreaterThanOrEqual(6);
    const badCrc = bytes.slice();
    badCrc[at + length - 1] ^= 0x01;
    expect(flacHeaderLength(badCrc, at)).toBe(0);
    const reservedBlock = bytes.slice();
    reservedBlock[at + 2] &= 0x0f; // block size code 0 is reserved
    expect(flacHeaderLength(reservedBlock, at)).toBe(0);
    expect(flacHeaderLength(bytes, at + 1)).toBe(0);
  });
});

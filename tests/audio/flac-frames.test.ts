/**
 * FLAC frames are delimited by our splitter: every frame of a sox-made file is found (the count and sizes `flac -a`
 * reports), and files whose last frame is odd (one sample) decode whole; codec-parser dropped that frame.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { decodeFile } from '../../src/audio';
import { flacFirstFrameOffset, flacHeaderLength, splitFlacFrames } from '../../src/audio/flac-frames';
import { makeTempDir, run, soxDecode } from './fixtures';

const tmp = makeTempDir('kielo-flac-frames-');
afterAll(() => tmp.remove());

/** A mono 16 kHz FLAC of `samples` samples of seeded white noise made by sox. */
function noiseFlac(name: string, samples: number, bits = 16): string {
  const file = tmp.path(name);
  run('sox', ['-R', '-r', '16000', '-n', '-r', '16000', '-c', '1', '-b', String(bits), file, 'synth', `${samples}s`, 'whitenoise', 'vol', '0.5']);
  return file;
}

/** Frame offsets and block sizes as the reference tool `flac -a` reports them. */
function flacAnalysis(file: string): { offset: number; blocksize: number }[] {
  run('flac', ['-a', '-s', '-f', '-o', `${file}.ana`, file]);
  return readFileSync(`${file}.ana`, 'utf8')
    .split('\n')
    .filter((l) => l.startsWith('frame='))
    .map((l) => ({ offset: Number(/offset=(\d+)/.exec(l)![1]), blocksize: Number(/blocksize=(\d+)/.exec(l)![1]) }));
}

describe('FLAC frame splitting', () => {
  it('finds every frame where flac -a finds it, up to the end of the file', () => {
    const file = noiseFlac('long.flac', 4096 * 5 + 1193);
    const bytes = new Uint8Array(readFileSync(file));
    const { frames, end } = splitFlacFrames(bytes, flacFirstFrameOffset(bytes)!);
    const reference = flacAnalysis(file);
    expect(end).toBe(bytes.length);
    expect(frames.map((f) => f.byteOffset)).toEqual(reference.map((r) => r.offset));
    expect(reference.at(-1)!.blocksize).toBe(1193);
  });

  it('decodes a file whose last frame holds one sample, as sox does (within 1e-4, the 16-bit scaling difference)', async () => {
    for (const samples of [4097, 4096 * 3 + 1]) {
      const file = noiseFlac(`one-${samples}.flac`, samples);
      const decoded = await decodeFile(file);
      expect(decoded.channels[0].length).toBe(samples);
      const reference = soxDecode(file)[0];
      expect(reference.length).toBe(samples);
      expect(Math.max(...decoded.channels[0].map((v, i) => Math.abs(v - reference[i])))).toBeLessThan(1e-4);
    }
  });

  it('refuses a header whose CRC-8 or fields are wrong', () => {
    const file = noiseFlac('hdr.flac', 5000);
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

/**
 * Writing WAV: 16-bit PCM and float, read back by our decoder and by sox. What sox made of these exact bytes (`soxi -e`,
 * `sox FILE -t f32 -`) is committed in tests/fixtures/audio (kielo-wav.json with the bytes' sha256, and a .ref.npy).
 */
import { afterAll, describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { decodeFile, encodeWav, writeWav } from '../../src/audio';
import { fixture, readFixtureJson } from '../fixtures/catalog';
import { makeTempDir, readReference, sine } from './fixtures';

/** sox's view of the files Kielo wrote when the fixtures were made: valid for files with the same sha256. */
const soxSaw = readFixtureJson<Record<'pcm16' | 'float32', { sha256: string; soxiEncoding: string }>>('audio', 'kielo-wav.json');
const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

const temp = makeTempDir();
afterAll(() => temp.remove());

describe('encodeWav / writeWav', () => {
  it('writes a 44-byte canonical header for 16-bit PCM', () => {
    const bytes = encodeWav(new Float32Array([0, 0.5, -1, 1]), 16000, 'pcm16');
    expect(bytes.length).toBe(44 + 8);
    expect(Buffer.from(bytes.subarray(0, 4)).toString()).toBe('RIFF');
    const view = new DataView(bytes.buffer);
    expect(view.getUint32(4, true)).toBe(bytes.length - 8);
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(16000);
    expect(view.getUint16(34, true)).toBe(16);
    expect([0, 1, 2, 3].map((i) => view.getInt16(44 + 2 * i, true))).toEqual([0, 16384, -32768, 32767]);
  });

  it('interleaves channels and writes their count, and our decoder reads them back apart', async () => {
    const left = new Float32Array([0.5, -0.25, 0]);
    const right = new Float32Array([-1, 0.75, 0.125]);
    const bytes = encodeWav([left, right], 44100, 'float32');
    const view = new DataView(bytes.buffer);
    expect([view.getUint16(22, true), view.getUint32(28, true), view.getUint16(32, true)]).toEqual([2, 44100 * 8, 8]);
    expect([0, 1, 2, 3, 4, 5].map((i) => view.getFloat32(44 + 4 * i, true))).toEqual([0.5, -1, -0.25, 0.75, 0, 0.125]);
    const path = temp.path('stereo.wav');
    await import('node:fs/promises').then((fs) => fs.writeFile(path, bytes));
    const decoded = await decodeFile(path);
    expect(decoded.channels.map((c) => Array.from(c))).toEqual([Array.from(left), Array.from(right)]);
    expect(() => encodeWav([left, new Float32Array(2)], 16000)).toThrow('channels of different lengths');
  });

  it('rounds and clips 16-bit samples', () => {
    const bytes = encodeWav(new Float32Array([2, -3, 0.25 / 32768 + 0.5, NaN]), 8000);
    const view = new DataView(bytes.buffer);
    expect([0, 1, 2, 3].map((i) => view.getInt16(44 + 2 * i, true))).toEqual([32767, -32768, 16384, 0]);
  });

  it('round-trips a tone through 16-bit PCM within half a quantisation step, and sox agrees', async () => {
    const tone = sine(440, 16000, 0.25, 0.9);
    const path = temp.path('pcm16.wav');
    await writeWav(path, tone, 16000);
    const back = await decodeFile(path);
    expect(back.sampleRate).toBe(16000);
    expect(back.channels).toHaveLength(1);
    let maxError = 0;
    tone.forEach((v, i) => (maxError = Math.max(maxError, Math.abs(v - back.channels[0][i]))));
    expect(maxError).toBeLessThanOrEqual(0.5 / 32768 + 1e-9);
    expect(sha256(path)).toBe(soxSaw.pcm16.sha256);
    expect(Array.from((await readReference(fixture('audio', 'kielo-pcm16.wav.ref.npy')))[0])).toEqual(Array.from(back.channels[0]));
    expect(soxSaw.pcm16.soxiEncoding).toContain('Signed Integer PCM');
  });

  it('round-trips float32 exactly, values beyond [-1, 1] included', async () => {
    const values = new Float32Array([0.1, -2.5, 1e-8, 1]);
    const path = temp.path('float.wav');
    await writeWav(path, values, 22050, 'float32');
    expect(Array.from((await decodeFile(path)).channels[0])).toEqual(Array.from(values));
    expect(sha256(path)).toBe(soxSaw.float32.sha256);
    expect(soxSaw.float32.soxiEncoding).toContain('Floating Point PCM');
  });

  it('writes atomically: no temporary file is left behind, and a failed write leaves nothing', async () => {
    const dir = makeTempDir();
    await writeWav(`${dir.dir}/a.wav`, new Float32Array(10), 16000);
    expect(readdirSync(dir.dir)).toEqual(['a.wav']);
    await expect(writeWav(`${dir.dir}/missing/b.wav`, new Float32Array(10), 16000)).rejects.toThrow(/ENOENT/);
    expect(readdirSync(dir.dir)).toEqual(['a.wav']);
    dir.remove();
  });

  it('refuses an absurd sample rate', () => {
    expect(() => encodeWav(new Float32Array(1), 0)).toThrow(/sample rate 0 Hz/);
  });
});

/** WAV decoding from bytes built field by field: exact sample values for every encoding and layout. */
import { describe, expect, it } from 'vitest';
import { decodeWav } from '../../src/audio/wav-decode';
import { parseWavHeader } from '../../src/audio/wav-header';
import { buildWav, float32Bytes, int16Bytes } from './fixtures';

describe('decodeWav', () => {
  it('reads unsigned 8-bit PCM around 128', () => {
    const { channels } = decodeWav(buildWav({ bitsPerSample: 8, data: new Uint8Array([0, 64, 128, 255]) }));
    expect(Array.from(channels[0])).toEqual([-1, -0.5, 0, 127 / 128]);
  });

  it('reads signed 16-bit PCM and de-interleaves channels', () => {
    const data = int16Bytes([-32768, 16384, 32767, -16384, 0, 1]);
    const { channels, sampleRate } = decodeWav(buildWav({ channels: 2, sampleRate: 8000, data }));
    expect(sampleRate).toBe(8000);
    expect(Array.from(channels[0])).toEqual([-1, 32767 / 32768, 0]);
    expect(Array.from(channels[1])).toEqual([0.5, -0.5, 1 / 32768]);
  });

  it('reads signed 24-bit PCM with sign extension', () => {
    const data = new Uint8Array([0x00, 0x00, 0x80, 0xff, 0xff, 0x7f, 0x00, 0x00, 0x40, 0xff, 0xff, 0xff]);
    const { channels } = decodeWav(buildWav({ bitsPerSample: 24, data }));
    expect(Array.from(channels[0])).toEqual([-1, 8388607 / 8388608, 0.5, -1 / 8388608]);
  });

  it('reads signed 32-bit PCM', () => {
    const data = new Uint8Array(8);
    new DataView(data.buffer).setInt32(0, -2147483648, true);
    new DataView(data.buffer).setInt32(4, 1073741824, true);
    expect(Array.from(decodeWav(buildWav({ bitsPerSample: 32, data })).channels[0])).toEqual([-1, 0.5]);
  });

  it('reads float 32 and float 64', () => {
    const f32 = decodeWav(buildWav({ formatTag: 3, bitsPerSample: 32, data: float32Bytes([0.25, -0.75]) }));
    expect(Array.from(f32.channels[0])).toEqual([0.25, -0.75]);
    const d = new Uint8Array(16);
    new DataView(d.buffer).setFloat64(0, 0.125, true);
    new DataView(d.buffer).setFloat64(8, -1, true);
    expect(Array.from(decodeWav(buildWav({ formatTag: 3, bitsPerSample: 64, data: d })).channels[0])).toEqual([0.125, -1]);
  });

  it('reads WAVE_FORMAT_EXTENSIBLE with PCM and float sub-formats', () => {
    const pcm = decodeWav(buildWav({ extensibleSubFormat: 1, channels: 3, data: int16Bytes([16384, -16384, 8192]) }));
    expect(pcm.channels.map((c) => c[0])).toEqual([0.5, -0.5, 0.25]);
    const float = decodeWav(buildWav({ extensibleSubFormat: 3, bitsPerSample: 32, data: float32Bytes([0.5]) }));
    expect(float.channels[0][0]).toBe(0.5);
  });

  it('reads G.711 mu-law and A-law bytes as their 16-bit linear values', () => {
    const mulaw = decodeWav(buildWav({ formatTag: 7, bitsPerSample: 8, data: new Uint8Array([0xff, 0x00, 0x80, 0x7f]) }));
    expect(Array.from(mulaw.channels[0]).map((v) => v * 32768 + 0)).toEqual([0, -32124, 32124, 0]);
    const alaw = decodeWav(buildWav({ formatTag: 6, bitsPerSample: 8, data: new Uint8Array([0xd5, 0x55, 0xaa, 0x2a]) }));
    expect(Array.from(alaw.channels[0]).map((v) => v * 32768)).toEqual([8, -8, 32256, -32256]);
  });

  it('skips unknown chunks, odd-sized ones by their pad byte, before and after fmt', () => {
    const odd = { id: 'LIST', body: new Uint8Array([1, 2, 3]) };
    const bytes = buildWav({ data: int16Bytes([16384]), chunksBeforeFmt: [odd], chunksBeforeData: [{ id: 'fact', body: new Uint8Array(4) }, odd] });
    expect(decodeWav(bytes).channels[0][0]).toBe(0.5);
  });

  it('reads any channel count (e.g. 16)', () => {
    const values = Array.from({ length: 32 }, (_, i) => (i % 16) * 1024);
    const { channels } = decodeWav(buildWav({ channels: 16, data: int16Bytes(values) }));
    expect(channels).toHaveLength(16);
    expect(channels[15][1]).toBe((15 * 1024) / 32768);
  });

  it('reads a streamed WAV whose data size is 0xFFFFFFFF to the end of the file', () => {
    const bytes = buildWav({ data: int16Bytes([16384, -16384]), declaredDataSize: 0xffffffff });
    expect(Array.from(decodeWav(bytes).channels[0])).toEqual([0.5, -0.5]);
  });

  it('ignores a trailing partial frame', () => {
    const data = new Uint8Array([0, 0x40, 0, 0xc0, 0x12]);
    const { channels } = decodeWav(buildWav({ channels: 1, data }));
    expect(Array.from(channels[0])).toEqual([0.5, -0.5]);
  });

  it('parses the header from a prefix when given the full file size', () => {
    const bytes = buildWav({ data: int16Bytes(new Array(1000).fill(0)) });
    const layout = parseWavHeader(bytes.subarray(0, 64), bytes.length);
    expect(layout.frames).toBe(1000);
    expect(layout.dataOffset).toBe(44);
  });
});

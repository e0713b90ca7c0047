/** .npy: byte-exact headers (golden bytes from numpy 2.4 `np.save`), round trips, and clear errors. */
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { decodeNpy, encodeNpy, readNpy, writeNpy } from '../../src/audio';
import { InputFileError } from '../../src/util/errors';
import { makeTempDir } from './fixtures';

const temp = makeTempDir();
afterAll(() => temp.remove());

/** What numpy writes before the data for a '<f4' C-order array of this shape (from np.save, numpy 2.4.6). */
function numpyHeader(shapeText: string, spaces: number): string {
  return `\x93NUMPY\x01\x00v\x00{'descr': '<f4', 'fortran_order': False, 'shape': ${shapeText}, }${' '.repeat(spaces)}\n`;
}

const latin1 = (bytes: Uint8Array) => Buffer.from(bytes).toString('latin1');

describe('encodeNpy', () => {
  it('writes the exact header numpy writes (1-D, 2-D, empty, 3-D)', () => {
    expect(latin1(encodeNpy(new Float32Array([0.5, -1, 2])).subarray(0, 128))).toBe(numpyHeader('(3,)', 60));
    expect(latin1(encodeNpy(new Float32Array(6), [2, 3]).subarray(0, 128))).toBe(numpyHeader('(2, 3)', 58));
    expect(latin1(encodeNpy(new Float32Array(0), [0]).subarray(0, 128))).toBe(numpyHeader('(0,)', 60));
    expect(latin1(encodeNpy(new Float32Array(0), [2, 0, 3]).subarray(0, 128))).toBe(numpyHeader('(2, 0, 3)', 55));
  });

  it('writes little-endian float32 data after the 128-byte header', () => {
    const bytes = encodeNpy(new Float32Array([0.5, -1, 2]));
    expect(bytes.length).toBe(128 + 12);
    expect(Array.from(bytes.subarray(128))).toEqual([0, 0, 0, 0x3f, 0, 0, 0x80, 0xbf, 0, 0, 0, 0x40]);
  });

  it('keeps the header a multiple of 64 bytes for long shapes', () => {
    const shape = [1, 2, 1, 3, 1, 1, 2, 1, 1, 1, 100000, 2];
    const bytes = encodeNpy(new Float32Array(shape.reduce((a, b) => a * b, 1)), shape);
    const headerLength = bytes[8] | (bytes[9] << 8);
    expect((10 + headerLength) % 64).toBe(0);
    expect(decodeNpy(bytes).shape).toEqual(shape);
  });

  it('rejects a shape that does not match the data', () => {
    expect(() => encodeNpy(new Float32Array(5), [2, 3])).toThrow('npy: shape [2, 3] holds 6 values, data has 5');
    expect(() => encodeNpy(new Float32Array(0), [-1])).toThrow(/non-negative integers/);
  });
});

describe('readNpy / writeNpy', () => {
  it('round-trips values and shape through a file', async () => {
    const data = Float32Array.from({ length: 24 }, (_, i) => Math.sin(i) * 1e3);
    const path = temp.path('x.npy');
    await writeNpy(path, data, [2, 3, 4]);
    const back = await readNpy(path);
    expect(back.shape).toEqual([2, 3, 4]);
    expect(Array.from(back.data)).toEqual(Array.from(data));
  });

  it('reads format version 2.0 headers (4-byte header length)', () => {
    const v1 = encodeNpy(new Float32Array([1, 2]));
    const v2 = new Uint8Array(v1.length + 2);
    v2.set(v1.subarray(0, 8), 0);
    v2[6] = 2;
    new DataView(v2.buffer).setUint32(8, v1[8] | (v1[9] << 8), true);
    v2.set(v1.subarray(10), 12);
    expect(Array.from(decodeNpy(v2).data)).toEqual([1, 2]);
  });

  function badFile(name: string, bytes: Uint8Array | string): string {
    const path = temp.path(name);
    writeFileSync(path, bytes);
    return path;
  }

  const good = encodeNpy(new Float32Array([1, 2, 3, 4]), [2, 2]);
  const withHeader = (from: string, to: string) => {
    const text = latin1(good).replace(from, to);
    return Buffer.from(text, 'latin1');
  };

  it.each([
    ['empty.npy', new Uint8Array(0), /^empty file \(zero bytes\)$/],
    ['text.npy', 'hello, not numpy', /^not a \.npy file/],
    ['f8.npy', withHeader("'<f4'", "'<f8'"), /^unsupported dtype '<f8'/],
    ['big-endian.npy', withHeader("'<f4'", "'>f4'"), /^unsupported dtype '>f4'/],
    ['fortran.npy', withHeader('False', 'True '), /^unsupported Fortran/],
    ['shape.npy', withHeader('(2, 2)', '(2, x)'), /^corrupt header: shape/],
    ['truncated.npy', good.subarray(0, good.length - 3), /^truncated: shape \(2, 2\) needs 16 data bytes, file has 13$/],
    ['extra.npy', new Uint8Array([...good, 0, 0, 0, 0]), /^corrupt: shape \(2, 2\) needs 16 data bytes, file has 20$/],
    ['version.npy', (() => { const b = good.slice(); b[6] = 9; return b; })(), /^unsupported \.npy version 9\.0$/],
  ] as const)('%s is refused with a clear reason', async (name, bytes, reason) => {
    const path = badFile(name, bytes as Uint8Array | string);
    const error = await readNpy(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputFileError);
    expect((error as InputFileError).file).toBe(path);
    expect((error as InputFileError).reason).toMatch(reason);
  });
});

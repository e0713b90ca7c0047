/**
 * NumPy .npy files of float32 (researchers load features with `numpy.load`). Written as format version 1.0,
 * dtype '<f4' (little-endian float32), C order, header padded to a multiple of 64 bytes as numpy does.
 */
import { InputFileError } from '../util/errors';
import { readInputFile } from './read-bytes';
import { writeFileAtomic } from '../util/atomic-file';

/** A float32 array with its shape, row-major (C order). */
export interface NpyArray {
  data: Float32Array;
  shape: number[];
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY
const ALIGN = 64;

function checkShape(length: number, shape: number[]): void {
  if (!shape.every((d) => Number.isInteger(d) && d >= 0)) throw new RangeError(`npy: shape must hold non-negative integers, got [${shape.join(', ')}]`);
  const size = shape.reduce((a, b) => a * b, 1);
  if (size !== length) throw new RangeError(`npy: shape [${shape.join(', ')}] holds ${size} values, data has ${length}`);
}

/** The header dictionary numpy writes for a float32 array of this shape. */
function headerText(shape: number[]): string {
  const tuple = shape.length === 1 ? `(${shape[0]},)` : `(${shape.join(', ')})`;
  return `{'descr': '<f4', 'fortran_order': False, 'shape': ${tuple}, }`;
}

/** Spare spaces numpy leaves after the dictionary so the last axis can grow in place (numpy.lib.format). */
const GROWTH_AXIS_MAX_DIGITS = 21;

/** Encodes a float32 array as a complete .npy file (version 1.0), header byte-identical to numpy.save's. */
export function encodeNpy(data: Float32Array, shape: number[] = [data.length]): Uint8Array {
  checkShape(data.length, shape);
  let dict = headerText(shape);
  if (shape.length > 0) dict += ' '.repeat(GROWTH_AXIS_MAX_DIGITS - String(shape[shape.length - 1]).length);
  const prefix = MAGIC.length + 2 + 2;
  const padding = ALIGN - ((prefix + dict.length + 1) % ALIGN);
  const text = dict + ' '.repeat(padding) + '\n';
  if (text.length > 0xffff) throw new RangeError(`npy: shape [${shape.join(', ')}] needs a header longer than version 1.0 allows`);
  const out = new Uint8Array(prefix + text.length + data.length * 4);
  out.set(MAGIC, 0);
  out[6] = 1;
  out[7] = 0;
  const view = new DataView(out.buffer);
  view.setUint16(8, text.length, true);
  for (let i = 0; i < text.length; i++) out[prefix + i] = text.charCodeAt(i);
  const dataOffset = prefix + text.length;
  for (let i = 0; i < data.length; i++) view.setFloat32(dataOffset + 4 * i, data[i], true);
  return out;
}

/** Writes a float32 array to a .npy file atomically. `shape` defaults to [data.length]. */
export async function writeNpy(path: string, data: Float32Array, shape: number[] = [data.length]): Promise<void> {
  await writeFileAtomic(path, [encodeNpy(data, shape)]);
}

/** A problem with .npy bytes; `readNpy` turns it into an InputFileError naming the file. */
export class NpyFormatError extends Error {}

/** Decodes a .npy file of '<f4' values in C order (versions 1.0, 2.0 and 3.0). */
export function decodeNpy(bytes: Uint8Array): NpyArray {
  if (bytes.length === 0) throw new NpyFormatError('empty file (zero bytes)');
  if (bytes.length < 10 || MAGIC.some((b, i) => bytes[i] !== b)) throw new NpyFormatError('not a .npy file (no \\x93NUMPY magic)');
  const major = bytes[6];
  if (major < 1 || major > 3) throw new NpyFormatError(`unsupported .npy version ${major}.${bytes[7]}`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const lengthBytes = major === 1 ? 2 : 4;
  if (bytes.length < 8 + lengthBytes) throw new NpyFormatError('truncated: header length missing');
  const headerLength = major === 1 ? view.getUint16(8, true) : view.getUint32(8, true);
  const dataOffset = 8 + lengthBytes + headerLength;
  if (dataOffset > bytes.length) throw new NpyFormatError(`truncated: header declares ${headerLength} bytes, file ends first`);
  const header = new TextDecoder(major === 3 ? 'utf-8' : 'latin1').decode(bytes.subarray(8 + lengthBytes, dataOffset));
  const descr = /'descr'\s*:\s*'([^']*)'/.exec(header)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(header)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(header)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new NpyFormatError(`corrupt header: expected descr, fortran_order and shape in ${JSON.stringify(header.trim())}`);
  }
  if (descr !== '<f4') throw new NpyFormatError(`unsupported dtype '${descr}' (only '<f4', little-endian float32, is read)`);
  if (fortran === 'True') throw new NpyFormatError('unsupported Fortran (column-major) order; save with C order');
  const parts = shapeText.split(',').map((s) => s.trim()).filter((s) => s.length > 0);
  if (!parts.every((s) => /^\d+$/.test(s))) throw new NpyFormatError(`corrupt header: shape (${shapeText}) is not a tuple of integers`);
  const shape = parts.map(Number);
  const size = shape.reduce((a, b) => a * b, 1);
  const available = bytes.length - dataOffset;
  if (available !== size * 4) {
    throw new NpyFormatError(`${available < size * 4 ? 'truncated' : 'corrupt'}: shape (${shape.join(', ')}) needs ${size * 4} data bytes, file has ${available}`);
  }
  const data = new Float32Array(size);
  for (let i = 0; i < size; i++) data[i] = view.getFloat32(dataOffset + 4 * i, true);
  return { data, shape };
}

/** Reads a .npy file of float32; bad files throw InputFileError naming the file and the reason. */
export async function readNpy(path: string): Promise<NpyArray> {
  const bytes = await readInputFile(path);
  try {
    return decodeNpy(bytes);
  } catch (error) {
    if (error instanceof NpyFormatError) throw new InputFileError(path, error.message);
    throw error;
  }
}

/** Reads an input file into memory, turning file-system failures into InputFileError with a plain reason. */
import { readFile, stat } from 'node:fs/promises';
import { InputFileError } from '../util/errors';

/** Largest file read into memory (bytes): Node's Buffer limit, and far beyond hours of audio. */
export const MAX_FILE_BYTES = 2 ** 31 - 1;

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EISDIR: 'is a directory, not an audio file',
  ENOTDIR: 'a parent of this path is not a directory',
};

/** The reason for a file-system error, in words. */
export function fsReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code && code in REASONS) return REASONS[code];
  return error instanceof Error ? error.message : String(error);
}

/** The whole file as bytes; throws InputFileError when it cannot be read. */
export async function readInputFile(file: string): Promise<Uint8Array> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw new InputFileError(file, REASONS.EISDIR);
    if (info.size > MAX_FILE_BYTES) throw new InputFileError(file, `file is too large (${info.size} bytes; at most ${MAX_FILE_BYTES} are read)`);
    const buffer = await readFile(file);
    return new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
  } catch (error) {
    if (error instanceof InputFileError) throw error;
    throw new InputFileError(file, fsReason(error));
  }
}

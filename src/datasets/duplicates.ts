/**
 * Files with the same bytes in a set. Identical clips on both sides of a validation split make validation score
 * files it trained on. Only files of equal size are read: first their first 16 KiB, then (still equal) in full, so a
 * corpus of distinct files costs a stat per file.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';

const HEAD_BYTES = 16 * 1024;

async function headHash(file: string): Promise<string> {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const { bytesRead } = await handle.read(buffer, 0, HEAD_BYTES, 0);
    return createHash('sha256').update(buffer.subarray(0, bytesRead)).digest('hex');
  } finally {
    await handle.close();
  }
}

async function fullHash(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/** Splits `files` by an async key, keeping only keys shared by two or more files (files that fail are left out). */
async function collisions(files: string[], key: (file: string) => Promise<string>): Promise<string[][]> {
  const by = new Map<string, string[]>();
  for (const file of files) {
    const k = await key(file).catch(() => null);
    if (k !== null) by.set(k, [...(by.get(k) ?? []), file]);
  }
  return [...by.values()].filter((g) => g.length > 1);
}

/**
 * The sets of byte-identical files among `files` (each set in input order, two or more files); unreadable files are
 * left out (decoding reports them).
 */
export async function findDuplicates(files: string[]): Promise<string[][]> {
  const out: string[][] = [];
  for (const sameSize of await collisions(files, async (f) => String((await stat(f)).size))) {
    const big = (await stat(sameSize[0])).size > HEAD_BYTES;
    for (const sameHead of await collisions(sameSize, headHash)) out.push(...(big ? await collisions(sameHead, fullHash) : [sameHead]));
  }
  const order = new Map(files.map((f, i) => [f, i]));
  return out.sort((a, b) => order.get(a[0])! - order.get(b[0])!);
}

import { describe, expect, it } from 'vitest';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../../src/util/atomic-file';

describe('writeFileAtomic', () => {
  it('writes text, bytes and chunks, creating the folder, and leaves no temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kielo-atomic-'));
    await writeFileAtomic(join(dir, 'a', 'b.txt'), 'hello', { createFolder: true });
    await expect(writeFileAtomic(join(dir, 'missing', 'b.txt'), 'x')).rejects.toThrow(/ENOENT/);
    await writeFileAtomic(join(dir, 'c.bin'), new Uint8Array([1, 2, 3]));
    await writeFileAtomic(join(dir, 'd.bin'), [new Uint8Array([4]), new Uint8Array([5, 6])]);
    await writeJsonAtomic(join(dir, 'e.json'), { x: 1 });
    expect(await readFile(join(dir, 'a', 'b.txt'), 'utf8')).toBe('hello');
    expect([...(await readFile(join(dir, 'c.bin')))]).toEqual([1, 2, 3]);
    expect([...(await readFile(join(dir, 'd.bin')))]).toEqual([4, 5, 6]);
    expect(JSON.parse(await readFile(join(dir, 'e.json'), 'utf8'))).toEqual({ x: 1 });
    expect((await readdir(dir)).sort()).toEqual(['a', 'c.bin', 'd.bin', 'e.json']);
  });

  it('keeps the old file and removes its temporary file when the write fails', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kielo-atomic-'));
    const target = join(dir, 'kept.txt');
    await writeFile(target, 'old');
    // a folder where the file should go: rename fails after the temporary file was written
    await expect(writeFileAtomic(join(dir, 'kept.txt', 'x'), 'new')).rejects.toThrow();
    await writeFile(join(dir, 'sub'), '');
    const folder = join(dir, 'folder');
    await writeFileAtomic(join(folder, 'inner'), 'x', { createFolder: true });
    await expect(writeFileAtomic(folder, 'replaces a folder')).rejects.toThrow();
    expect(await readFile(target, 'utf8')).toBe('old');
    expect((await readdir(dir)).sort()).toEqual(['folder', 'kept.txt', 'sub']);
  });
});

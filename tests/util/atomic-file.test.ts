import { afterEach, describe, expect, it, vi } from 'vitest';
import { mkdtemp, readdir, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../../src/util/atomic-file';

/** The file-system calls writeFileAtomic makes, recorded by the wrapped node:fs/promises below; failSync makes fsync fail. */
const fsLog = vi.hoisted(() => ({ calls: [] as string[], failSync: false }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const name = (path: unknown) => basename(String(path)).replace(/\.\d+\.[0-9a-f]{8}\.tmp$/, '.TMP');
  return {
    ...real,
    open: async (...args: Parameters<typeof real.open>) => {
      const handle = await real.open(...args);
      fsLog.calls.push(`open ${name(args[0])}`);
      const sync = handle.sync.bind(handle);
      handle.sync = async () => {
        fsLog.calls.push(`sync ${name(args[0])}`);
        if (fsLog.failSync) throw Object.assign(new Error('EIO: i/o error, fsync'), { code: 'EIO' });
        return sync();
      };
      return handle;
    },
    rename: async (from: string, to: string) => {
      fsLog.calls.push(`rename ${name(from)} -> ${name(to)}`);
      return real.rename(from, to);
    },
  };
});

afterEach(() => {
  fsLog.calls.length = 0;
  fsLog.failSync = false;
});

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

  it('flushes the temporary file before the rename and then the folder, so a power cut cannot leave an empty file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kielo-atomic-'));
    fsLog.calls.length = 0;
    await writeFileAtomic(join(dir, 'model.bin'), new Uint8Array([7, 8]));
    const folder = basename(dir);
    const expected = ['open .model.bin.TMP', 'sync .model.bin.TMP', 'rename .model.bin.TMP -> model.bin'];
    if (process.platform !== 'win32') expected.push(`open ${folder}`, `sync ${folder}`);
    expect(fsLog.calls).toEqual(expected);
    expect([...(await readFile(join(dir, 'model.bin')))]).toEqual([7, 8]);
  });

  it('keeps the old file when flushing the new one fails, and removes the temporary file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kielo-atomic-'));
    await writeFile(join(dir, 'run.json'), '{"old":true}');
    fsLog.failSync = true;
    await expect(writeJsonAtomic(join(dir, 'run.json'), { old: false })).rejects.toThrow(/EIO/);
    expect(fsLog.calls.some((c) => c.startsWith('rename'))).toBe(false);
    expect(await readFile(join(dir, 'run.json'), 'utf8')).toBe('{"old":true}');
    expect(await readdir(dir)).toEqual(['run.json']);
  });
});

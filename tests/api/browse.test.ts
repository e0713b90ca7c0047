/** The in-page file browser's listing: confined to its roots (links resolved), hidden names off, clear errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { browseRoots, isInside, listDirectory } from '../../src/api/browse';

let base: string;
let root: string;
let outside: string;

beforeAll(async () => {
  base = await realpath(await mkdtemp(join(tmpdir(), 'kielo-browse-')));
  root = join(base, 'root');
  outside = join(base, 'outside');
  await mkdir(join(root, 'data', 'fi'), { recursive: true });
  await mkdir(join(root, 'proj'), { recursive: true });
  await mkdir(join(root, '.cache'), { recursive: true });
  await mkdir(outside, { recursive: true });
  await writeFile(join(root, 'proj', 'kielo-project.json'), '{}');
  await writeFile(join(root, 'b.wav'), 'x');
  await writeFile(join(root, 'notes.txt'), 'x');
  await writeFile(join(root, '.hidden.wav'), 'x');
  await writeFile(join(outside, 'secret.wav'), 'x');
  await symlink(outside, join(root, 'escape'));
  await symlink(join(root, 'data'), join(root, 'data-link'));
});
afterAll(() => rm(base, { recursive: true, force: true }));

describe('listDirectory', () => {
  it('lists folders first, then files, marks projects and audio, hides dot names', async () => {
    const listing = await listDirectory(root, [root]);
    expect(listing.dir).toBe(root);
    expect(listing.parent).toBeNull();
    expect(listing.entries.map((e) => [e.name, e.kind, e.project, e.audio])).toEqual([
      ['data', 'folder', false, false],
      ['data-link', 'folder', false, false],
      ['proj', 'folder', true, false],
      ['b.wav', 'file', false, true],
      ['notes.txt', 'file', false, false],
    ]);
  });

  it('lists hidden names when asked', async () => {
    const names = (await listDirectory(root, [root], { hidden: true })).entries.map((e) => e.name);
    expect(names).toContain('.cache');
    expect(names).toContain('.hidden.wav');
  });

  it('gives the parent while it stays inside a root', async () => {
    expect((await listDirectory(join(root, 'data', 'fi'), [root])).parent).toBe(join(root, 'data'));
  });

  it('refuses a folder outside the roots, plain, by .. or through a link', async () => {
    await expect(listDirectory(outside, [root])).rejects.toThrow(`${outside}: outside the folders Kielo may browse`);
    await expect(listDirectory(join(root, '..', 'outside'), [root])).rejects.toThrow('outside the folders Kielo may browse');
    await expect(listDirectory(join(root, 'escape'), [root])).rejects.toThrow('outside the folders Kielo may browse');
  });

  it('names the folder and the problem for a missing folder, a file, or a relative path', async () => {
    await expect(listDirectory(join(root, 'nope'), [root])).rejects.toThrow(`${join(root, 'nope')}: no such folder`);
    await expect(listDirectory(join(root, 'b.wav'), [root])).rejects.toThrow(`${join(root, 'b.wav')}: not a folder`);
    await expect(listDirectory('data', [root])).rejects.toThrow('data: give an absolute folder path');
  });
});

describe('browseRoots', () => {
  it('holds the project, the folder holding it and extra folders, links resolved, missing ones left out', async () => {
    const roots = await browseRoots(join(root, 'proj'), [join(root, 'data-link'), join(base, 'missing')]);
    expect(roots).toContain(join(root, 'proj'));
    expect(roots).toContain(root);
    expect(roots).toContain(join(root, 'data'));
    expect(roots).not.toContain(join(base, 'missing'));
  });

  it('leaves out the folder holding the project when that is the filesystem root', async () => {
    const roots = await browseRoots('/tmp');
    expect(roots).toContain(await realpath('/tmp'));
    expect(roots).not.toContain('/');
  });

  it('isInside is a path test, not a prefix test', () => {
    expect(isInside('/a/bc', '/a/b')).toBe(false);
    expect(isInside('/a/b/c', '/a/b')).toBe(true);
    expect(isInside('/a/b', '/a/b')).toBe(true);
  });
});

describe('KieloService.listDirectory', () => {
  it('lists the project folder by default (null or omitted) and refuses folders outside home and the project', async () => {
    const { KieloService } = await import('../../src/api/service');
    const previous = process.env.KIELO_HOME;
    process.env.KIELO_HOME = join(base, 'kielo-home');
    const service = await KieloService.open(join(root, 'svc-project'));
    try {
      const listing = await service.listDirectory(null);
      expect(listing.dir).toBe(join(root, 'svc-project'));
      expect(listing.parent).toBe(root);
      expect(listing.entries.map((e) => e.name)).toContain('kielo-project.json');
      expect((await service.listDirectory()).dir).toBe(listing.dir);
      await expect(service.listDirectory('/proc/self')).rejects.toThrow('/proc/self: outside the folders Kielo may browse');
    } finally {
      await service.close();
      process.env.KIELO_HOME = previous;
    }
  });
});

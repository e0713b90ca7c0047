/** Project files carry a version, are migrated and checked on load, and each save keeps the last good copy (.bak). */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { MANIFEST, PROJECT_VERSION, Project, createRun, listRuns, readRecent, readRun, rememberProject, updateRun } from '../../src/project';
import { RUN_VERSION } from '../../src/project/runs';

let dir: string;
let manifest: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-stored-'));
  manifest = join(dir, 'p', MANIFEST);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const meta = { path: '/data/a.wav', name: 'a.wav', sampleRate: 16000, channels: 1, durationSec: 2, format: 'wav', label: 'fi', source: '/data/a.wav', copied: false, sha256: null, transcript: null };
const readJson = async (path: string) => JSON.parse(await readFile(path, 'utf8'));

/** A project with one file saved (so kielo-project.json.bak holds the manifest before that save). */
async function projectWithOneFile(): Promise<void> {
  const project = await Project.create(join(dir, 'p'), 'Demo');
  await project.addFile(meta);
  await project.close();
}

describe('the project manifest', () => {
  it('keeps the manifest each save replaces as kielo-project.json.bak', async () => {
    await projectWithOneFile();
    expect((await readJson(manifest)).files).toHaveLength(1);
    expect(await readJson(`${manifest}.bak`)).toMatchObject({ version: PROJECT_VERSION, name: 'Demo', files: [] });
  });

  it('a truncated manifest: the error names the file, the reason and the last good copy, and copying it back opens the project', async () => {
    await projectWithOneFile();
    const text = await readFile(manifest, 'utf8');
    await writeFile(manifest, text.slice(0, text.length / 2));
    await expect(Project.open(join(dir, 'p'))).rejects.toThrow(
      new RegExp(`^${manifest}: corrupt JSON: .+; the last good copy is ${manifest}\\.bak \\(copy it over the file to go back to it\\)$`),
    );
    expect((await readFile(manifest, 'utf8')).length).toBe(Math.floor(text.length / 2)); // the damaged file is left for the user
    await copyFile(`${manifest}.bak`, manifest);
    const project = await Project.open(join(dir, 'p'));
    expect(project.summary().name).toBe('Demo');
    await project.close();
  });

  it('a hand edit that breaks the format: the error names the field and what is wrong', async () => {
    await projectWithOneFile();
    const edited = await readJson(manifest);
    edited.files[0].sampleRate = 'fast';
    await writeFile(manifest, JSON.stringify(edited));
    await expect(Project.open(join(dir, 'p'))).rejects.toThrow(`${manifest}: not a valid project manifest: files[0].sampleRate: Invalid type: Expected number but received "fast"`);
    edited.files[0].sampleRate = 16000;
    edited.generated = [{ id: 'g1', file: '../../secret.wav', model: 'm', seconds: 1, temperature: 1, label: null, seed: 1, createdAt: '' }];
    await writeFile(manifest, JSON.stringify(edited));
    await expect(Project.open(join(dir, 'p'))).rejects.toThrow(/generated\[0\]\.file: expected a plain file name; the last good copy is/);
    await writeFile(manifest, JSON.stringify({ ...edited, generated: [], version: '3' }));
    await expect(Project.open(join(dir, 'p'))).rejects.toThrow(`${manifest}: version: expected a whole number, got "3"`);
    await writeFile(manifest, '[]');
    await expect(Project.open(join(dir, 'p'))).rejects.toThrow(`${manifest}: not a Kielo project manifest`);
  });

  it('an unversioned (version 1) manifest migrates to the current version; the original stays as the .bak', async () => {
    await mkdir(join(dir, 'p'));
    const old = { name: 'Old', files: [{ id: 'x1', path: '/data/a.wav', name: 'a.wav', sampleRate: 8000, channels: 1, durationSec: 1, format: 'wav', language: 'it' }] };
    await writeFile(manifest, JSON.stringify(old));
    const project = await Project.open(join(dir, 'p'));
    expect(project.files()).toEqual([{ id: 'x1', path: '/data/a.wav', name: 'a.wav', sampleRate: 8000, channels: 1, durationSec: 1, format: 'wav', label: 'it', source: '/data/a.wav', copied: false, sha256: null, transcript: null }]);
    expect(project.summary()).toMatchObject({ name: 'Old', version: PROJECT_VERSION, createdAt: new Date(0).toISOString() });
    await project.close();
    expect((await readJson(manifest)).version).toBe(PROJECT_VERSION);
    expect(await readJson(`${manifest}.bak`)).toEqual(old);
  });
});

describe('run records (run.json)', () => {
  it('carry a version; a version-0 record (no version, metrics or engine) migrates on read and on the next update', async () => {
    const runs = join(dir, 'runs');
    await mkdir(join(runs, 'r0'), { recursive: true });
    const old = { id: 'r0', kind: 'lid-learned', status: 'done', createdAt: '2026-01-01T00:00:00.000Z', settings: { epochs: 2 } };
    await writeFile(join(runs, 'r0', 'run.json'), JSON.stringify(old));
    expect(await readRun(runs, 'r0')).toEqual({ ...old, version: RUN_VERSION, metrics: {}, engine: null, bestEpoch: null, error: null });
    expect((await listRuns(runs)).map((r) => r.id)).toEqual(['r0']);
    await updateRun(runs, 'r0', { bestEpoch: 2 });
    expect(await readJson(join(runs, 'r0', 'run.json'))).toMatchObject({ version: RUN_VERSION, bestEpoch: 2 });
    expect(await readJson(join(runs, 'r0', 'run.json.bak'))).toEqual(old);
    const created = await createRun(runs, 'asr', {});
    expect(created.version).toBe(RUN_VERSION);
  });

  it('a damaged run.json is an error naming it and its last good copy, not "no such run"; ids cannot leave runs/', async () => {
    const runs = join(dir, 'runs');
    const run = await createRun(runs, 'lid-learned', { epochs: 1 });
    await updateRun(runs, run.id, { status: 'done' });
    const path = join(runs, run.id, 'run.json');
    await writeFile(path, '{"version": 1, "id": ');
    await expect(readRun(runs, run.id)).rejects.toThrow(new RegExp(`^${path}: corrupt JSON: .+; the last good copy is ${path}\\.bak`));
    await writeFile(path, JSON.stringify({ ...run, status: 'exploded' }));
    await expect(readRun(runs, run.id)).rejects.toThrow(`${path}: not a valid run record: status: Invalid type: Expected ("running" | "done" | "cancelled" | "failed") but received "exploded"`);
    await expect(readRun(runs, 'nope')).rejects.toThrow("no run 'nope' in this project");
    await expect(readRun(runs, '..')).rejects.toThrow("bad run id '..'");
    await expect(readRun(runs, '../x')).rejects.toThrow("bad run id '../x'");
  });
});

describe('the recent project list', () => {
  it('reads a version-0 list (a bare array), writes {version, projects}, and falls back to the last good copy when damaged', async () => {
    process.env.KIELO_HOME = join(dir, 'home');
    try {
      const path = join(dir, 'home', 'recent.json');
      await mkdir(join(dir, 'home'));
      await writeFile(path, JSON.stringify(['/old', 7]));
      await expect(readRecent()).resolves.toEqual([]); // not a list of folders: no good copy either
      await writeFile(path, JSON.stringify(['/old']));
      expect(await readRecent()).toEqual(['/old']);
      await rememberProject('/a');
      expect(await readJson(path)).toEqual({ version: 1, projects: ['/a', '/old'] });
      await rememberProject('/b');
      await writeFile(path, '{"version": 1, "proj');
      expect(await readRecent()).toEqual(['/a', '/old']);
      await rememberProject('/c'); // the damaged list does not become the last good copy
      expect(await readJson(path)).toEqual({ version: 1, projects: ['/c', '/a', '/old'] });
      expect(await readJson(`${path}.bak`)).toEqual({ version: 1, projects: ['/a', '/old'] });
    } finally {
      delete process.env.KIELO_HOME;
    }
  });
});

describe('saves of one file at once', () => {
  it('twenty concurrent updates of one run record leave a valid record, a valid .bak and no temporary files', async () => {
    const runs = join(dir, 'runs');
    const run = await createRun(runs, 'lid-learned', {});
    await Promise.all(Array.from({ length: 20 }, (_, i) => updateRun(runs, run.id, { metrics: { [`m${i}`]: i } })));
    expect((await readRun(runs, run.id)).version).toBe(RUN_VERSION);
    expect((await readJson(join(runs, run.id, 'run.json.bak'))).id).toBe(run.id);
    expect((await readdir(join(runs, run.id))).sort()).toEqual(['run.json', 'run.json.bak']);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, readFile, rm, writeFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Project, PROJECT_VERSION, appendHistory, createRun, listRuns, readHistory, readRecent, rememberProject, updateRun } from '../../src/project';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-project-'));
  process.env.KIELO_HOME = join(dir, 'home');
});
afterEach(async () => {
  delete process.env.KIELO_HOME;
  await rm(dir, { recursive: true, force: true });
});

const meta = { path: '/data/a.wav', name: 'a.wav', sampleRate: 16000, channels: 1, durationSec: 2, format: 'wav', label: 'fi', source: '/data/a.wav', copied: false, sha256: 'ab', transcript: null };

describe('Project', () => {
  it('creates, adds files, closes and reopens with the same content', async () => {
    const project = await Project.create(join(dir, 'p'), 'Demo');
    const entry = await project.addFile(meta);
    expect((await project.addFile(meta)).id).toBe(entry.id);
    await project.setLabel(entry.id, ' en ');
    await project.close();
    const again = await Project.open(join(dir, 'p'));
    expect(again.summary()).toMatchObject({ name: 'Demo', version: PROJECT_VERSION });
    expect(again.files()).toEqual([{ ...meta, id: entry.id, label: 'en' }]);
    await again.close();
  });

  it('refuses a second open while locked, and creating a project where one is', async () => {
    const project = await Project.create(join(dir, 'p'), 'Demo');
    await writeFile(join(dir, 'p', '.kielo.lock'), '1');
    // pid 1 is alive: the lock is respected
    await project.close().catch(() => {});
    await writeFile(join(dir, 'p', '.kielo.lock'), '1');
    await expect(Project.open(join(dir, 'p'))).rejects.toThrow(/another Kielo process \(pid 1\)/);
    await writeFile(join(dir, 'p', '.kielo.lock'), '999999999');
    const reopened = await Project.open(join(dir, 'p'));
    await reopened.close();
    await expect(Project.create(join(dir, 'p'), 'x')).rejects.toThrow(/already a Kielo project; open it instead/);
  });

  it('migrates a version-1 manifest (language -> label, no generated list) and rewrites it', async () => {
    await writeFile(join(dir, 'kielo-project.json'), JSON.stringify({ name: 'Old', files: [{ ...meta, id: 'x1', label: undefined, language: 'it' }] }));
    const project = await Project.open(dir);
    expect(project.files()[0].label).toBe('it');
    expect(project.samples()).toEqual([]);
    await project.close();
    const onDisk = JSON.parse(await readFile(join(dir, 'kielo-project.json'), 'utf8'));
    expect(onDisk.version).toBe(PROJECT_VERSION);
  });

  it('migrates a version-2 manifest: source is the path, copies are the files under imports/, no hash or transcript yet', async () => {
    const copy = join(dir, 'imports', 'up-ce3cb5.wav');
    const v2 = { version: 2, name: 'Old', createdAt: '2026-01-01T00:00:00Z', generated: [], files: [{ ...meta, id: 'a', source: undefined, copied: undefined, sha256: undefined, transcript: undefined }, { ...meta, id: 'b', path: copy, source: undefined, copied: undefined, sha256: undefined, transcript: undefined }] };
    await writeFile(join(dir, 'kielo-project.json'), JSON.stringify(v2));
    const project = await Project.open(dir);
    expect(project.files().map((f) => [f.id, f.source, f.copied, f.sha256, f.transcript])).toEqual([['a', '/data/a.wav', false, null, null], ['b', copy, true, null, null]]);
    await project.close();
  });

  it('says a plain folder is not a project (nothing written there), and creates one in it keeping its files', async () => {
    await writeFile(join(dir, 'recording.wav'), 'x');
    await expect(Project.open(dir)).rejects.toThrow(`${dir}: not a Kielo project (it has no kielo-project.json); create a project in this folder`);
    expect((await readdir(dir)).sort()).toEqual(['recording.wav']);
    const project = await Project.create(dir, 'Mine');
    expect(project.summary().name).toBe('Mine');
    expect((await readdir(dir)).filter((n) => !n.startsWith('.')).sort()).toEqual(['kielo-project.json', 'recording.wav', 'runs']);
    await project.close();
  });

  it('names the manifest and the reason when it is corrupt or from a newer Kielo', async () => {
    await writeFile(join(dir, 'kielo-project.json'), '{oops');
    await expect(Project.open(dir)).rejects.toThrow(/kielo-project\.json: corrupt JSON/);
    await writeFile(join(dir, 'kielo-project.json'), JSON.stringify({ version: 99, name: 'n', files: [] }));
    await expect(Project.open(dir)).rejects.toThrow(/newer Kielo \(format 99/);
  });

  it('keeps runs with history and marks runs left running as failed on open', async () => {
    const project = await Project.create(join(dir, 'p'), 'Demo');
    const runs = join(dir, 'p', 'runs');
    const run = await createRun(runs, 'lid-learned', { epochs: 2 });
    await appendHistory(runs, run.id, { epoch: 1, trainLoss: 1.5 });
    await appendHistory(runs, run.id, { epoch: 2, trainLoss: 0.5 });
    await project.close();
    const again = await Project.open(join(dir, 'p'));
    const [listed] = await listRuns(runs);
    expect(listed.status).toBe('failed');
    expect(listed.error).toMatch(/interrupted/);
    expect(await readHistory(runs, run.id)).toEqual([{ epoch: 1, trainLoss: 1.5 }, { epoch: 2, trainLoss: 0.5 }]);
    await updateRun(runs, run.id, { status: 'done', metrics: { valAccuracy: 0.9 } });
    expect((await listRuns(runs))[0].metrics.valAccuracy).toBe(0.9);
    expect((await readdir(join(runs, run.id))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    await again.close();
  });

  it('remembers recent projects newest first without duplicates', async () => {
    await rememberProject('/a');
    await rememberProject('/b');
    await rememberProject('/a');
    expect(await readRecent()).toEqual(['/a', '/b']);
  });
});

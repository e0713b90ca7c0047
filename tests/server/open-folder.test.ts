import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { NOT_A_PROJECT } from '../../src/api/contract';
import { KieloService } from '../../src/api/service';
import { startServer, type RunningServer } from '../../src/server/server';

let dir: string;
let service: KieloService;
let server: RunningServer;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-open-folder-'));
  process.env.KIELO_HOME = join(dir, 'home');
  service = await KieloService.open(join(dir, 'project'));
  server = await startServer(service, {});
});
afterAll(async () => {
  await server.close();
  await service.close();
  delete process.env.KIELO_HOME;
  await rm(dir, { recursive: true, force: true });
});

const call = async (method: string, args: unknown[]) => {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, { method: 'POST', headers: { 'x-kielo-token': server.token }, body: JSON.stringify(args) });
  return { status: res.status, body: (await res.json()) as { ok: boolean; error?: string; value?: { dir: string; name: string } } };
};

describe('opening a folder that is not a project (browser mode)', () => {
  it('answers 400 saying so and how to make one there, writes nothing into it, and Create makes a project there keeping its files', async () => {
    const plain = join(dir, 'recordings');
    await mkdir(plain);
    await writeFile(join(plain, 'fi001.wav'), 'x');
    const opened = await call('openProject', [plain]);
    expect(opened.status).toBe(400);
    expect(opened.body.error).toBe(`${plain}: not a Kielo project (it has no kielo-project.json); create a project in this folder to use it (its files stay where they are)`);
    expect(opened.body.error).toContain(NOT_A_PROJECT);
    expect(await readdir(plain)).toEqual(['fi001.wav']);
    const created = await call('createProject', [plain, 'Recordings']);
    expect(created.status).toBe(200);
    expect(created.body.value).toMatchObject({ dir: plain, name: 'Recordings' });
    expect((await readdir(plain)).filter((n) => !n.startsWith('.')).sort()).toEqual(['fi001.wav', 'kielo-project.json', 'runs']);
  });

  it('answers 400, not 500, for a project whose manifest is corrupt', async () => {
    const broken = join(dir, 'broken');
    await mkdir(broken);
    await writeFile(join(broken, 'kielo-project.json'), '{oops');
    const opened = await call('openProject', [broken]);
    expect(opened.status).toBe(400);
    expect(opened.body.error).toMatch(/kielo-project\.json: corrupt JSON/);
  });
});

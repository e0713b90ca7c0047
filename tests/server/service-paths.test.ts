/** Browser mode over the real service: path-like arguments sent over HTTP stay inside the project. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { encodeWav } from '../../src/audio';
import { KieloService } from '../../src/api/service';
import { startServer, type RunningServer } from '../../src/server/server';

let dir: string;
let service: KieloService;
let server: RunningServer;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-server-paths-'));
  process.env.KIELO_HOME = join(dir, 'home');
  service = await KieloService.open(join(dir, 'project'));
  server = await startServer(service);
});
afterAll(async () => {
  await server.close();
  await service.close();
  delete process.env.KIELO_HOME;
  await rm(dir, { recursive: true, force: true });
});

async function call(method: string, args: unknown[]): Promise<{ status: number; body: { ok: boolean; value?: unknown; error?: string } }> {
  const res = await fetch(`http://127.0.0.1:${server.port}/api/${method}`, { method: 'POST', headers: { 'x-kielo-token': server.token }, body: JSON.stringify(args) });
  return { status: res.status, body: (await res.json()) as { ok: boolean; value?: unknown; error?: string } };
}

const wav = (seed: number) => Buffer.from(encodeWav(Float32Array.from({ length: 1600 }, (_, n) => 0.1 * Math.sin(n / (3 + seed))), 16000, 'pcm16')).toString('base64');

describe('browser mode path arguments', () => {
  it('uploads named with traversal in any spelling land inside the project imports/ folder', async () => {
    const names = ['../../escaped.wav', '..%2f..%2fescaped2.wav', '%252e%252e%252fescaped3.wav', '/tmp/escaped4.wav'];
    const { status, body } = await call('uploadFiles', [names.map((name, i) => ({ name, path: name, base64: wav(i) }))]);
    expect(status).toBe(200);
    const added = (body.value as { added: { path: string }[] }).added;
    expect(added).toHaveLength(names.length);
    for (const file of added) expect(file.path.startsWith(join(dir, 'project', 'imports') + '/'), file.path).toBe(true);
    expect(existsSync(join(dir, 'escaped.wav'))).toBe(false);
    expect(existsSync('/tmp/escaped4.wav')).toBe(false);
    expect((await readdir(dir)).sort()).toEqual(['home', 'project']);
  });

  it('run ids that would climb out of runs/ are refused, plain or encoded', async () => {
    for (const id of ['..', '../..', '..%2f..', '%2e%2e']) {
      const { status, body } = await call('run', [id]);
      expect(status, id).toBe(400);
      expect(body.error, id).toMatch(/bad run id|no run/);
    }
  });
});

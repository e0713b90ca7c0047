import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import type { JobEvent, KieloApi } from '../../src/api/contract';
import { startServer, type RunningServer } from '../../src/server/server';

/** A KieloApi fake: only the calls the tests make are real. */
function fakeApi() {
  const listeners = new Set<(e: JobEvent) => void>();
  const api = {
    engine: async () => ({ name: 'cpu', backend: 'cpu', version: 'x' }),
    setLabel: async (id: string, label: string | null) => ({ id, label }),
    onJobEvent: (listener: (e: JobEvent) => void) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit: (e: JobEvent) => listeners.forEach((l) => l(e)),
    listenerCount: () => listeners.size,
  };
  return api;
}

let server: RunningServer;
let dir: string;
const api = fakeApi();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-server-'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><title>Kielo</title>');
  server = await startServer(api as unknown as KieloApi, { staticDir: dir });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${server.port}`;
const call = (method: string, args: unknown, token: string | null = server.token) =>
  fetch(`${base()}/api/${method}`, { method: 'POST', headers: token ? { 'x-kielo-token': token } : {}, body: JSON.stringify(args) });

describe('browser-mode server', () => {
  it('listens on 127.0.0.1 and prints a URL with a 43-character token', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{43}$/);
  });

  it('refuses API calls, pages and sockets without the token or with a wrong one', async () => {
    expect((await call('engine', [], null)).status).toBe(403);
    expect((await call('engine', [], 'x'.repeat(43))).status).toBe(403);
    expect((await fetch(`${base()}/`)).status).toBe(403);
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events`);
    const outcome = await new Promise((done) => {
      ws.on('open', () => done('open'));
      ws.on('error', () => done('refused'));
    });
    expect(outcome).toBe('refused');
  });

  it('refuses a foreign Origin even with the token (no cross-site calls)', async () => {
    const res = await fetch(`${base()}/api/engine`, { method: 'POST', headers: { 'x-kielo-token': server.token, origin: 'http://evil.example' }, body: '[]' });
    expect(res.status).toBe(403);
  });

  it('answers a valid call and rejects a payload that breaks the schema, naming the argument', async () => {
    expect(await (await call('engine', [])).json()).toEqual({ ok: true, value: { name: 'cpu', backend: 'cpu', version: 'x' } });
    expect(await (await call('setLabel', ['a1', 'fi'])).json()).toEqual({ ok: true, value: { id: 'a1', label: 'fi' } });
    const bad = await call('setLabel', ['a1', 7]);
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: string }).error).toBe('setLabel argument 2: expected a string, got 7');
    expect(((await (await call("deleteEverything", [])).json()) as { error: string }).error).toBe("unknown call 'deleteEverything'");
    expect((await call('engine', '{not json')).status).toBe(400);
  });

  it('serves the page with the token, sets the cookie and a strict CSP; later requests work with the cookie', async () => {
    const page = await fetch(server.url);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const cookie = page.headers.get('set-cookie')!.split(';')[0];
    expect((await fetch(`${base()}/index.html`, { headers: { cookie } })).status).toBe(200);
    expect((await fetch(`${base()}/../../etc/passwd`, { headers: { cookie } })).status).toBe(404);
  });

  it('streams job events over the WebSocket and unsubscribes when it closes', async () => {
    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/events?token=${server.token}`);
    await new Promise((done) => ws.on('open', done));
    const received = new Promise((done) => ws.on('message', (data) => done(JSON.parse(String(data)))));
    api.emit({ type: 'progress', jobId: 'j1', fraction: 0.5, message: 'half' });
    expect(await received).toEqual({ type: 'progress', jobId: 'j1', fraction: 0.5, message: 'half' });
    ws.close();
    await new Promise((done) => ws.on('close', done));
    await new Promise((done) => setTimeout(done, 50));
    expect(api.listenerCount()).toBe(0);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { connect } from 'node:net';
import { networkInterfaces, tmpdir } from 'node:os';
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

/** A file beside the served folder that no request may read. */
const SECRET = 'the secret outside the served folder';

let server: RunningServer;
let dir: string;
const api = fakeApi();

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-server-'));
  const root = join(dir, 'www');
  await mkdir(join(root, 'assets'), { recursive: true });
  await writeFile(join(root, 'index.html'), '<!doctype html><title>Kielo</title>');
  await writeFile(join(root, 'assets', 'app.js'), 'console.log(1)');
  await writeFile(join(dir, 'secret.txt'), SECRET);
  await symlink(join(dir, 'secret.txt'), join(root, 'link-out.txt'));
  await symlink(dir, join(root, 'folder-out'));
  await symlink(join(root, 'assets', 'app.js'), join(root, 'link-in.js'));
  server = await startServer(api as unknown as KieloApi, { staticDir: root });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

const base = () => `http://127.0.0.1:${server.port}`;
/** A GET (or other method) whose path is sent exactly as given (fetch would normalise '..' and encodings). */
function raw(path: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; body: string }> {
  return new Promise((done, fail) => {
    const req = request({ host: '127.0.0.1', port: server.port, path, method, headers }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => done({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', fail);
    req.end();
  });
}

/** Whether a WebSocket to `path` opens (true) or is refused (false). */
function socketOpens(path: string, headers: Record<string, string> = {}): Promise<boolean> {
  const ws = new WebSocket(`ws://127.0.0.1:${server.port}${path}`, { headers });
  return new Promise((done) => {
    ws.on('open', () => {
      ws.close();
      done(true);
    });
    ws.on('error', () => done(false));
  });
}

/** Whether a TCP connection to host:port is accepted. */
function accepts(host: string, port: number): Promise<boolean> {
  return new Promise((done) => {
    const socket = connect({ host, port });
    socket.on('connect', () => {
      socket.destroy();
      done(true);
    });
    socket.on('error', () => done(false));
  });
}

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

  it('listens on 127.0.0.1 only: not on ::1 nor on any other address of this machine', async () => {
    expect(await accepts('127.0.0.1', server.port)).toBe(true);
    expect(await accepts('::1', server.port)).toBe(false);
    const others = Object.values(networkInterfaces()).flat().filter((a) => a && !a.internal).map((a) => a!.address);
    for (const address of others) expect(await accepts(address, server.port), address).toBe(false);
  });

  it('asks for the token on every route and method, whether it is missing or wrong in the header, query or cookie', async () => {
    const wrong = 'y'.repeat(43);
    const routes: [string, string][] = [['GET', '/'], ['GET', '/index.html'], ['GET', '/assets/app.js'], ['HEAD', '/'], ['POST', '/'], ['GET', '/api/engine'],
      ['POST', '/api/engine'], ['PUT', '/api/engine'], ['OPTIONS', '/api/engine'], ['DELETE', '/api/removeFile'], ['POST', '/api/unknown'], ['GET', '/events'], ['GET', '/nothing']];
    for (const [method, path] of routes) {
      for (const [suffix, headers] of [['', {}], [`?token=${wrong}`, {}], ['', { 'x-kielo-token': wrong }], ['', { cookie: `kielo_token=${wrong}` }], ['?token=', {}]] as const) {
        const res = await raw(`${path}${suffix}`, headers, method);
        expect(res.status, `${method} ${path}${suffix} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    expect((await raw('/api/engine', { 'x-kielo-token': server.token }, 'POST')).status).toBe(200);
  });

  it('asks for the token (and this origin) on the WebSocket, which serves /events only', async () => {
    expect(await socketOpens('/events')).toBe(false);
    expect(await socketOpens(`/events?token=${'z'.repeat(43)}`)).toBe(false);
    expect(await socketOpens('/events', { cookie: `kielo_token=${'z'.repeat(43)}` })).toBe(false);
    expect(await socketOpens(`/events?token=${server.token}`, { origin: 'http://evil.example' })).toBe(false);
    expect(await socketOpens(`/other?token=${server.token}`)).toBe(false);
    expect(await socketOpens(`/events?token=${server.token}`)).toBe(true);
    expect(await socketOpens('/events', { 'x-kielo-token': server.token })).toBe(true);
  });

  it('serves nothing outside its folder: plain, percent-encoded and double-encoded traversal, symlinks out, bad encodings', async () => {
    const auth = { 'x-kielo-token': server.token };
    const attempts = ['/../secret.txt', '/%2e%2e/secret.txt', '/%2e%2e%2fsecret.txt', '/..%2fsecret.txt', '/%2E%2E%2Fsecret.txt', '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
      '/%252e%252e%252fsecret.txt', '/%25%32%65%25%32%65%25%32%66secret.txt', '/..%5csecret.txt', '/%2f..%2fsecret.txt',
      '/link-out.txt', '/folder-out/secret.txt', '/folder-out%2fsecret.txt', '/%00', '/index.html%00.js', '/%E0%A4%A', '/%', '/assets/'];
    for (const path of attempts) {
      const res = await raw(path, auth);
      expect(res.status, path).toBe(404);
      expect(res.body, path).not.toContain(SECRET);
    }
    expect((await raw('//[', auth)).status).toBe(400);
    // the server is still up, and a symlink that stays inside its folder is served
    expect(await raw('/link-in.js', auth)).toEqual({ status: 200, body: 'console.log(1)' });
    expect((await raw('/assets/app.js', auth)).status).toBe(200);
  });
});

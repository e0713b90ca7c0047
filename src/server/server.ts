/**
 * Browser mode: the same KieloApi over HTTP (POST /api/<method> with the JSON argument array) and a WebSocket
 * (/events) for job events, on 127.0.0.1 only, behind a random per-run token. Requests without it are refused (403).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { WebSocketServer } from 'ws';
import type { KieloApi } from '../api/contract';
import { validateArgs } from '../api/validate';
import { InputFileError, UsageError, messageOf } from '../util/errors';
import { serveStatic } from './static';
import { TOKEN_COOKIE, newToken, presentedToken, sameOrigin, tokenMatches } from './token';

/** Options of startServer. */
export interface ServerOptions {
  /** Port on 127.0.0.1; 0 (default) picks a free one. */
  port?: number;
  /** Folder with the built renderer (index.html); API-only when absent. */
  staticDir?: string;
  /** Token to use (tests); random when absent. */
  token?: string;
}

/** A running browser-mode server. */
export interface RunningServer {
  /** The URL to open, with the token. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

/** Largest request body accepted (uploads are base64 JSON). */
const MAX_BODY_BYTES = 300 * 1024 * 1024;

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolveBody, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new UsageError('request too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', 'x-content-type-options': 'nosniff' });
  res.end(JSON.stringify(body));
}

/** The request's URL (against this server's origin); null when it cannot be parsed (e.g. '//['). */
function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

/** Calls one API method with validated arguments and maps the outcome to {ok, value} or {ok: false, error}. */
async function handleCall(api: KieloApi, method: string, req: IncomingMessage, res: ServerResponse): Promise<void> {
  try {
    let args: unknown;
    try {
      args = JSON.parse((await readBody(req)) || '[]');
    } catch {
      throw new UsageError(`${method}: the request body is not JSON`);
    }
    const valid = validateArgs(method, args);
    const fn = api[method as keyof KieloApi] as (...a: unknown[]) => Promise<unknown>;
    const value = await fn.apply(api, valid);
    sendJson(res, 200, { ok: true, value: value ?? null });
  } catch (error) {
    // a bad request or a bad file it named (e.g. a corrupt project manifest) is the caller's to fix: 400, not a server fault
    sendJson(res, error instanceof UsageError || error instanceof InputFileError ? 400 : 500, { ok: false, error: messageOf(error) });
  }
}

/** Serves `api` (and the renderer) on 127.0.0.1. */
export async function startServer(api: KieloApi, options: ServerOptions = {}): Promise<RunningServer> {
  const token = options.token ?? newToken();
  const staticDir = options.staticDir ? resolve(options.staticDir) : null;
  let port = 0;
  const server = createServer((req, res) => {
    const url = requestUrl(req);
    if (!url) return sendJson(res, 400, { ok: false, error: 'bad request URL' });
    if (!sameOrigin(req, port)) return sendJson(res, 403, { ok: false, error: 'wrong host or origin' });
    if (!tokenMatches(presentedToken(req, url), token)) return sendJson(res, 403, { ok: false, error: 'missing or wrong token' });
    if (url.pathname.startsWith('/api/')) {
      if (req.method !== 'POST') return sendJson(res, 405, { ok: false, error: 'use POST' });
      return void handleCall(api, url.pathname.slice(5), req, res);
    }
    if (req.method !== 'GET' || !staticDir) return sendJson(res, 404, { ok: false, error: 'not found' });
    const cookie = `${TOKEN_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    void serveStatic(staticDir, url.pathname, res, port, url.searchParams.has('token') ? { 'set-cookie': cookie } : {});
  });
  const sockets = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    const url = requestUrl(req);
    if (!url || url.pathname !== '/events' || !sameOrigin(req, port) || !tokenMatches(presentedToken(req, url), token)) {
      socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      const unsubscribe = api.onJobEvent((event) => ws.send(JSON.stringify(event)));
      ws.on('close', unsubscribe);
    });
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 0, '127.0.0.1', () => ok());
  });
  const address = server.address();
  port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise((done) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        server.closeAllConnections();
        server.close(() => done());
      }),
  };
}

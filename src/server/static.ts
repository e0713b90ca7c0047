/** Serves the built renderer (dist/renderer) with a strict Content-Security-Policy, never a file outside it. */
import { readFile, realpath } from 'node:fs/promises';
import { extname, relative, resolve, isAbsolute } from 'node:path';
import type { ServerResponse } from 'node:http';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** The CSP of browser mode: only this origin, its WebSocket, and blob: audio. */
export function contentSecurityPolicy(port: number): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "media-src 'self' blob:",
    `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
    "object-src 'none'",
    "base-uri 'none'",
    "frame-ancestors 'none'",
    "form-action 'none'",
  ].join('; ');
}

/** Whether `path` is `root` itself or lies below it (both absolute). */
function isInside(root: string, path: string): boolean {
  const rel = relative(root, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/**
 * The file under `root` that a request's (percent-encoded) `pathname` names, or null: malformed encodings, NUL bytes,
 * paths that climb out of root (however encoded) and symlinks that lead out of it name nothing.
 */
export async function staticFile(root: string, pathname: string): Promise<string | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0')) return null;
  const file = resolve(root, decoded === '/' ? 'index.html' : decoded.replace(/^\/+/, ''));
  if (!isInside(root, file)) return null;
  const [realRoot, real] = await Promise.all([realpath(root), realpath(file)]).catch(() => [null, null]);
  return realRoot && real && isInside(realRoot, real) ? real : null;
}

/** Sends `pathname` from `root` (index.html for '/'); 404 outside root or when missing. Never rejects. */
export async function serveStatic(root: string, pathname: string, res: ServerResponse, port: number, extraHeaders: Record<string, string> = {}): Promise<void> {
  try {
    const file = await staticFile(root, pathname);
    if (!file) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-security-policy': contentSecurityPolicy(port),
      'x-content-type-options': 'nosniff',
      'cache-control': 'no-store',
      ...extraHeaders,
    });
    res.end(body);
  } catch {
    if (!res.headersSent) res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
}

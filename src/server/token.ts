/** The per-run secret of browser mode: generated at start, required on every request, compared in constant time. */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/** Name of the cookie set when the page is opened with a valid ?token=. */
export const TOKEN_COOKIE = 'kielo_token';
/** Header the renderer sends its token in. */
export const TOKEN_HEADER = 'x-kielo-token';

/** A fresh random token (32 bytes, URL-safe). */
export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

/** Constant-time comparison of a presented token with the real one. */
export function tokenMatches(presented: string | undefined | null, token: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(presented);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** The token a request carries: ?token=, the X-Kielo-Token header, or the cookie. */
export function presentedToken(req: IncomingMessage, url: URL): string | null {
  const header = req.headers[TOKEN_HEADER];
  if (typeof header === 'string') return header;
  const query = url.searchParams.get('token');
  if (query) return query;
  const cookie = (req.headers.cookie ?? '').split(';').map((c) => c.trim().split('=')).find(([name]) => name === TOKEN_COOKIE);
  return cookie?.[1] ?? null;
}

/** Whether the Host (and Origin, when sent) name this server, which defeats DNS rebinding. */
export function sameOrigin(req: IncomingMessage, port: number): boolean {
  const allowed = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  if (!allowed.has(req.headers.host ?? '')) return false;
  const origin = req.headers.origin;
  if (origin === undefined) return true;
  try {
    return allowed.has(new URL(origin).host);
  } catch {
    return false;
  }
}

// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createHttpApi } from '../../renderer/api/http-client';

afterEach(() => vi.unstubAllGlobals());

describe('browser-mode client', () => {
  it('POSTs each call with the token header, dropping omitted trailing arguments', async () => {
    const fetchMock = vi.fn(async (_url: string, _init: RequestInit) => new Response(JSON.stringify({ ok: true, value: { n: 1 } })));
    vi.stubGlobal('fetch', fetchMock);
    const api = createHttpApi('http://127.0.0.1:9', 'T0K');
    expect(await api.evaluate('demo-lid', undefined)).toEqual({ n: 1 });
    const [url, init] = fetchMock.mock.calls[0];
    expect(url).toBe('http://127.0.0.1:9/api/evaluate');
    expect((init.headers as Record<string, string>)['x-kielo-token']).toBe('T0K');
    expect(init.body).toBe('["demo-lid"]');
  });

  it("rejects with the server's message", async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response(JSON.stringify({ ok: false, error: 'no lid model' }), { status: 400 })));
    await expect(createHttpApi('http://x', 't').classify('f1')).rejects.toThrow('no lid model');
  });
});

/** KieloApi over browser mode's HTTP + WebSocket: one POST per call, one socket for all job events. */
import { API_SCHEMAS, type ApiMethod, type JobEvent, type KieloApi } from '../contract';

/** Creates the browser-mode client for the server at `origin` with the page's token. */
export function createHttpApi(origin: string, token: string): KieloApi {
  const listeners = new Set<(event: JobEvent) => void>();
  let socket: WebSocket | null = null;
  const connect = () => {
    if (socket) return;
    socket = new WebSocket(`${origin.replace(/^http/, 'ws')}/events?token=${encodeURIComponent(token)}`);
    socket.onmessage = (message) => {
      const event = JSON.parse(String(message.data)) as JobEvent;
      for (const listener of [...listeners]) listener(event);
    };
    socket.onclose = () => {
      socket = null;
      if (listeners.size) setTimeout(connect, 1000);
    };
  };
  const call = async (method: ApiMethod, given: unknown[]) => {
    // omitted optional arguments: JSON would turn a trailing undefined into null, which the schema refuses
    const args = [...given];
    while (args.length && args[args.length - 1] === undefined) args.pop();
    const res = await fetch(`${origin}/api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-kielo-token': token },
      body: JSON.stringify(args),
    });
    const body = (await res.json()) as { ok: boolean; value?: unknown; error?: string };
    if (!body.ok) throw new Error(body.error ?? `${method} failed (${res.status})`);
    return body.value;
  };
  const api = Object.fromEntries(
    Object.keys(API_SCHEMAS).map((method) => [method, (...args: unknown[]) => call(method as ApiMethod, args)]),
  ) as unknown as KieloApi;
  api.onJobEvent = (listener) => {
    listeners.add(listener);
    connect();
    return () => {
      listeners.delete(listener);
    };
  };
  return api;
}

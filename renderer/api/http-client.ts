/** KieloApi over browser mode's HTTP + WebSocket: one POST per call, one socket for all job events. */
import type { ApiMethod, JobEvent, KieloApi } from '../contract';

/** The call names of KieloApi (kept in step with the contract by the `satisfies` below). */
const METHODS = {
  engine: 0, project: 0, recentProjects: 0, openProject: 0, createProject: 0, listFiles: 0, addFiles: 0, uploadFiles: 0,
  removeFile: 0, setLabel: 0, waveform: 0, spectrogram: 0, audio: 0, models: 0, datasets: 0, classify: 0,
  startTraining: 0, resumeTraining: 0, cancelJob: 0, runs: 0, run: 0, filters: 0, evaluate: 0, transcribe: 0, generate: 0,
  generated: 0, generatedAudio: 0,
} satisfies Record<ApiMethod, 0>;

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
    Object.keys(METHODS).map((method) => [method, (...args: unknown[]) => call(method as ApiMethod, args)]),
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

/**
 * How the service runs long work off its own thread. Two runners: src/jobs' runJob (a worker thread with typed
 * progress events) when the job layer and the task exist, else the `kielo` CLI in a child process, whose JSON output
 * is the fixed CLI contract. Either way the UI thread never waits on TensorFlow.js.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CancelledError } from '../util/errors';

/** The long tasks the studio starts. */
export type TaskName = 'train-lid' | 'classify-batch' | 'train-asr' | 'transcribe' | 'train-wavenet' | 'generate';

/** What a running task may report, and how it is cancelled. */
export interface TaskContext {
  /** Structured progress (src/jobs events, e.g. TrainEvent objects). */
  onEvent(event: unknown): void;
  /** A human progress line. */
  onLog(line: string): void;
  signal: AbortSignal;
}

/** Runs one task to completion and resolves with its result. */
export type TaskRunner = (task: TaskName, params: Record<string, unknown>, argv: string[], ctx: TaskContext) => Promise<unknown>;

const KIELO_BIN = fileURLToPath(new URL('../../bin/kielo.mjs', import.meta.url));
const JOBS_DIR = fileURLToPath(new URL('../jobs/', import.meta.url));

/** Runs `kielo ARGV --json` in a child process; stderr lines become log lines; abort sends SIGINT. */
export function runCli(argv: string[], ctx: TaskContext): Promise<unknown> {
  return new Promise((resolve, reject) => {
    if (ctx.signal.aborted) return reject(new CancelledError());
    const child = spawn(process.execPath, [KIELO_BIN, ...argv, '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let pending = '';
    const lines: string[] = [];
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => {
      pending += chunk.toString();
      const parts = pending.split('\n');
      pending = parts.pop() ?? '';
      for (const line of parts.filter((l) => l.trim())) {
        lines.push(line);
        ctx.onLog(line);
      }
    });
    const onAbort = () => child.kill('SIGINT');
    ctx.signal.addEventListener('abort', onAbort, { once: true });
    child.on('error', reject);
    child.on('close', (code) => {
      ctx.signal.removeEventListener('abort', onAbort);
      if (pending.trim()) lines.push(pending.trim());
      if (ctx.signal.aborted) return reject(new CancelledError());
      if (code === 0 || (code === 2 && stdout.trim())) {
        try {
          return resolve(JSON.parse(stdout));
        } catch {
          return reject(new Error(`kielo ${argv[0]} printed no JSON result`));
        }
      }
      reject(new Error(lines.at(-1)?.replace(/^kielo [\w ]+: /, '') || `kielo ${argv[0]} failed (exit ${code})`));
    });
  });
}

type RunJob = (task: string, params: unknown, hooks: { onEvent?: (e: unknown) => void; signal?: AbortSignal }) => Promise<unknown>;

/** src/jobs' runJob, when the job layer and the task's module exist in this build. */
async function jobsRunJob(task: TaskName): Promise<RunJob | null> {
  if (!existsSync(`${JOBS_DIR}index.ts`) || !existsSync(`${JOBS_DIR}tasks/${task}.ts`)) return null;
  const specifier = '../jobs';
  const jobs = (await import(/* @vite-ignore */ specifier)) as { runJob?: RunJob };
  return jobs.runJob ?? null;
}

/** The default runner: runJob in a worker where available (live events), else the CLI in a child process. */
export const defaultTaskRunner: TaskRunner = async (task, params, argv, ctx) => {
  const runJob = await jobsRunJob(task);
  if (!runJob) return runCli(argv, ctx);
  return runJob(task, params, {
    signal: ctx.signal,
    onEvent: (event) => {
      const e = event as { type?: string; message?: string };
      if (e.type === 'log' || e.type === 'progress') ctx.onLog(String(e.message ?? ''));
      ctx.onEvent(event);
    },
  });
};

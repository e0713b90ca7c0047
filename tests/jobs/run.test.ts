import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob, taskNames, type TaskName } from '../../src/jobs';
import type { SelftestEvent } from '../../src/jobs/tasks/selftest';
import { CancelledError, InputFileError, UsageError } from '../../src/util/errors';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-jobs-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('runJob', () => {
  it('runs a TypeScript task in a worker thread with ordered progress events and a result', async () => {
    const events: SelftestEvent[] = [];
    const result = await runJob('selftest', { count: 5, engine: 'wasm' }, { onEvent: (e) => events.push(e) });
    expect(events.map((e) => e.step)).toEqual([1, 2, 3, 4, 5]);
    expect(events[0]).toEqual({ type: 'progress', step: 1, total: 5 });
    expect(result).toMatchObject({ counted: 5, engine: 'wasm', matmul: [7, 10, 15, 22] });
    expect(result.threadId).toBeGreaterThan(0);
  });

  it('passes a task error back with its class, file and message', async () => {
    const events: SelftestEvent[] = [];
    const failing = runJob('selftest', { count: 5, failAt: 3 }, { onEvent: (e) => events.push(e) });
    await expect(failing).rejects.toBeInstanceOf(InputFileError);
    await expect(failing).rejects.toMatchObject({ file: 'step-3.wav', message: 'step-3.wav: selftest failure on purpose' });
    expect(events).toHaveLength(2);
  });

  it('cancels promptly: the task checkpoints, ends, and the promise rejects with CancelledError', async () => {
    const controller = new AbortController();
    const checkpointFile = join(dir, 'cancel.json');
    const started = Date.now();
    const job = runJob('selftest', { count: 100_000, delayMs: 5, checkpointFile }, {
      signal: controller.signal,
      onEvent: (e) => {
        if (e.step === 3) controller.abort();
      },
    });
    await expect(job).rejects.toThrow(CancelledError);
    await expect(job).rejects.toThrow(/selftest cancelled after \d+ steps/);
    expect(Date.now() - started).toBeLessThan(10_000);
    const { step } = JSON.parse(await readFile(checkpointFile, 'utf8')) as { step: number };
    expect(step).toBeGreaterThanOrEqual(3);
    expect(step).toBeLessThan(20);
  });

  it('terminates a task that ignores cancellation after the grace period', async () => {
    const controller = new AbortController();
    const job = runJob('selftest', { count: 100_000, delayMs: 5, ignoreCancel: true }, {
      signal: controller.signal,
      cancelGraceMs: 200,
      onEvent: (e) => {
        if (e.step === 2) controller.abort();
      },
    });
    await expect(job).rejects.toThrow(/cancelled \(terminated after 200 ms\)/);
  });

  it('rejects unknown tasks and path tricks (untyped callers) with the available tasks', async () => {
    expect(taskNames()).toEqual(expect.arrayContaining(['eval', 'selftest', 'train-asr', 'train-lid', 'train-wavenet']));
    const untyped = runJob as (task: string, params: unknown) => ReturnType<typeof runJob<TaskName>>;
    await expect(untyped('no-such-task', {})).rejects.toThrow(UsageError);
    await expect(untyped('../worker', {})).rejects.toThrow(/unknown job task '..\/worker' \(available: .*selftest/);
    await expect(untyped('toString', {})).rejects.toThrow(UsageError);
  });

  it('works from a process started like bin/kielo.mjs (tsx registered by API), from another directory', async () => {
    const script = `
      import { register } from ${JSON.stringify(join(process.cwd(), 'node_modules/tsx/dist/esm/api/index.mjs'))};
      register();
      const { runJob } = await import(${JSON.stringify(join(process.cwd(), 'src/jobs/index.ts'))});
      const result = await runJob('selftest', { count: 3 }, { onEvent: (e) => console.error(e.step) });
      console.log(JSON.stringify(result));`;
    const scriptFile = join(dir, 'like-kielo.mjs');
    await writeFile(scriptFile, script);
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [scriptFile], {
      cwd: dir,
    }).catch((error: { stdout: string; stderr: string }) => ({ stdout: error.stdout, stderr: error.stderr }));
    expect(stderr.trim().split('\n')).toEqual(['1', '2', '3']);
    expect(JSON.parse(stdout)).toMatchObject({ counted: 3 });
  });
});

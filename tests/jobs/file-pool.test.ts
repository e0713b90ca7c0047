/**
 * Inference over many files spread over worker threads (src/jobs/file-pool.ts): mapFiles delivers in input order
 * what several threads did, and fails clearly when a worker dies; classify-batch, eval and transcribe return the
 * same JSON and send the same events with 1 and 2 threads; a bad model fails the job as with one thread.
 */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { writeWav } from '../../src/audio';
import { runJob, type TaskEvent, type TaskName, type TaskParams } from '../../src/jobs';
import { defaultFileThreads, mapFiles, type FileOutcome } from '../../src/jobs/file-pool';
import type { SelftestFileResult } from '../../src/jobs/file-work/selftest';
import { CancelledError, InputFileError } from '../../src/util/errors';

const demo = fileURLToPath(new URL('../../assets/demo/', import.meta.url));
const lidModel = join(demo, 'models', 'lid');
let dir = '';
/** Demo clips of three languages, a broken file among them. */
let clips: string[] = [];
/** A labelled folder of the same clips (DIR/<label>/file), the broken one included. */
let labelled = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-file-pool-'));
  labelled = join(dir, 'set');
  const chosen = ['cs/cs002-michel.flac', 'en/en001-Michael.flac', 'fi/fi002-klatt4.flac', 'cs/cs004-zac.flac', 'en/en003-grandma.flac', 'fi/fi009-klatt3.flac'];
  for (const rel of chosen) {
    const [label] = rel.split('/');
    await mkdir(join(labelled, label), { recursive: true });
    await copyFile(join(demo, 'lid', rel), join(labelled, rel));
    clips.push(join(labelled, rel));
  }
  const broken = join(labelled, 'en', 'broken.wav');
  await writeFile(broken, 'RIFF not really');
  // a long file first: one thread is still on it while the other finishes the next ones, so results arrive out of order
  const long = join(labelled, 'fi', 'long.wav');
  await writeWav(long, Float32Array.from({ length: 16000 * 12 }, (_, i) => 0.2 * Math.sin(2 * Math.PI * (200 + (i % 16000) / 40) * (i / 16000))), 16000);
  clips = [long, ...clips.slice(0, 2), broken, ...clips.slice(2)];
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});
afterEach(() => {
  delete process.env.KIELO_TEST_FILE_WORKER_EXIT_ON;
});

/** A job's result and its events. */
async function withEvents<K extends TaskName>(task: K, params: TaskParams<K>): Promise<{ result: unknown; events: TaskEvent<K>[] }> {
  const events: TaskEvent<K>[] = [];
  const result = await runJob(task, params, { onEvent: (e) => events.push(e) });
  return { result, events };
}

describe('inference over worker threads', () => {
  it('classify-batch: the same results (failures in place) and events with 1 and 2 threads', async () => {
    const one = await withEvents('classify-batch', { model: lidModel, files: clips, engine: 'wasm', threads: 1 });
    const two = await withEvents('classify-batch', { model: lidModel, files: clips, engine: 'wasm', threads: 2 });
    expect(two).toEqual(one);
    const results = one.result as { file: string; error?: string; bestGuess?: string }[];
    expect(results.map((r) => r.file)).toEqual(clips);
    expect(results[3].error).toBeTruthy();
    // the demo model knows these clips: each file's own answer, not a neighbour's
    expect(results.filter((r) => !r.error).slice(1).map((r) => r.bestGuess)).toEqual(['cs', 'en', 'fi', 'cs', 'en', 'fi']);
  });

  it('eval: the same report with 1 and 2 threads', async () => {
    const one = await withEvents('eval', { model: lidModel, data: labelled, engine: 'wasm', threads: 1 });
    const two = await withEvents('eval', { model: lidModel, data: labelled, engine: 'wasm', threads: 2 });
    expect(two).toEqual(one);
    expect(one.result).toMatchObject({ n: 7, failed: [{ file: clips[3] }] });
  });

  it('transcribe: the same transcripts with 1 and 2 threads, a broken file skipped in both', async () => {
    const digits = join(demo, 'asr', 'test', 'digits');
    const files = ['d0006.flac', 'd0007.flac', 'd0012.flac', 'd0014.flac', 'd0018.flac'].map((f) => join(digits, f));
    files.splice(1, 0, clips[3]);
    const params = { model: join(demo, 'models', 'asr'), files, engine: 'wasm' as const, beamWidth: 4 };
    const one = await withEvents('transcribe', { ...params, threads: 1 });
    const two = await withEvents('transcribe', { ...params, threads: 3 });
    expect(two).toEqual(one);
    expect((one.result as { file: string }[]).map((r) => basename(r.file))).toEqual(['d0006.flac', 'd0007.flac', 'd0012.flac', 'd0014.flac', 'd0018.flac']);
    expect(one.events.filter((e) => e.type === 'skipped').map((e) => e.type === 'skipped' && e.file)).toEqual([clips[3]]);
  });

  it('a worker thread that dies fails the job with an error naming the thread and its file', async () => {
    process.env.KIELO_TEST_FILE_WORKER_EXIT_ON = '.flac'; // the worker's first file (the job's own thread is not a worker)
    const many = Array.from({ length: 8 }, () => clips).flat();
    const job = runJob('classify-batch', { model: lidModel, files: many, engine: 'wasm', threads: 2 });
    await expect(job).rejects.toThrow(new RegExp(`^classification failed: worker thread 2 of 2 exited with code 70 on ${labelled}/\\w+/[\\w-]+\\.flac$`));
  });

  it('a model that does not load fails the job with the model file and reason, as with one thread', async () => {
    const missing = join(dir, 'no-model');
    for (const threads of [1, 2]) {
      const job = runJob('classify-batch', { model: missing, files: clips, engine: 'wasm', threads });
      await expect(job).rejects.toBeInstanceOf(InputFileError);
      await expect(job).rejects.toThrow(join(missing, 'kielo.json'));
    }
  });

  it('cancelling stops the workers: the job rejects with CancelledError', async () => {
    const controller = new AbortController();
    const many = Array.from({ length: 6 }, () => clips).flat();
    const job = runJob('classify-batch', { model: lidModel, files: many, engine: 'wasm', threads: 2 }, {
      signal: controller.signal,
      onEvent: (e) => e.done === 3 && controller.abort(),
    });
    await expect(job).rejects.toBeInstanceOf(CancelledError);
    await expect(job).rejects.toThrow(/classification cancelled after \d+ of 48 files/);
  });
});

describe('mapFiles', () => {
  /** Each outcome as [index, file or error message, thread], in the order delivered. */
  async function outcomes(files: string[], threads: number, signal?: AbortSignal) {
    const got: [number, string, number][] = [];
    await mapFiles('selftest', {}, files, {
      threads, signal, activity: 'selftest',
      onFile: (index, outcome: FileOutcome<SelftestFileResult>) => got.push('value' in outcome ? [index, outcome.value.file, outcome.value.threadId] : [index, outcome.error.message, -1]),
    });
    return got;
  }

  it('delivers in input order what a worker finished while this thread was still on an earlier file', async () => {
    // this thread opens at once and takes the slow first file; the worker, once started, takes the rest
    const files = ['slow:5000', 'a:20', 'b:20', 'bad:20', 'c:20', 'd:20'];
    const got = await outcomes(files, 2);
    expect(got.map(([index, what]) => [index, what])).toEqual([[0, 'slow:5000'], [1, 'a:20'], [2, 'b:20'], [3, 'bad:20: bad on purpose'], [4, 'c:20'], [5, 'd:20']]);
    const [here, ...rest] = got.map(([, , thread]) => thread).filter((t) => t >= 0);
    expect(rest.length).toBe(4);
    expect(rest.filter((t) => t !== here).length).toBeGreaterThan(0); // some done by the worker thread
  });

  it('runs in this thread alone for one thread', async () => {
    const got = await outcomes(['a', 'b', 'c'], 1);
    expect(got).toEqual([[0, 'a', threadId], [1, 'b', threadId], [2, 'c', threadId]]);
  });

  it('fails when a worker thread dies, naming the thread and the file it was on', async () => {
    process.env.KIELO_TEST_FILE_WORKER_EXIT_ON = 'crash-me';
    await expect(outcomes(['slow:5000', 'a', 'crash-me', 'b'], 2)).rejects.toThrow(/^selftest failed: worker thread 2 of 2 exited with code 70 on crash-me$/);
  });

  it('stops on cancel with CancelledError', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 300);
    await expect(outcomes(Array.from({ length: 20 }, (_, i) => `f${i}:100`), 2, controller.signal)).rejects.toThrow(/^selftest cancelled after \d+ of 20 files$/);
    await expect(outcomes(['a'], 0)).rejects.toThrow(/threads must be an integer >= 1, got 0/);
  });
});

describe('defaultFileThreads', () => {
  it('gives a small batch one thread and adds one per 100 files, up to the default thread count', () => {
    const previous = process.env.KIELO_THREADS;
    process.env.KIELO_THREADS = '4';
    try {
      expect([defaultFileThreads(1), defaultFileThreads(120), defaultFileThreads(250), defaultFileThreads(1000), defaultFileThreads()]).toEqual([1, 1, 2, 4, 4]);
    } finally {
      if (previous === undefined) delete process.env.KIELO_THREADS;
      else process.env.KIELO_THREADS = previous;
    }
  });
});

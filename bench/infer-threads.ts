/**
 * bench/infer-threads: inference over many files on 1 thread against N worker threads (mapFiles), in one run: the
 * classify-batch job over demo LID clips and the transcribe job over demo digit recordings, each as files per
 * wall-clock second from the job's start to its result (worker start-up and model loading included, as a user
 * waits for them), and the ratio N threads / 1. The runs alternate (1, N, 1, N) and each figure is the best of its
 * two, since other processes on the machine only add time.
 * Run: npx tsx bench/infer-threads.ts [--threads N] [--files N] [--engine wasm|cpu|node]   (default run under a minute)
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseEngineName } from '../src/engine';
import { runJob } from '../src/jobs';
import { machineLine, reportFigure } from './lib/report';

const { values } = parseArgs({
  options: {
    threads: { type: 'string', default: '2' },
    files: { type: 'string', default: '120' },
    engine: { type: 'string', default: 'wasm' },
  },
});
/** A whole-number option at least `min`, or exit with the bad value. */
function count(name: 'threads' | 'files', min: number): number {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < min) {
    console.error(`bench/infer-threads: --${name} must be a whole number >= ${min}, got '${values[name]}'`);
    process.exit(2);
  }
  return value;
}
const threads = count('threads', 2);
const fileCount = count('files', 2);
const engine = parseEngineName(values.engine!);
const demo = fileURLToPath(new URL('../assets/demo/', import.meta.url));

/** The first `n` audio files under `dir` (one level of label folders, or flat), sorted, repeated if there are fewer. */
async function audioFiles(dir: string, n: number): Promise<string[]> {
  const found: string[] = [];
  for (const entry of (await readdir(dir, { withFileTypes: true })).sort((a, b) => a.name.localeCompare(b.name))) {
    if (entry.isDirectory()) found.push(...(await readdir(join(dir, entry.name))).filter((f) => f.endsWith('.flac')).sort().map((f) => join(dir, entry.name, f)));
    else if (entry.name.endsWith('.flac')) found.push(join(dir, entry.name));
  }
  return Array.from({ length: n }, (_, i) => found[i % found.length]);
}

/** Seconds from the job's start to its result. */
async function seconds(job: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await job();
  return (performance.now() - start) / 1000;
}

/** Best seconds of 1 thread and of `threads`, alternating twice. */
async function compare(job: (threads: number) => Promise<unknown>): Promise<{ one: number; many: number }> {
  let one = Infinity;
  let many = Infinity;
  for (let round = 0; round < 2; round++) {
    one = Math.min(one, await seconds(() => job(1)));
    many = Math.min(many, await seconds(() => job(threads)));
  }
  return { one, many };
}

console.log(await machineLine());
console.log(`engine ${engine}; each job from start to result, worker start-up and model loading included; best of 2 alternating runs`);
const clips = await audioFiles(join(demo, 'lid'), fileCount);
const lid = await compare((t) => runJob('classify-batch', { model: join(demo, 'models', 'lid'), files: clips, engine, threads: t }));
reportFigure({ name: `classify-batch, ${clips.length} demo LID clips, 1 thread`, value: clips.length / lid.one, unit: 'files/s' });
reportFigure({ name: `classify-batch, ${threads} threads`, value: clips.length / lid.many, unit: 'files/s', reference: { name: '1 thread', value: clips.length / lid.one } });
const digits = await audioFiles(join(demo, 'asr', 'test', 'digits'), Math.min(fileCount, 60));
const asr = await compare((t) => runJob('transcribe', { model: join(demo, 'models', 'asr'), files: digits, engine, threads: t }));
reportFigure({ name: `transcribe, ${digits.length} demo digit recordings, 1 thread`, value: digits.length / asr.one, unit: 'files/s' });
reportFigure({ name: `transcribe, ${threads} threads`, value: digits.length / asr.many, unit: 'files/s', reference: { name: '1 thread', value: digits.length / asr.one } });

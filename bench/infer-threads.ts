/**
 * bench/infer-threads: inference over many files on 1 thread against N worker threads (mapFiles), in one run: the
 * classify-batch job over demo LID clips and the transcribe job over demo digit recordings, each as files per
 * wall-clock second from the job's start to its result (worker start-up and model loading included, as a user
 * waits for them), and the ratio N threads / 1, with the CPU seconds every thread of this process spent (what
 * the extra workers' start-up costs, and a check where other processes hold the cores and wall time cannot scale).
 * The runs alternate (1, N, 1, N) and each figure is the best of its two.
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

/** Wall seconds from the job's start to its result, and the CPU seconds this process (every thread) spent. */
async function timed(job: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  await job();
  const used = process.cpuUsage(cpuStart);
  return { wall: (performance.now() - start) / 1000, cpu: (used.user + used.system) / 1e6 };
}

/** Best wall and CPU seconds of 1 thread and of `threads`, alternating twice. */
async function compare(job: (threads: number) => Promise<unknown>): Promise<{ one: { wall: number; cpu: number }; many: { wall: number; cpu: number } }> {
  const one = { wall: Infinity, cpu: Infinity };
  const many = { wall: Infinity, cpu: Infinity };
  const keep = (best: typeof one, got: typeof one) => {
    best.wall = Math.min(best.wall, got.wall);
    best.cpu = Math.min(best.cpu, got.cpu);
  };
  for (let round = 0; round < 2; round++) {
    keep(one, await timed(() => job(1)));
    keep(many, await timed(() => job(threads)));
  }
  return { one, many };
}

/** The two figures of one job: files per wall second, with the CPU seconds spent (start-up cost shows there). */
function report(what: string, files: number, { one, many }: Awaited<ReturnType<typeof compare>>): void {
  reportFigure({ name: `${what}, 1 thread`, value: files / one.wall, unit: `files/s (${one.cpu.toFixed(1)} CPU s)` });
  reportFigure({ name: `${what}, ${threads} threads`, value: files / many.wall, unit: `files/s (${many.cpu.toFixed(1)} CPU s)`, reference: { name: '1 thread', value: files / one.wall } });
}

console.log(await machineLine());
console.log(`engine ${engine}; each job from start to result, worker start-up and model loading included; best of 2 alternating runs;`
  + ' CPU s: every thread of this process (the work plus each extra worker\'s start-up)');
const clips = await audioFiles(join(demo, 'lid'), fileCount);
report(`classify-batch, ${clips.length} demo LID clips`, clips.length, await compare((t) => runJob('classify-batch', { model: join(demo, 'models', 'lid'), files: clips, engine, threads: t })));
const digits = await audioFiles(join(demo, 'asr', 'test', 'digits'), Math.min(fileCount, 60));
report(`transcribe, ${digits.length} demo digit recordings`, digits.length, await compare((t) => runJob('transcribe', { model: join(demo, 'models', 'asr'), files: digits, engine, threads: t })));

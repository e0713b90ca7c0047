/**
 * bench/train-lid: training throughput of the default LID model (learned front end), in 0.5 s clips per second,
 * per engine this machine loads, on 1 and on N threads (data-parallel, src/train/parallel: --threads 1,2 measures
 * both in one run), against the same architecture in PyTorch at the same thread count (bench/lid_reference.py,
 * Debian's python3-torch, torch.set_num_threads) measured in the same run: its framed-matmul form (what Kielo
 * computes) and its conv1d-over-raw-audio form (PyTorch's fastest). Kielo's step is the training loop's (trainStep on
 * one thread, parallelTrainStep on more: gradient norms read back, Adam). Each figure twice: per wall-clock second
 * and per second of the process's CPU time (all its threads; steadier where other jobs share the cores). Targets
 * (issue 13): at the largest thread count, wasm >= 1.0x PyTorch's fastest form; 1 -> 2 threads scales >= 1.7x.
 * With more than one thread it also prints where a data-parallel step's time goes (GradientPool.times), and the
 * machine's ceiling: N separate one-thread processes on batch / N each, at once (what N cores give with no
 * communication at all).
 * Both sides first run --warmup steps (default 200): a training run takes thousands, and V8 keeps optimising
 * tfjs's JavaScript on background threads for the first ~100 (measured: ~2 ms of extra CPU per step after 30
 * steps, ~0.6 ms after 300), which would otherwise count in the CPU figure. The cpu engine runs on one thread only.
 * Run: npx tsx bench/train-lid.ts [--threads 1,2] [--engine wasm|cpu|node] [--skip-torch] [--steps N] [--batch N] [--warmup N] [--profile]
 * (--engine: only that engine, e.g. wasm to leave out the cpu engine's ~40 s; --profile: where each engine's one-thread step goes)
 */
import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { availableEngines, initEngine, tf } from '../src/engine';
import { buildLidModel } from '../src/models/lid';
import { makeLoopLidStep, printLidStepProfile } from './lib/lid-step';
import { poolTimesLine } from './lib/loop-step';
import { bestOf } from './lib/best-of';
import { machineLine, reportFigure } from './lib/report';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '10' },
    batch: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '200' },
    threads: { type: 'string', default: '1,2' },
    engine: { type: 'string' },
    'skip-torch': { type: 'boolean', default: false },
    /** Internal: measure one thread on wasm, print {wall, cpu} as JSON and exit (the machine-ceiling runs). */
    solo: { type: 'boolean', default: false },
    profile: { type: 'boolean', default: false },
  },
});
/** A whole number at least `min`, or exit with the bad value. */
function whole(name: string, text: string | undefined, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    console.error(`bench/train-lid: --${name} must be a whole number >= ${min}, got '${text}'`);
    process.exit(2);
  }
  return value;
}
const warmup = whole('warmup', values.warmup, 0);
const steps = whole('steps', values.steps, 1);
const batch = whole('batch', values.batch, 1);
const threadCounts = [...new Set(values.threads.split(',').map((t) => whole('threads', t.trim(), 1)))].sort((a, b) => a - b);

/** Clips per wall and per CPU second. */
interface Rate { wall: number; cpu: number }

/** Clips per wall-clock second and per CPU second on the current engine and `threads`: best of three runs of `steps`. */
async function tfjsClipsPerSecond(threads: number): Promise<Rate> {
  const step = await makeLoopLidStep(batch, threads);
  try {
    // the cpu engine (~1 s a step, no JIT tail worth measuring around) warms up 3 steps
    for (let i = 0; i < (tf.getBackend() === 'cpu' ? Math.min(3, warmup) : warmup); i++) await step.run(i);
    step.pool?.resetTimes();
    const { wall, cpu } = await bestOf(3, async () => {
      for (let i = 0; i < steps; i++) await step.run(i);
    });
    if (step.pool) console.log(`  ${threads} threads, ms per step: ${poolTimesLine(step.pool)}; whole step ${((wall * 1000) / steps).toFixed(2)}`);
    return { wall: (batch * steps) / wall, cpu: (batch * steps) / cpu };
  } finally {
    await step.dispose();
  }
}

/** One PyTorch variant's figures, as bench/lid_reference.py prints them. */
interface TorchFigure { variant: string; clipsPerSecond: number; clipsPerCpuSecond: number; threads: number; torch: string; parameters: number }

/** PyTorch's figures at `threads` from bench/lid_reference.py, or null where no python3 with torch is found. */
function pytorchFigures(threads: number): TorchFigure[] | null {
  const script = fileURLToPath(new URL('./lid_reference.py', import.meta.url));
  for (const python of ['/usr/bin/python3', 'python3']) {
    const run = spawnSync(python, [script, '--batch', String(batch), '--steps', String(steps), '--warmup', String(warmup), '--threads', String(threads)], {
      encoding: 'utf8',
      env: { ...process.env, OMP_NUM_THREADS: String(threads), MKL_NUM_THREADS: String(threads) },
    });
    if (run.status !== 0) continue;
    return run.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as TorchFigure);
  }
  return null;
}

if (values.solo) {
  await initEngine('wasm');
  console.log(JSON.stringify(await tfjsClipsPerSecond(1)));
  process.exit(0);
}

/**
 * The machine's ceiling for N threads: N separate processes, each training one thread on batch / N examples at the same
 * time (no communication at all); their clips per wall second summed. What data-parallel training can reach here at
 * best (cores that share caches, memory bandwidth or a hypervisor's physical core give less than N x one).
 */
async function ceiling(threads: number): Promise<Rate | null> {
  if (batch % threads !== 0) return null;
  const runs = Array.from({ length: threads }, () => new Promise<Rate>((resolve, reject) => {
    const args = [...process.execArgv, fileURLToPath(import.meta.url), '--solo', '--batch', String(batch / threads), '--steps', String(steps), '--warmup', String(warmup)];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d)); // tfjs's greeting; shown only when the run fails
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out.trim().split('\n').at(-1)!) as Rate) : reject(new Error(`solo run exited with ${code}: ${err}`))));
  }));
  const rates = await Promise.all(runs);
  return { wall: rates.reduce((a, r) => a + r.wall, 0), cpu: rates.reduce((a, r) => a + r.cpu, 0) / threads };
}

const parameters = buildLidModel({}, 5).countParams();
console.log(await machineLine());
console.log(`default LID model (learned front end, ${parameters} parameters), batch ${batch}, 0.5 s clips, Adam, ${steps} steps x best of 3, threads ${threadCounts.join(', ')}`);
const engines = (await availableEngines()).filter((e) => (values.engine ? e === values.engine : e !== 'node' || process.env.KIELO_BENCH_NODE));
if (engines.length === 0) {
  console.error(`bench/train-lid: engine '${values.engine}' does not load here`);
  process.exit(2);
}
/** ours[engine][threads] */
const ours: Record<string, Map<number, Rate>> = {};
for (const engine of engines) {
  await initEngine(engine);
  ours[engine] = new Map();
  for (const threads of engine === 'wasm' ? threadCounts : [1]) ours[engine].set(threads, await tfjsClipsPerSecond(threads));
  if (values.profile) {
    console.log(`--- profile of one step on ${engine}`);
    await printLidStepProfile(batch, 25, engine === 'cpu' ? 1 : 5);
  }
}
const ceilings = new Map<number, Rate>();
if (ours.wasm) {
  for (const threads of threadCounts.filter((t) => t > 1)) {
    const c = await ceiling(threads);
    if (c) ceilings.set(threads, c);
  }
}
const torch = new Map<number, TorchFigure[]>();
for (const threads of values['skip-torch'] ? [] : threadCounts) {
  const figures = pytorchFigures(threads);
  if (figures) torch.set(threads, figures);
}
if (torch.size === 0 && !values['skip-torch']) console.log('PyTorch reference: no python3 with torch here (Debian: apt install python3-torch)');
for (const [threads, figures] of torch) {
  for (const t of figures) {
    if (t.parameters !== parameters) console.log(`WARNING: PyTorch ${t.variant} has ${t.parameters} parameters, Kielo ${parameters}: not the same model`);
    reportFigure({ name: `PyTorch ${t.torch} ${t.variant}, ${threads} thread(s)`, value: t.clipsPerSecond, unit: 'clips/s' });
    reportFigure({ name: `PyTorch ${t.torch} ${t.variant}, ${threads} thread(s)`, value: t.clipsPerCpuSecond, unit: 'clips per CPU second' });
  }
}
for (const [engine, byThreads] of Object.entries(ours)) {
  for (const [threads, value] of byThreads) {
    const fastest = torch.get(threads)?.reduce((a, b) => (b.clipsPerSecond > a.clipsPerSecond ? b : a));
    const fastestCpu = torch.get(threads)?.reduce((a, b) => (b.clipsPerCpuSecond > a.clipsPerCpuSecond ? b : a));
    const name = `tfjs ${engine}, ${threads} thread(s)`;
    reportFigure({ name, value: value.wall, unit: 'clips/s', reference: fastest ? { name: `PyTorch's fastest (${fastest.variant})`, value: fastest.clipsPerSecond } : undefined });
    reportFigure({ name, value: value.cpu, unit: 'clips per CPU second', reference: fastestCpu ? { name: `PyTorch's fastest (${fastestCpu.variant})`, value: fastestCpu.clipsPerCpuSecond } : undefined });
  }
}
const wasm = ours.wasm;
if (wasm && wasm.has(1)) {
  for (const threads of threadCounts.filter((t) => t > 1)) {
    const [one, many] = [wasm.get(1)!, wasm.get(threads)!];
    console.log(`scaling 1 -> ${threads} threads: Kielo wasm ${(many.wall / one.wall).toFixed(2)}x per wall second (${(many.cpu / one.cpu).toFixed(2)}x per CPU second)` +
      `${torch.has(1) && torch.has(threads) ? `; PyTorch ${torch.get(threads)!.map((t, i) => `${t.variant} ${(t.clipsPerSecond / torch.get(1)![i].clipsPerSecond).toFixed(2)}x`).join(', ')}` : ''}`);
    const c = ceilings.get(threads);
    if (c) {
      console.log(`machine ceiling for ${threads} threads (${threads} separate one-thread processes on batch ${batch / threads} at once): ${c.wall.toFixed(0)} clips/s, ` +
        `${(c.wall / one.wall).toFixed(2)}x one thread, ${c.cpu.toFixed(0)} clips per CPU second; Kielo reaches ${(many.wall / c.wall).toFixed(2)} of it (${(many.cpu / c.cpu).toFixed(2)} per CPU second)`);
    }
    if (threads === 2) console.log(`target (scaling 1 -> 2 threads >= 1.7x per wall second): ${many.wall / one.wall >= 1.7 ? 'met' : 'NOT met'}`);
  }
  const top = threadCounts.at(-1)!;
  const figures = torch.get(top);
  if (figures?.length && wasm.has(top)) {
    const fastest = Math.max(...figures.map((t) => t.clipsPerSecond));
    const ratio = wasm.get(top)!.wall / fastest;
    console.log(`target (wasm >= 1.0x PyTorch's fastest form at ${top} thread(s), per wall second): ${ratio >= 1 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}x)`);
  }
}

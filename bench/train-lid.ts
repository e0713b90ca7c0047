/**
 * bench/train-lid: training throughput of the default LID model (learned front end), in 0.5 s clips per second,
 * per engine this machine loads (one thread), against the same architecture in PyTorch on one thread
 * (bench/lid_reference.py, Debian's python3-torch) measured in the same run: its framed-matmul form (what Kielo
 * computes) and its conv1d-over-raw-audio form (PyTorch's fastest). Target: the fallback engine (wasm) at least
 * half of PyTorch's speed. Each figure twice: per wall-clock second and per second of this process's CPU time
 * (steadier where other jobs share the cores; one thread, so the two agree on an idle machine).
 * Both sides first run --warmup steps (default 200): a training run takes thousands, and V8 keeps optimising
 * tfjs's JavaScript on background threads for the first ~100 (measured: ~2 ms of extra CPU per step after 30
 * steps, ~0.6 ms after 300), which would otherwise count in the CPU figure.
 * Run: npx tsx bench/train-lid.ts [--steps N] [--batch N] [--warmup N] [--profile]   (--profile: where each engine's step goes)
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { availableEngines, initEngine, tf } from '../src/engine';
import { buildLidModel } from '../src/models/lid';
import { makeLidTrainStep, printLidStepProfile } from './lib/lid-step';
import { machineLine, reportFigure } from './lib/report';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '10' },
    batch: { type: 'string', default: '32' },
    warmup: { type: 'string', default: '200' },
    profile: { type: 'boolean', default: false },
  },
});
/** A whole-number option at least `min`, or exit with the bad value. */
function count(name: 'steps' | 'batch' | 'warmup', min: number): number {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < min) {
    console.error(`bench/train-lid: --${name} must be a whole number >= ${min}, got '${values[name]}'`);
    process.exit(2);
  }
  return value;
}
const warmup = count('warmup', 0);
const steps = count('steps', 1);
const batch = count('batch', 1);

/** Clips per wall-clock second and per CPU second on the current engine: best of three runs of `steps` Adam steps. */
async function tfjsClipsPerSecond(): Promise<{ wall: number; cpu: number }> {
  const step = makeLidTrainStep(batch);
  // the cpu engine (~1 s a step, no JIT tail worth measuring around) warms up 3 steps
  for (let i = 0; i < (tf.getBackend() === 'cpu' ? Math.min(3, warmup) : warmup); i++) await step.run(i);
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    const startCpu = process.cpuUsage();
    for (let i = 0; i < steps; i++) await step.run(i);
    const used = process.cpuUsage(startCpu);
    wall = Math.min(wall, (performance.now() - start) / 1000);
    cpu = Math.min(cpu, (used.user + used.system) / 1e6);
  }
  step.dispose();
  return { wall: (batch * steps) / wall, cpu: (batch * steps) / cpu };
}

/** One PyTorch variant's figures, as bench/lid_reference.py prints them. */
interface TorchFigure { variant: string; clipsPerSecond: number; clipsPerCpuSecond: number; torch: string; parameters: number }

/** PyTorch's figures from bench/lid_reference.py, or null where no python3 with torch is found. */
function pytorchFigures(): TorchFigure[] | null {
  const script = fileURLToPath(new URL('./lid_reference.py', import.meta.url));
  for (const python of ['/usr/bin/python3', 'python3']) {
    const run = spawnSync(python, [script, '--batch', String(batch), '--steps', String(steps), '--warmup', String(warmup)], {
      encoding: 'utf8',
      env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    });
    if (run.status !== 0) continue;
    return run.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as TorchFigure);
  }
  return null;
}

const parameters = buildLidModel({}, 5).countParams();
console.log(await machineLine());
console.log(`default LID model (learned front end, ${parameters} parameters), batch ${batch}, 0.5 s clips, Adam, ${steps} steps x best of 3`);
const engines = (await availableEngines()).filter((e) => e !== 'node' || process.env.KIELO_BENCH_NODE);
const ours: Record<string, { wall: number; cpu: number }> = {};
for (const engine of engines) {
  await initEngine(engine);
  ours[engine] = await tfjsClipsPerSecond();
  if (values.profile) {
    console.log(`--- profile of one step on ${engine}`);
    await printLidStepProfile(batch, 25, engine === 'cpu' ? 1 : 5);
  }
}
const torch = pytorchFigures();
if (!torch) console.log('PyTorch reference: no python3 with torch here (Debian: apt install python3-torch)');
for (const t of torch ?? []) {
  if (t.parameters !== parameters) console.log(`WARNING: PyTorch ${t.variant} has ${t.parameters} parameters, Kielo ${parameters}: not the same model`);
  reportFigure({ name: `PyTorch ${t.torch} ${t.variant}`, value: t.clipsPerSecond, unit: 'clips/s' });
  reportFigure({ name: `PyTorch ${t.torch} ${t.variant}`, value: t.clipsPerCpuSecond, unit: 'clips per CPU second' });
}
for (const [engine, value] of Object.entries(ours)) {
  for (const t of torch ?? [undefined]) {
    const ref = (v: number) => (t ? { name: `PyTorch ${t.variant}`, value: v } : undefined);
    reportFigure({ name: `tfjs ${engine}`, value: value.wall, unit: 'clips/s', reference: ref(t?.clipsPerSecond ?? 0) });
    reportFigure({ name: `tfjs ${engine}`, value: value.cpu, unit: 'clips per CPU second', reference: ref(t?.clipsPerCpuSecond ?? 0) });
  }
}
if (torch?.length && ours.wasm) {
  const fastest = torch.reduce((a, b) => (b.clipsPerCpuSecond > a.clipsPerCpuSecond ? b : a));
  const ratio = ours.wasm.cpu / fastest.clipsPerCpuSecond;
  const wallRatio = ours.wasm.wall / Math.max(...torch.map((t) => t.clipsPerSecond));
  console.log(`target (wasm >= 0.5x PyTorch's fastest form, ${fastest.variant}): ${ratio >= 0.5 ? 'met' : 'NOT met'} (${ratio.toFixed(2)}x per CPU second, ${wallRatio.toFixed(2)}x per wall second)`);
}

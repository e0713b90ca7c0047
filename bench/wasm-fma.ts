/**
 * bench/wasm-fma: Kielo's wasm kernels with relaxed SIMD's fused multiply-add against their SIMD128 path, in one
 * run: GEMM GFLOP per CPU second (and per wall second) at the LID training step's shapes (front end forward and weight gradient, a TDNN layer
 * forward and back) and one LID training step (default model, batch 32, 0.5 s clips, Adam), each as the ratio
 * relaxed / SIMD128. Each path runs in its own child process (KIELO_WASM_FMA=on / off), both started with
 * --experimental-wasm-relaxed-simd where this Node needs it, so the V8 configuration is the same; the children
 * alternate for --rounds rounds and each figure is the best seen (other processes on the machine only add time).
 * Run: npx tsx bench/wasm-fma.ts [--rounds N] [--warmup N] [--steps N]   (default run under a minute)
 */
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gemm, gemmMultiplyAdd, initEngine, tf, wasmTdnnForward, wasmTdnnGrad } from '../src/engine';
import { relaxedSimdValidates } from '../src/engine/wasm-fma';
import { makeLidTrainStep } from './lib/lid-step';
import { bestOf } from './lib/best-of';
import { machineLine, reportFigure } from './lib/report';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '150' },
    steps: { type: 'string', default: '10' },
    child: { type: 'boolean', default: false },
  },
});
/** A whole-number option at least `min`, or exit with the bad value. */
function count(name: 'rounds' | 'warmup' | 'steps', min: number): number {
  const value = Number(values[name]);
  if (!Number.isInteger(value) || value < min) {
    console.error(`bench/wasm-fma: --${name} must be a whole number >= ${min}, got '${values[name]}'`);
    process.exit(2);
  }
  return value;
}
const rounds = count('rounds', 1);
const warmup = count('warmup', 0);
const steps = count('steps', 1);
const BATCH = 32;

/** One path's figures, as a child prints them. */
interface PathFigures {
  multiplyAdd: string;
  /** GFLOP per wall and per CPU second, per product. */
  gemm: Record<string, { wall: number; cpu: number }>;
  /** One LID training step: wall and CPU milliseconds. */
  step: { wall: number; cpu: number };
}

/** CPU seconds of this process so far (user + system). */
function cpuSeconds(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1e6;
}

/**
 * GFLOP per wall second and per CPU second of `fn` (`flops` per call): the best of 9 timings of as many calls as
 * fill ~20 ms. The CPU figure holds where other processes share the cores (time this thread waits is not counted).
 */
function gflops(flops: number, fn: () => void): { wall: number; cpu: number } {
  fn();
  const start = performance.now();
  let calls = 0;
  while (performance.now() - start < 20) { fn(); calls++; }
  let wall = Infinity;
  let cpu = Infinity;
  for (let r = 0; r < 9; r++) {
    const t0 = performance.now();
    const c0 = cpuSeconds();
    for (let i = 0; i < calls; i++) fn();
    cpu = Math.min(cpu, (cpuSeconds() - c0) / calls);
    wall = Math.min(wall, (performance.now() - t0) / 1000 / calls);
  }
  return { wall: flops / wall / 1e9, cpu: flops / Math.max(cpu, 1e-9) / 1e9 };
}

/** The GEMM products of the LID step (batch 32, 48 frames of 400 samples; TDNN layer 2: 96 -> 96, context 3, dilation 2). */
function measureProducts(): PathFigures['gemm'] {
  const rows = BATCH * 48;
  const out: PathFigures['gemm'] = {};
  tf.tidy(() => {
    const frames = tf.randomNormal([rows, 400]) as tf.Tensor2D;
    const filters = tf.randomNormal([400, 80]) as tf.Tensor2D;
    const dz = tf.randomNormal([rows, 80]) as tf.Tensor2D;
    out['front end [1536,400]x[400,80]'] = gflops(2 * rows * 400 * 80, () => gemm(frames, filters).dispose());
    out['front end gradient [1536,400]^T x [1536,80]'] = gflops(2 * rows * 400 * 80, () => gemm(frames, dz, true).dispose());
    const shape = { batch: BATCH, dilation: 2, context: 3 };
    const x = tf.randomNormal([46 * BATCH, 96]) as tf.Tensor2D;
    const kernel = tf.randomNormal([288, 96]) as tf.Tensor2D;
    const bias = tf.zeros([96]) as tf.Tensor1D;
    const rowsOut = 42 * BATCH;
    const dPre = tf.randomNormal([rowsOut, 96]) as tf.Tensor2D;
    out['TDNN forward [1344,288]x[288,96]'] = gflops(2 * rowsOut * 288 * 96, () => wasmTdnnForward(x, kernel, bias, shape, true).dispose());
    // dKernel (x_j^T dPre per tap) and dx (dPre W_j^T per tap), plus the bias column sums
    out['TDNN gradient (dKernel + dx)'] = gflops(4 * rowsOut * 288 * 96 + 2 * rowsOut * 96, () => tf.dispose(wasmTdnnGrad(x, dPre, kernel, shape)));
  });
  return out;
}

/** Milliseconds of wall and CPU time per LID training step: best of 3 runs of `steps`, after `warmup`. */
async function measureStep(): Promise<{ wall: number; cpu: number }> {
  const step = makeLidTrainStep(BATCH);
  for (let i = 0; i < warmup; i++) await step.run(i);
  const best = await bestOf(3, async () => {
    for (let i = 0; i < steps; i++) await step.run(i);
  });
  step.dispose();
  // milliseconds per step
  return { wall: (best.wall * 1000) / steps, cpu: (best.cpu * 1000) / steps };
}

if (values.child) {
  await initEngine('wasm');
  const figures: PathFigures = { multiplyAdd: gemmMultiplyAdd(), gemm: measureProducts(), step: await measureStep() };
  console.log(JSON.stringify(figures));
} else {
  const flags = relaxedSimdValidates() ? [] : ['--experimental-wasm-relaxed-simd'];
  console.log(await machineLine());
  console.log(`this Node (${process.version}, V8 ${process.versions.v8}) runs the ${relaxedSimdValidates() ? 'relaxed-fma' : 'simd128'} path by default; `
    + `both paths measured in child processes with [${flags.join(' ')}], KIELO_WASM_FMA=on / off, ${rounds} alternating rounds, best of each`);
  const script = fileURLToPath(import.meta.url);
  const runPath = (fma: 'on' | 'off'): PathFigures => {
    const stdout = execFileSync(process.execPath, [...flags, '--import', 'tsx', script, '--child', '--warmup', String(warmup), '--steps', String(steps)], {
      encoding: 'utf8', env: { ...process.env, KIELO_WASM_FMA: fma }, stdio: ['ignore', 'pipe', 'inherit'],
    });
    return JSON.parse(stdout.trim().split('\n').at(-1)!) as PathFigures;
  };
  const best = { on: null as PathFigures | null, off: null as PathFigures | null };
  for (let r = 0; r < rounds; r++) {
    for (const fma of ['off', 'on'] as const) {
      const got = runPath(fma);
      const prev = best[fma];
      if (!prev) { best[fma] = got; continue; }
      for (const [name, v] of Object.entries(got.gemm)) prev.gemm[name] = { wall: Math.max(prev.gemm[name].wall, v.wall), cpu: Math.max(prev.gemm[name].cpu, v.cpu) };
      prev.step = { wall: Math.min(prev.step.wall, got.step.wall), cpu: Math.min(prev.step.cpu, got.step.cpu) };
    }
  }
  const [fused, separate] = [best.on!, best.off!];
  if (fused.multiplyAdd !== 'relaxed-fma' || separate.multiplyAdd !== 'simd128') throw new Error(`bench/wasm-fma: the children ran ${fused.multiplyAdd} and ${separate.multiplyAdd}`);
  for (const name of Object.keys(separate.gemm)) {
    const [a, b] = [separate.gemm[name], fused.gemm[name]];
    reportFigure({ name: `simd128 ${name}`, value: a.cpu, unit: `GFLOP per CPU second (${a.wall.toFixed(1)} per wall second)` });
    reportFigure({ name: `relaxed-fma ${name}`, value: b.cpu, unit: `GFLOP per CPU second (${b.wall.toFixed(1)} per wall second)`, reference: { name: 'simd128', value: a.cpu } });
  }
  const clips = (ms: number) => (BATCH * 1000) / ms;
  reportFigure({ name: 'simd128 LID training step', value: clips(separate.step.wall), unit: `clips/s (${separate.step.wall.toFixed(2)} ms; ${clips(separate.step.cpu).toFixed(0)} per CPU second)` });
  reportFigure({ name: 'relaxed-fma LID training step', value: clips(fused.step.wall), unit: `clips/s (${fused.step.wall.toFixed(2)} ms)`, reference: { name: 'simd128', value: clips(separate.step.wall) } });
  reportFigure({ name: 'relaxed-fma LID training step per CPU second', value: clips(fused.step.cpu), unit: 'clips/s', reference: { name: 'simd128', value: clips(separate.step.cpu) } });
}

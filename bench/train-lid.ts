/**
 * bench/train-lid: training throughput of the default LID model (learned front end), in 0.5 s clips per second,
 * per engine this machine loads (one thread), against the same architecture in PyTorch on one thread
 * (bench/lid_reference.py, Debian's python3-torch) measured in the same run: its framed-matmul form (what Kielo
 * computes) and its conv1d-over-raw-audio form (PyTorch's fastest). Target: the fallback engine (wasm) at least
 * half of PyTorch's speed. Run: npx tsx bench/train-lid.ts [--steps N] [--batch N]
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { availableEngines, initEngine, tf } from '../src/engine';
import { buildLidModel, lidLogitsModel } from '../src/models/lid';
import { softmaxCrossEntropy } from '../src/train/losses';
import { machineLine, reportFigure } from './lib/report';

const { values } = parseArgs({ options: { steps: { type: 'string', default: '10' }, batch: { type: 'string', default: '32' } } });
const steps = Number(values.steps);
const batch = Number(values.batch);
const FRAMES = 48; // 0.5 s at 16 kHz: 1 + (8000 - 400) / 160

/** Clips per second trained on the current engine (best of three timed runs of `steps` Adam steps). */
async function tfjsClipsPerSecond(): Promise<number> {
  const model = buildLidModel({ frontend: 'learned' }, 5);
  const logits = lidLogitsModel(model);
  const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
  const optimizer = tf.train.adam(1e-3);
  const x = tf.randomNormal([batch, FRAMES, 400], 0, 0.1, 'float32', 1);
  const y = tf.tensor1d(Array.from({ length: batch }, (_, i) => i % 5), 'int32');
  const step = async (seed: number) => {
    const loss = tf.tidy(() => {
      const { value, grads } = tf.variableGrads(() => softmaxCrossEntropy(logits.apply(x, { training: true, seed } as never) as tf.Tensor2D, y), variables);
      optimizer.applyGradients(grads as unknown as tf.NamedTensorMap as never);
      return value;
    });
    await loss.data();
    loss.dispose();
  };
  for (let i = 0; i < 3; i++) await step(i);
  let best = Infinity;
  for (let r = 0; r < 3; r++) {
    const start = performance.now();
    for (let i = 0; i < steps; i++) await step(i);
    best = Math.min(best, (performance.now() - start) / 1000);
  }
  tf.dispose([x, y]);
  optimizer.dispose();
  model.dispose();
  return (batch * steps) / best;
}

/** PyTorch's figures from bench/lid_reference.py, or null where no python3 with torch is found. */
function pytorchClipsPerSecond(): Record<string, number> | null {
  const script = fileURLToPath(new URL('./lid_reference.py', import.meta.url));
  for (const python of ['/usr/bin/python3', 'python3']) {
    const run = spawnSync(python, [script, '--batch', String(batch), '--steps', String(steps)], {
      encoding: 'utf8',
      env: { ...process.env, OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' },
    });
    if (run.status !== 0) continue;
    const figures: Record<string, number> = {};
    for (const line of run.stdout.split('\n').filter((l) => l.startsWith('{'))) {
      const r = JSON.parse(line) as { variant: string; clipsPerSecond: number; torch: string };
      figures[`PyTorch ${r.torch} ${r.variant}`] = r.clipsPerSecond;
    }
    return figures;
  }
  return null;
}

console.log(await machineLine());
console.log(`default LID model (learned front end, ${buildLidModel({}, 5).countParams()} parameters), batch ${batch}, 0.5 s clips, Adam, ${steps} steps x best of 3`);
const engines = (await availableEngines()).filter((e) => e !== 'node' || process.env.KIELO_BENCH_NODE);
const ours: Record<string, number> = {};
for (const engine of engines) {
  await initEngine(engine);
  ours[engine] = await tfjsClipsPerSecond();
}
const torch = pytorchClipsPerSecond();
const framed = torch ? Object.entries(torch).find(([k]) => k.includes('framed')) : undefined;
const conv = torch ? Object.entries(torch).find(([k]) => k.includes('conv1d')) : undefined;
if (torch) for (const [name, value] of Object.entries(torch)) reportFigure({ name, value, unit: 'clips/s' });
else console.log('PyTorch reference: no python3 with torch here (Debian: apt install python3-torch)');
for (const [engine, value] of Object.entries(ours)) {
  reportFigure({ name: `tfjs ${engine}`, value, unit: 'clips/s', reference: framed ? { name: framed[0], value: framed[1] } : undefined });
  if (conv) reportFigure({ name: `tfjs ${engine}`, value, unit: 'clips/s', reference: { name: conv[0], value: conv[1] } });
}
if (torch && ours.wasm) {
  const best = Math.max(...Object.values(torch));
  console.log(`target (wasm >= 0.5x PyTorch's fastest form): ${ours.wasm / best >= 0.5 ? 'met' : 'NOT met'} (${(ours.wasm / best).toFixed(2)}x)`);
}

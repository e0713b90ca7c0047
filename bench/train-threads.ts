/**
 * bench/train-threads: one training step of the default ASR recogniser and of the default WaveNet, as trainModel runs
 * it (bench/lib/loop-step.ts), on 1 and on N threads (data-parallel, src/train/parallel), on the wasm engine: steps per
 * wall-clock second and per CPU second of the process (all its threads), and the 1 -> N scaling. The batches are the
 * recipes' default sizes of random data: ASR 16 utterances of 2 s (200 frames of 40 log-mel bands, 20 labels each),
 * WaveNet 4 crops of receptive field + 1000 samples (unconditioned).
 * Run: npx tsx bench/train-threads.ts [--threads 1,2] [--steps N] [--warmup N] [--model asr|wavenet|all]
 */
import { parseArgs } from 'node:util';
import { initEngine, tf } from '../src/engine';
import { randomCrops } from '../src/datasets/waveform-crops';
import { buildAsrModel } from '../src/models/asr';
import { buildWavenet, mulawEncode } from '../src/models/wavenet';
import { asrBatchLoss, asrParallelPlan } from '../src/train/asr-replica';
import type { PaddedBatch } from '../src/train/asr-data';
import { wavenetParallelPlan, wavenetShard, wavenetShardLoss } from '../src/train/wavenet-replica';
import { makeRng } from '../src/util/random';
import { makeLoopStep, poolTimesLine, type LoopStep } from './lib/loop-step';
import { bestOf } from './lib/best-of';
import { machineLine } from './lib/report';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '2' },
    warmup: { type: 'string', default: '3' },
    threads: { type: 'string', default: '1,2' },
    model: { type: 'string', default: 'all' },
  },
});
function whole(name: string, text: string, min: number): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < min) {
    console.error(`bench/train-threads: --${name} must be a whole number >= ${min}, got '${text}'`);
    process.exit(2);
  }
  return value;
}
const steps = whole('steps', values.steps, 1);
const warmup = whole('warmup', values.warmup, 0);
const threadCounts = [...new Set(values.threads.split(',').map((t) => whole('threads', t.trim(), 1)))].sort((a, b) => a - b);
if (!['asr', 'wavenet', 'all'].includes(values.model)) {
  console.error(`bench/train-threads: --model must be asr, wavenet or all, got '${values.model}'`);
  process.exit(2);
}

/** The default recogniser on 16 random 2 s utterances. */
async function asrStep(threads: number): Promise<{ step: LoopStep; dispose: () => void }> {
  const model = buildAsrModel({ inputDims: 40 });
  const frames = 200;
  const rng = makeRng(1);
  const batch: PaddedBatch = {
    data: Float32Array.from({ length: 16 * frames * 40 }, () => rng() * 2 - 1), batch: 16, frames, dims: 40,
    labels: Array.from({ length: 16 }, () => Array.from({ length: 20 }, () => 1 + Math.floor(rng() * (model.config.classes - 1)))),
    outputLengths: new Array(16).fill(model.outputFrames(frames)),
  };
  const step = await makeLoopStep({ variables: model.variables, loss: (b, ctx) => asrBatchLoss(model, b, ctx.seed), plan: asrParallelPlan(model), batch }, threads);
  return { step, dispose: () => model.dispose() };
}

/** The default WaveNet on 4 crops of random mu-law audio. */
async function wavenetStep(threads: number): Promise<{ step: LoopStep; dispose: () => void }> {
  const model = buildWavenet({});
  const outputs = 1000;
  const rng = makeRng(2);
  const sources = [{ values: mulawEncode(Float32Array.from({ length: 16000 }, () => 0.3 * (rng() * 2 - 1)), model.config.classes), label: 0 }];
  const crops = randomCrops(sources, 4, model.receptiveField + outputs, rng, 0);
  const step = await makeLoopStep({
    variables: [...model.params.values()],
    loss: (b) => wavenetShardLoss(model, wavenetShard(model.config, b, 0, b.batch, outputs, false, null)),
    plan: wavenetParallelPlan(model, outputs, false, null),
    batch: crops,
  }, threads);
  return { step, dispose: () => model.dispose() };
}

/** Steps per wall and per CPU second (best of 2 runs of `steps`), after `warmup` steps. */
async function measure(name: string, make: (threads: number) => Promise<{ step: LoopStep; dispose: () => void }>): Promise<void> {
  const rates = new Map<number, { wall: number; cpu: number }>();
  for (const threads of threadCounts) {
    const { step, dispose } = await make(threads);
    try {
      for (let i = 0; i < warmup; i++) await step.run(i);
      step.pool?.resetTimes();
      const { wall, cpu } = await bestOf(2, async () => {
        for (let i = 0; i < steps; i++) await step.run(i);
      });
      rates.set(threads, { wall: steps / wall, cpu: steps / cpu });
      console.log(`${name}, ${threads} thread(s): ${(steps / wall).toFixed(2)} steps/s, ${(steps / cpu).toFixed(2)} steps per CPU second (${((wall * 1000) / steps).toFixed(1)} ms a step)`);
      if (step.pool) console.log(`  ms per step: ${poolTimesLine(step.pool)}`);
    } finally {
      await step.dispose();
      dispose();
    }
  }
  const one = rates.get(1);
  for (const [threads, rate] of rates) {
    if (one && threads > 1) console.log(`${name}: scaling 1 -> ${threads} threads ${(rate.wall / one.wall).toFixed(2)}x per wall second (${(rate.cpu / one.cpu).toFixed(2)}x per CPU second)`);
  }
}

await initEngine('wasm');
console.log(await machineLine());
console.log(`one training step (Adam, trainModel's step) on ${tf.getBackend()}, threads ${threadCounts.join(', ')}, ${steps} steps x best of 2 after ${warmup} warm-up steps`);
if (values.model !== 'wavenet') await measure('ASR (default recogniser, 16 x 2 s)', asrStep);
if (values.model !== 'asr') await measure('WaveNet (default, 4 crops x 1000 outputs)', wavenetStep);

/**
 * Generation speed of the default WaveNet (2 stacks x 10 layers, 32 residual, 64 skip channels, 256 classes) on
 * one thread: the SIMD kernel and the plain JavaScript loop (both the cached-queue recurrence), against the naive
 * way (the TensorFlow.js model over the whole receptive field for every sample) measured in the same run.
 * Rates are per wall-clock second and per CPU second of this process (the same on an idle core; on a busy
 * shared machine the CPU figure is the one that says what the loop does).
 * Conditioned generation: a randomly initialised log-mel vocoder of the same default size (condition 'mel'),
 * given the log-mel frames of a demo clip, on both fast paths, with its ratio to the unconditioned path.
 * Run: npx tsx bench/generate.ts [--seconds S] [--mel-seconds S] [--naive N]
 */
import os from 'node:os';
import { parseArgs } from 'node:util';
import { loadAudio } from '../src/audio';
import { initEngine, tf } from '../src/engine';
import { extractFeatures, type FeatureMatrix } from '../src/features';
import { generateAudio } from '../src/generate';
import { buildWavenet, readWavenetWeights, type WavenetWeights } from '../src/models/wavenet';

const { values } = parseArgs({
  options: { seconds: { type: 'string', default: '2' }, 'mel-seconds': { type: 'string', default: '1' }, naive: { type: 'string', default: '300' } },
});
const seconds = Number(values.seconds);
const melSeconds = Number(values['mel-seconds']);
const naiveSamples = Number(values.naive);

const engine = await initEngine();
const model = buildWavenet({});
const weights = await readWavenetWeights(model);
const samples = Math.round(seconds * model.config.sampleRate);

// The vocoder: same size, condition 'mel', conditioned on a demo clip's log-mel computed with its own melSpec.
const melClip = 'assets/demo/asr/test/digits/d0114.flac';
const vocoder = buildWavenet({ condition: 'mel' });
const vocoderWeights = await readWavenetWeights(vocoder);
vocoder.dispose();
const mel = extractFeatures((await loadAudio(melClip, { sampleRate: vocoderWeights.config.sampleRate })).samples, vocoderWeights.config.melSpec!);
const melSamples = Math.round(melSeconds * vocoderWeights.config.sampleRate);

/** CPU seconds (user + system) of this process so far: on a shared machine, wall time also counts others' work. */
const cpuSeconds = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
};

/** Best of three runs of the fast generator: samples per wall-clock second and per CPU second. */
async function fastRate(plainJs: boolean, of: WavenetWeights = weights, count = samples, frames?: FeatureMatrix): Promise<[wall: number, cpu: number]> {
  let best: [number, number] = [0, 0];
  for (let run = 0; run < 3; run++) {
    const cpu = cpuSeconds();
    const { samplesPerSecond } = await generateAudio(of, { samples: count, seed: run + 1, plainJs, progressEvery: count, ...(frames ? { mel: frames } : {}) });
    const perCpu = count / (cpuSeconds() - cpu);
    if (samplesPerSecond > best[0]) best = [samplesPerSecond, perCpu];
  }
  return best;
}

/** The naive generator: a forward pass over the last receptive-field samples for each new sample. */
async function naiveRate(): Promise<[wall: number, cpu: number]> {
  const field = model.receptiveField;
  const context = new Int32Array(field).fill(128);
  const step = () => {
    const logits = tf.tidy(() => model.forward(tf.tensor2d(context, [1, field], 'int32'), undefined, 1));
    const next = tf.tidy(() => tf.argMax(logits.reshape([-1])).dataSync()[0]);
    logits.dispose();
    context.copyWithin(0, 1);
    context[field - 1] = next;
  };
  for (let i = 0; i < 5; i++) step(); // warm-up
  const started = performance.now();
  const cpu = cpuSeconds();
  for (let i = 0; i < naiveSamples; i++) step();
  return [naiveSamples / ((performance.now() - started) / 1000), naiveSamples / (cpuSeconds() - cpu)];
}

const [simd, simdCpu] = await fastRate(false);
const [plain, plainCpu] = await fastRate(true);
const [melSimd, melSimdCpu] = await fastRate(false, vocoderWeights, melSamples, mel);
const [melPlain, melPlainCpu] = await fastRate(true, vocoderWeights, melSamples, mel);
const [naive, naiveCpu] = await naiveRate();
const result = {
  model: '2 stacks x 10 layers, 32 residual, 64 skip, 256 classes',
  receptiveField: model.receptiveField,
  simdSamplesPerSecond: Math.round(simd),
  plainJsSamplesPerSecond: Math.round(plain),
  naiveSamplesPerSecond: Number(naive.toFixed(1)),
  perCpuSecond: { simd: Math.round(simdCpu), plainJs: Math.round(plainCpu), naive: Number(naiveCpu.toFixed(1)) },
  loadAverage: os.loadavg()[0],
  naiveEngine: engine.name,
  simdVsNaive: Number((simd / naive).toFixed(0)),
  simdVsPlainJs: Number((simd / plain).toFixed(2)),
  realTimeFactor: Number((simd / model.config.sampleRate).toFixed(2)),
  target: 16000,
  // On a shared machine wall time counts other processes' work; CPU time is what one core gives this loop.
  meetsTargetWall: simd >= 16000,
  meetsTargetPerCpuSecond: simdCpu >= 16000,
  // The log-mel vocoder (same size, condition 'mel') on a demo clip's frames; ratios against the unconditioned
  // path of the same kind measured above.
  conditioned: {
    clip: melClip,
    frames: mel.frames,
    samples: melSamples,
    simdSamplesPerSecond: Math.round(melSimd),
    plainJsSamplesPerSecond: Math.round(melPlain),
    perCpuSecond: { simd: Math.round(melSimdCpu), plainJs: Math.round(melPlainCpu) },
    realTimeFactor: { simd: Number((melSimd / model.config.sampleRate).toFixed(2)), plainJs: Number((melPlain / model.config.sampleRate).toFixed(2)) },
    vsUnconditioned: { simd: Number((melSimd / simd).toFixed(2)), plainJs: Number((melPlain / plain).toFixed(2)) },
    meetsTargetWall: melSimd >= 16000,
  },
};
console.log(JSON.stringify(result, null, 2));
model.dispose();

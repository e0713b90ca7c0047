/**
 * Feature extraction speed on one core: log-mel (40 bands) and MFCC (13, and 13 + deltas + CMVN) for one hour of
 * 16 kHz audio, against meyda's extract('mfcc') called per 512-sample frame (10 ms hop) measured in the same run.
 *
 * The hour is processed as 12 passes over one synthetic 5-minute block (tones, a chirp, white noise and silent
 * gaps, seeded): the cost of this front end does not depend on the content, and one block keeps memory small.
 * Meyda (about 10x slower) runs on a 10 s stretch in every pass, so both see the same load on a shared machine.
 * Figures are x real time by wall clock and by the process's CPU time (what one dedicated core would take).
 * Run: npx tsx bench/features.ts [--block-minutes 5] [--passes 12] [--meyda-seconds 10]
 */
import { parseArgs } from 'node:util';
import Meyda from 'meyda';
import { defaultFeatureSpec, extractFeatures, type FeatureSpec } from '../src/features';
import { gaussian, makeRng } from '../src/util/random';
import { machineLine, reportFigure, timeWallAndCpu } from './lib/report';

const { values } = parseArgs({
  options: {
    'block-minutes': { type: 'string', default: '5' },
    passes: { type: 'string', default: '12' },
    'meyda-seconds': { type: 'string', default: '10' },
  },
});
const rate = 16000;
const blockSeconds = Number(values['block-minutes']) * 60;
const passes = Number(values.passes);
const meydaSeconds = Number(values['meyda-seconds']);

/** Seeded speech-band test audio: a stepping low tone, a warbling mid tone, noise, and a 0.5 s gap every 7 s. */
function syntheticAudio(seconds: number, seed: number): Float32Array {
  const rng = makeRng(seed);
  const x = new Float32Array(Math.round(seconds * rate));
  for (let i = 0; i < x.length; i++) {
    const t = i / rate;
    if (t % 7 > 6.5) continue; // silence
    const f0 = 120 + 40 * (Math.floor(t / 0.5) % 5);
    x[i] = 0.3 * Math.sin(2 * Math.PI * f0 * t) + 0.1 * Math.sin(2 * Math.PI * (500 + 300 * (t % 3)) * t) + 0.03 * gaussian(rng);
  }
  return x;
}

/** Runs meyda.extract('mfcc') on every 512-sample frame of x at a 160-sample hop. */
function meydaPerFrame(x: Float32Array): void {
  const hop = 160;
  const frames = 1 + Math.floor((x.length - 512) / hop);
  for (let t = 0; t < frames; t++) Meyda.extract('mfcc', x.subarray(t * hop, t * hop + 512));
}

interface Tally {
  name: string;
  run: (x: Float32Array) => void;
  audioSeconds: number;
  wall: number;
  cpu: number;
}

const staticMfcc: FeatureSpec = { ...defaultFeatureSpec('mfcc'), deltas: 0, cmvn: 'none' };
const ours = (spec: FeatureSpec) => (x: Float32Array) => void extractFeatures(x, spec);
const tallies: Tally[] = [
  { name: 'meyda mfcc per frame (512 / 160)', run: meydaPerFrame, audioSeconds: 0, wall: 0, cpu: 0 },
  { name: 'log-mel 40 (25 ms / 10 ms, fft 512)', run: ours(defaultFeatureSpec('logmel')), audioSeconds: 0, wall: 0, cpu: 0 },
  { name: 'log-mel + MFCC 13', run: ours(staticMfcc), audioSeconds: 0, wall: 0, cpu: 0 },
  { name: 'log-mel + MFCC 13 + deltas + CMVN (39 dims)', run: ours(defaultFeatureSpec('mfcc')), audioSeconds: 0, wall: 0, cpu: 0 },
];

console.log(await machineLine());
Meyda.bufferSize = 512;
Meyda.sampleRate = rate;
Meyda.melBands = 40;
Meyda.numberOfMFCCCoefficients = 13;
const block = syntheticAudio(blockSeconds, 1);
for (const t of tallies) t.run(block.subarray(0, 5 * rate)); // warm up the JIT and the caches
for (let p = 0; p < passes; p++) {
  for (const t of tallies) {
    const offset = t === tallies[0] ? ((p * meydaSeconds) % Math.max(1, blockSeconds - meydaSeconds)) * rate : 0;
    const x = t === tallies[0] ? block.subarray(offset, offset + meydaSeconds * rate) : block;
    const { wall, cpu } = timeWallAndCpu(() => t.run(x));
    t.audioSeconds += x.length / rate;
    t.wall += wall;
    t.cpu += cpu;
  }
}
const [meyda, ...mine] = tallies;
console.log(
  `audio: ${passes} passes over a ${blockSeconds / 60}-minute synthetic block = ${((passes * blockSeconds) / 3600).toFixed(2)} h each;` +
    ` meyda on ${meyda.audioSeconds} s (${meydaSeconds} s per pass, interleaved)`,
);
for (const clock of ['cpu', 'wall'] as const) {
  const reference = { name: `meyda per frame, ${clock}`, value: meyda.audioSeconds / meyda[clock] };
  reportFigure({ name: `${meyda.name} [${clock}]`, value: reference.value, unit: 'x real time' });
  for (const t of mine) reportFigure({ name: `${t.name} [${clock}]`, value: t.audioSeconds / t[clock], unit: 'x real time', reference });
}
console.log('target: >= 600x real time on one core (the [cpu] figures; [wall] includes time other processes took the core)');

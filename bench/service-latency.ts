/**
 * bench/service-latency: how long the service's event loop (where every IPC call, HTTP request and job event is
 * handled) is held up, measured with perf_hooks.monitorEventLoopDelay: idle (the reference), while a training runs
 * (real worker jobs, a small LID set made here), and while a 1-hour file's waveform and spectrograms are computed
 * (the first waveform decodes it). Prints p50, p99 and the longest stall per phase against idle, and the wait of a
 * request arriving at any moment (another thread pings the loop every 5 ms: a stall is one sample of the monitor
 * however long it lasts, but delays every request sent during it); the target is p99 under 50 ms. Run: npx tsx bench/service-latency.ts [--minutes M] (length of the long file, default 60) [--keep]
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { Worker } from 'node:worker_threads';
import { DEFAULT_TRAIN_SETTINGS } from '../src/api/contract';
import { KieloService } from '../src/api/service';
import { writeWav } from '../src/audio';
import { makeRng } from '../src/util/random';
import { machineLine, reportFigure } from './lib/report';

const { values } = parseArgs({ options: { minutes: { type: 'string', default: '60' }, keep: { type: 'boolean' } } });
const minutes = Number(values.minutes);
/** The monitor's timer period (ms); a sample is the time between its ticks, so an idle loop reads about this. */
const RESOLUTION_MS = 1;
const TARGET_P99_MS = 50;

interface Delays {
  /** monitorEventLoopDelay: one sample per tick of its timer, so a long stall is one sample however long it lasts. */
  p50: number;
  p99: number;
  max: number;
  samples: number;
  /** A request's wait: pings sent every 5 ms from another thread and answered by the loop, p50/p99 of their round trip. */
  requestP50: number;
  requestP99: number;
  /** Share of the time the main thread was busy (performance.eventLoopUtilization), 0..1. */
  utilisation: number;
}

/** Another thread pings the main thread every 5 ms and times the answers: the wait of a request arriving at any moment. */
const PROBE = `
const { parentPort } = require('node:worker_threads');
const sent = new Map();
const waits = [];
let seq = 0;
const timer = setInterval(() => { sent.set(seq, performance.now()); parentPort.postMessage(seq++); }, 5);
parentPort.on('message', (m) => {
  if (m === 'stop') { clearInterval(timer); parentPort.postMessage({ waits }); return; }
  waits.push(performance.now() - sent.get(m));
  sent.delete(m);
});`;

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

/** Event-loop delays (ms beyond the timer period) and request waits while `work` runs. */
async function measure(work: () => Promise<unknown>): Promise<Delays> {
  const probe = new Worker(PROBE, { eval: true });
  const waits = new Promise<number[]>((done) => probe.on('message', (m: number | { waits: number[] }) => (typeof m === 'number' ? probe.postMessage(m) : done(m.waits))));
  const histogram = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  histogram.enable();
  const busyBefore = performance.eventLoopUtilization();
  await work();
  const { utilization } = performance.eventLoopUtilization(busyBefore);
  histogram.disable();
  probe.postMessage('stop');
  const sorted = (await waits).sort((a, b) => a - b);
  await probe.terminate();
  const ms = (ns: number) => Math.max(0, ns / 1e6 - RESOLUTION_MS);
  return { p50: ms(histogram.percentile(50)), p99: ms(histogram.percentile(99)), max: ms(histogram.max), samples: histogram.count, utilisation: utilization, requestP50: percentile(sorted, 50), requestP99: percentile(sorted, 99) };
}

function report(phase: string, d: Delays, idle: Delays): void {
  console.log(`${phase}: ${d.samples} samples; the main thread was busy ${(100 * d.utilisation).toFixed(1)}% of the time`);
  const line = (name: string, value: number, ref: number) =>
    reportFigure({ name: `  ${name}, ${phase}`, value, unit: 'ms', reference: { name: `idle, ${ref.toFixed(2)} ms`, value: Math.max(ref, 0.01) }, higherIsBetter: false });
  line('p50 event-loop delay', d.p50, idle.p50);
  line('p99 event-loop delay', d.p99, idle.p99);
  line('longest stall', d.max, idle.max);
  line('p50 wait of a request', d.requestP50, idle.requestP50);
  line('p99 wait of a request', d.requestP99, idle.requestP99);
  const met = d.p99 < TARGET_P99_MS && d.requestP99 < TARGET_P99_MS;
  console.log(`  target (p99 < ${TARGET_P99_MS} ms, event-loop delay and request wait): ${met ? 'met' : 'NOT met'}`);
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

console.log(await machineLine());
const dir = await mkdtemp(join(tmpdir(), 'kielo-service-latency-'));
process.env.KIELO_HOME = join(dir, 'home');
try {
  const rng = makeRng(3);
  for (const [label, freq] of [['lo', 300], ['hi', 2400]] as const) {
    await mkdir(join(dir, 'data', label), { recursive: true });
    for (let i = 0; i < 16; i++) {
      const x = new Float32Array(16000);
      for (let n = 0; n < x.length; n++) x[n] = 0.3 * Math.sin((2 * Math.PI * (freq + 30 * i) * n) / 16000) + 0.02 * (2 * rng() - 1);
      await writeWav(join(dir, 'data', label, `${i}.wav`), x, 16000);
    }
  }
  const long = new Float32Array(Math.round(minutes * 60 * 16000));
  for (let n = 0; n < long.length; n++) long[n] = 0.2 * Math.sin((2 * Math.PI * (200 + ((n >> 14) % 40) * 50) * n) / 16000) + 0.02 * (2 * rng() - 1);
  await writeWav(join(dir, 'long.wav'), long, 16000);
  console.log(`made ${minutes} min of 16 kHz audio (long.wav) and a 32-file LID set`);

  const service = await KieloService.open(join(dir, 'project'));
  const idle = await measure(() => sleep(3000));
  report('idle', idle, idle);

  let training = Promise.resolve();
  const started = new Promise<void>((ready) => {
    service.onJobEvent((e) => {
      if (e.type === 'epoch' && e.point.epoch === 1) ready();
    });
  });
  await service.startTraining({ ...DEFAULT_TRAIN_SETTINGS, dataset: join(dir, 'data'), epochs: 6, batchSize: 4, patience: 0 });
  await started; // past the worker's start-up
  training = service.idle();
  report('training', await measure(() => training), idle);

  const [file] = (await service.addFiles([join(dir, 'long.wav')])).added;
  const timed: string[] = [];
  const time = async (what: string, call: () => Promise<unknown>) => {
    const t = performance.now();
    await call();
    timed.push(`${what} ${((performance.now() - t) / 1000).toFixed(2)} s`);
  };
  const views = await measure(async () => {
    await time('waveform (decodes the file)', () => service.waveform(file.id, { columns: 2000 }));
    await time('spectrogram', () => service.spectrogram(file.id, { columns: 1200, rows: 256 }));
    await time('waveform of 10 s', () => service.waveform(file.id, { columns: 2000, startSec: minutes * 30, endSec: minutes * 30 + 10 }));
    await time('model-view spectrogram (mono 16 kHz)', () => service.spectrogram(file.id, { view: 'model', scale: 'mel' }));
    await sleep(200);
  });
  console.log(`${minutes}-minute file: ${timed.join('; ')}`);
  report(`${minutes}-minute file views`, views, idle);
  await service.close();
} finally {
  if (!values.keep) await rm(dir, { recursive: true, force: true });
}

/**
 * bench/classify-load: one `kielo classify` batch of many files (the CLI's path: runJob('classify-batch') in a worker
 * thread) with the bundled LID model. Generates --files short WAVs (tones, noise, amplitude-modulated mixtures of
 * 1-3 s at 8/16/44.1 kHz) in a temp dir, and prints files per second and the process's RSS at 100 files (the
 * reference) and at the end; memory flat over the batch means no leak. Default 300 files (under a minute on 2 cores);
 * `--files 1000` for the load figure. Run: npx tsx bench/classify-load.ts [--files N] [--engine E] [--keep]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeWav } from '../src/audio';
import { runJob } from '../src/jobs';
import { makeRng } from '../src/util/random';
import { machineLine, reportFigure } from './lib/report';

const { values } = parseArgs({ options: { files: { type: 'string', default: '300' }, engine: { type: 'string', default: 'auto' }, keep: { type: 'boolean' } } });
const count = Number(values.files);
if (!Number.isInteger(count) || count < 200) throw new Error(`--files must be an integer of at least 200, got '${values.files}'`);
const MODEL = join(import.meta.dirname, '..', 'assets', 'demo', 'models', 'lid');
const RATES = [8000, 16000, 44100];

/** File i: 1-3 s of a tone, noise or a modulated two-tone mixture, at one of RATES. */
function synth(i: number, rng: () => number): { samples: Float32Array; rate: number } {
  const rate = RATES[i % RATES.length];
  const x = new Float32Array(Math.round((1 + 2 * rng()) * rate));
  const f1 = 150 + 2000 * rng();
  const f2 = 300 + 3000 * rng();
  const am = 1 + 6 * rng();
  for (let n = 0; n < x.length; n++) {
    const t = n / rate;
    const noise = 2 * rng() - 1;
    if (i % 3 === 0) x[n] = 0.3 * Math.sin(2 * Math.PI * f1 * t);
    else if (i % 3 === 1) x[n] = 0.2 * noise;
    else x[n] = 0.2 * (0.5 + 0.5 * Math.sin(2 * Math.PI * am * t)) * (Math.sin(2 * Math.PI * f1 * t) + 0.5 * Math.sin(2 * Math.PI * f2 * t)) + 0.02 * noise;
  }
  return { samples: x, rate };
}

const mb = (bytes: number) => bytes / 2 ** 20;

console.log(await machineLine());
const dir = await mkdtemp(join(tmpdir(), 'kielo-classify-load-'));
try {
  const rng = makeRng(7);
  const files: string[] = [];
  for (let i = 0; i < count; i++) {
    const { samples, rate } = synth(i, rng);
    const file = join(dir, `clip${String(i).padStart(5, '0')}.wav`);
    await writeWav(file, samples, rate);
    files.push(file);
  }
  console.log(`${count} files written to ${dir}; RSS before the batch ${mb(process.memoryUsage().rss).toFixed(0)} MB`);

  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const marks = new Map<number, { seconds: number; rss: number }>();
  const started = performance.now();
  const items = await runJob('classify-batch', { model: MODEL, files, engine: values.engine as 'auto' }, {
    onEvent: (event) => {
      if (event.done === 1 || event.done === 100 || event.done === count) marks.set(event.done, { seconds: (performance.now() - started) / 1000, rss: process.memoryUsage().rss });
    },
  });
  clearInterval(sampler);
  const failed = items.filter((item) => 'error' in item);
  if (failed.length) throw new Error(`${failed.length} files failed, e.g. ${JSON.stringify(failed[0])}`);
  const [first, at100, atEnd] = [marks.get(1)!, marks.get(100)!, marks.get(count)!];

  console.log(`classified ${count} files in ${atEnd.seconds.toFixed(1)} s (first result after ${first.seconds.toFixed(1)} s: worker start, engine, model)`);
  reportFigure({ name: `files per second, files 101..${count}`, value: (count - 100) / (atEnd.seconds - at100.seconds), unit: 'files/s', reference: { name: 'files 2..100', value: 99 / (at100.seconds - first.seconds) } });
  reportFigure({ name: `RSS at ${count} files`, value: mb(atEnd.rss), unit: 'MB', reference: { name: `RSS at 100 files, ${mb(at100.rss).toFixed(0)} MB`, value: mb(at100.rss) }, higherIsBetter: false });
  reportFigure({ name: 'peak RSS during the batch (sampled every 20 ms)', value: mb(peak), unit: 'MB', reference: { name: 'RSS at 100 files', value: mb(at100.rss) }, higherIsBetter: false });
  console.log(`peak RSS of the process (kernel maxRSS): ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
} finally {
  if (!values.keep) await rm(dir, { recursive: true, force: true });
}

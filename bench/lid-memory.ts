/**
 * bench/lid-memory: peak memory of LID training streamed from a large corpus. Generates a synthetic corpus of
 * --hours hours (default 10; 16 kHz 16-bit WAVs of 60 s, 4 labels of tone mixtures with noise) in a temp dir,
 * trains briefly through trainLid (the PCM cache on disk, streamed crops), and prints the process's peak RSS
 * (process.resourceUsage().maxRSS) against the 1.5 GB target. Run: npx tsx bench/lid-memory.ts [--hours H]
 * [--steps N] [--keep]. Needs ~2.4 GB of free disk per 10 hours (WAVs + cache).
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { writeWav } from '../src/audio';
import { trainLid } from '../src/train/lid';
import { makeRng } from '../src/util/random';
import { machineLine, reportFigure } from './lib/report';

const { values } = parseArgs({ options: { hours: { type: 'string', default: '10' }, steps: { type: 'string', default: '20' }, keep: { type: 'boolean' } } });
const hours = Number(values.hours);
const FILE_SECONDS = 60;
const RATE = 16000;
const LABELS = ['a', 'b', 'c', 'd'];

/** One minute of a label's sound: its two tones (amplitude-modulated at a label-specific rate) plus noise. */
function synthFile(label: number, rng: () => number): Float32Array {
  const x = new Float32Array(FILE_SECONDS * RATE);
  const f1 = 300 + 400 * label + 100 * rng();
  const f2 = 1500 + 900 * label + 200 * rng();
  const am = 2 + label + rng();
  for (let n = 0; n < x.length; n++) {
    const t = n / RATE;
    const env = 0.5 + 0.5 * Math.sin(2 * Math.PI * am * t);
    x[n] = 0.2 * env * (Math.sin(2 * Math.PI * f1 * t) + 0.5 * Math.sin(2 * Math.PI * f2 * t)) + 0.02 * (2 * rng() - 1);
  }
  return x;
}

console.log(await machineLine());
const dir = await mkdtemp(join(tmpdir(), 'kielo-lid-memory-'));
try {
  const files = Math.ceil((hours * 3600) / FILE_SECONDS);
  const rng = makeRng(1);
  let started = performance.now();
  for (const label of LABELS) await mkdir(join(dir, 'data', label), { recursive: true });
  for (let i = 0; i < files; i++) {
    const label = i % LABELS.length;
    await writeWav(join(dir, 'data', LABELS[label], `clip${String(i).padStart(5, '0')}.wav`), synthFile(label, rng), RATE);
  }
  console.log(`corpus: ${files} files x ${FILE_SECONDS} s = ${((files * FILE_SECONDS) / 3600).toFixed(2)} h in ${((performance.now() - started) / 1000).toFixed(0)} s (${dir})`);
  const before = process.resourceUsage().maxRSS / 1024;
  started = performance.now();
  const result = await trainLid(
    { data: join(dir, 'data'), out: join(dir, 'model'), cacheDir: join(dir, 'cache'), epochs: 1, maxStepsPerEpoch: Number(values.steps), valFraction: 0.02, engine: 'auto' },
    { onEvent: (e) => { if (e.type === 'log') console.log(e.message); } },
  );
  const peak = process.resourceUsage().maxRSS / 1024;
  console.log(`trained ${Number(values.steps)} steps on ${result.engine} in ${((performance.now() - started) / 1000).toFixed(0)} s (cache build included); RSS before training ${before.toFixed(0)} MB`);
  reportFigure({ name: `peak RSS, ${hours} h corpus`, value: peak, unit: 'MB', reference: { name: 'the 1.5 GB target', value: 1536 }, higherIsBetter: false });
  console.log(`target (peak RSS < 1.5 GB): ${peak < 1536 ? 'met' : 'NOT met'}`);
} finally {
  if (!values.keep) await rm(dir, { recursive: true, force: true });
}

/**
 * bench/fuzz-decoders: many more fuzzing runs of the decoders than CI's test (tests/audio/decoder-fuzz.test.ts), with
 * the same mutations and property (tests/audio/decoder-fuzz.ts). Prints runs, findings (each distinct problem once,
 * with its count and a reproducer saved to --out), time, runs per second, decodes over a second (the slowest saved to
 * --out too: a hang would show there), and the mean decode time of a mutated file against that of the valid files
 * measured in the same run.
 * Run: npx tsx bench/fuzz-decoders.ts [--runs N] [--seconds S] [--seed X] [--out DIR] [--files a.wav,b.opus]
 *   (--files: only these seed files, by name)
 *   (default 5000 runs or 45 s, whichever ends first; seed 1; reproducers in a temporary folder)
 */
import fc from 'fast-check';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { decodeBytes } from '../src/audio';
import { onAudioWarning } from '../src/audio/warnings';
import { fuzzOnce, fuzzSeeds, mutationsArb } from '../tests/audio/decoder-fuzz';
import { machineLine, reportFigure } from './lib/report';

const { values } = parseArgs({
  options: {
    runs: { type: 'string', default: '5000' }, seconds: { type: 'string', default: '45' }, seed: { type: 'string', default: '1' }, out: { type: 'string' },
    files: { type: 'string' },
  },
});
const runs = Number(values.runs);
const seconds = Number(values.seconds);
const seed = Number(values.seed);
if (!Number.isInteger(runs) || runs < 1 || !(seconds > 0) || !Number.isInteger(seed)) {
  console.error(`bench/fuzz-decoders: --runs and --seed must be integers (runs >= 1) and --seconds > 0, got '${values.runs}', '${values.seconds}', '${values.seed}'`);
  process.exit(2);
}
const out = values.out ?? mkdtempSync(join(tmpdir(), 'kielo-fuzz-'));
mkdirSync(out, { recursive: true });
onAudioWarning(() => {});

console.log(await machineLine());
const wanted = values.files?.split(',');
const seeds = fuzzSeeds().filter((s) => !wanted || wanted.includes(s.name));
if (seeds.length === 0) {
  console.error(`bench/fuzz-decoders: --files names none of ${fuzzSeeds().map((s) => s.name).join(', ')}`);
  process.exit(2);
}
// reference: decoding the valid files, best of 3 rounds
let validMs = Infinity;
for (let round = 0; round < 3; round++) {
  const start = performance.now();
  for (const s of seeds) await decodeBytes(s.name, s.bytes);
  validMs = Math.min(validMs, (performance.now() - start) / seeds.length);
}

const findings = new Map<string, { count: number; reproducer: string }>();
let done = 0;
let decodeMs = 0;
let slowest = { ms: 0, name: '' };
let overSecond = 0;
const start = performance.now();
const deadline = start + seconds * 1000;
const BATCH = 250;
for (let batch = 0; done < runs && performance.now() < deadline; batch++) {
  const inputs = fc.sample(fc.tuple(fc.constantFrom(...seeds), mutationsArb, fc.boolean()), { numRuns: Math.min(BATCH, runs - done), seed: seed * 1_000_003 + batch });
  for (const [s, mutations, fixCrcs] of inputs) {
    if (performance.now() >= deadline) break;
    const { problem, ms, bytes } = await fuzzOnce(s, mutations, fixCrcs);
    done++;
    decodeMs += ms;
    if (ms > 1000) overSecond++;
    if (ms > slowest.ms) {
      slowest = { ms, name: `${s.name} (run ${done})` };
      writeFileSync(join(out, `slowest-${s.name}`), bytes);
    }
    if (!problem) continue;
    const key = `${s.name}: ${problem.replace(/\d+/g, 'N')}`;
    const known = findings.get(key);
    if (known) known.count++;
    else {
      const reproducer = join(out, `finding-${findings.size + 1}-${s.name}`);
      writeFileSync(reproducer, bytes);
      writeFileSync(`${reproducer}.json`, JSON.stringify({ seed: s.name, problem, mutations, fixCrcs }, (_, v: unknown) => (v instanceof Uint8Array ? [...v] : v), 1));
      findings.set(key, { count: 1, reproducer });
    }
  }
}
const elapsed = (performance.now() - start) / 1000;

console.log(`runs: ${done} over ${seeds.length} seed files (${seeds.map((s) => s.name).join(', ')}), seed ${seed}`);
console.log(`findings: ${findings.size} distinct, ${[...findings.values()].reduce((n, f) => n + f.count, 0)} runs`);
for (const [key, f] of findings) console.log(`  ${f.count} x ${key}\n      reproducer: ${f.reproducer}`);
reportFigure({ name: 'time', value: elapsed, unit: 's' });
reportFigure({ name: 'runs per second', value: done / elapsed, unit: 'runs/s' });
reportFigure({ name: 'mean decode of a mutated file', value: decodeMs / done, unit: 'ms', reference: { name: 'a valid seed file', value: validMs }, higherIsBetter: false });
reportFigure({ name: `slowest decode, ${slowest.name}, saved in ${out}`, value: slowest.ms, unit: 'ms' });
console.log(`decodes over 1 s: ${overSecond}`);
process.exitCode = findings.size > 0 ? 1 : 0;

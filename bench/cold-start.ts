/**
 * Cold start of the packaged code (scripts/build-bundles.mjs) against TypeScript through tsx, measured in the same
 * run, variants interleaved so a passing load hits both:
 * - CLI: `kielo classify --model assets/demo/models/lid TEN.wav --json` of a 10 s 16 kHz WAV (demo clips of
 *   assets/demo/lid/fi concatenated), as `node bin/kielo.mjs` (tsx) and `node dist/app/kielo.js` (bundle).
 *   Wall: spawn to exit.
 * - Service: bench/cold-start-service.ts (electron/main.ts's start path without Electron: the demo project opened,
 *   then project() and engine() answered), through a tsx shim like the one dist/electron/main.js used to be, and
 *   bundled. Wall: process start to the call answered (the child's performance.now()).
 * tsx keeps a disk cache of its transforms; "tsx" runs with it warm (every start after the first), "tsx, no
 * cache" with TSX_DISABLE_CACHE=1 (the first start after an install or an update). CPU: user + system of the whole
 * process, all threads (process.cpuUsage() at exit, through a --import hook). Figures are medians.
 * Run: npx tsx bench/cold-start.ts [--runs 7]
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { listAudioFiles, loadAudio, writeWav } from '../src/audio';
import { machineLine, reportFigure } from './lib/report';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(values.runs);
const root = fileURLToPath(new URL('..', import.meta.url));
const dir = await mkdtemp(join(tmpdir(), 'kielo-cold-start-'));

/** One run: wall and CPU seconds; for the service, also the wall seconds to engine() answered. */
interface Sample {
  wall: number;
  cpu: number;
  engine?: number;
}

/** Prints the process's CPU time (µs, all threads) on stderr at exit. */
const CPU_HOOK = `data:text/javascript,${encodeURIComponent("process.on('exit',()=>{const u=process.cpuUsage();process.stderr.write('\\nkielo-cpu-us '+(u.user+u.system)+'\\n')})")}`;

/** Runs node with `args`; resolves with its wall time (s), CPU time (s) and stdout. */
function runNode(args: string[], env: Record<string, string> = {}): Promise<{ wall: number; cpu: number; stdout: string }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(process.execPath, [`--import=${CPU_HOOK}`, ...args], { cwd: root, env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const wall = (performance.now() - start) / 1000;
      const cpu = /kielo-cpu-us (\d+)/.exec(stderr);
      if (code !== 0 || !cpu) return reject(new Error(`node ${args.join(' ')} exited ${code}: ${stderr.slice(-500)}`));
      resolve({ wall, cpu: Number(cpu[1]) / 1e6, stdout });
    });
  });
}

const median = (xs: number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// the 10 s WAV
const clips = await listAudioFiles([join(root, 'assets', 'demo', 'lid', 'fi')]);
const ten = new Float32Array(10 * 16000);
for (let at = 0, i = 0; at < ten.length; i++) {
  const { samples } = await loadAudio(clips[i % clips.length]);
  ten.set(samples.subarray(0, ten.length - at), at);
  at += Math.min(samples.length, ten.length - at);
}
const wav = join(dir, 'ten.wav');
await writeWav(wav, ten, 16000);

// the bundles, as the package has them, plus the service bench
interface BuildModule {
  buildBundles(options: { outdir: string; entries: Record<string, string> }): Promise<unknown>;
  BUNDLE_ENTRIES: Record<string, string>;
}
const build = (await import(/* @vite-ignore */ pathToFileURL(join(root, 'scripts', 'build-bundles.mjs')).href)) as BuildModule;
const out = join(dir, 'dist');
await build.buildBundles({ outdir: out, entries: { ...build.BUNDLE_ENTRIES, 'app/cold-start-service': 'bench/cold-start-service.ts' } });
const shim = join(dir, 'service-tsx.mjs');
await writeFile(
  shim,
  `import { register } from ${JSON.stringify(import.meta.resolve('tsx/esm/api'))};\nregister();\nawait import(${JSON.stringify(pathToFileURL(join(root, 'bench', 'cold-start-service.ts')).href)});\n`,
);
const home = join(dir, 'home');

const classify = ['classify', '--model', join(root, 'assets', 'demo', 'models', 'lid'), wav, '--json'];
const variants: { name: string; group: 'cli' | 'service'; args: string[]; env?: Record<string, string> }[] = [
  { name: 'CLI, tsx', group: 'cli', args: [join(root, 'bin', 'kielo.mjs'), ...classify] },
  { name: 'CLI, tsx, no cache', group: 'cli', args: [join(root, 'bin', 'kielo.mjs'), ...classify], env: { TSX_DISABLE_CACHE: '1' } },
  { name: 'CLI, bundle', group: 'cli', args: [join(out, 'app', 'kielo.js'), ...classify] },
  { name: 'service, tsx', group: 'service', args: [shim], env: { KIELO_HOME: home } },
  { name: 'service, tsx, no cache', group: 'service', args: [shim], env: { KIELO_HOME: home, TSX_DISABLE_CACHE: '1' } },
  { name: 'service, bundle', group: 'service', args: [join(out, 'app', 'cold-start-service.js')], env: { KIELO_HOME: home } },
];

console.log(await machineLine());
const samples = new Map<string, Sample[]>(variants.map((v) => [v.name, []]));
for (let round = 0; round <= runs; round++) {
  for (const v of variants) {
    const r = await runNode(v.args, v.env);
    // the service's wall is to project() answered; its CPU is the whole process (engine() included)
    const service = v.group === 'service' ? (JSON.parse(r.stdout.trim().split('\n').at(-1)!) as { projectMs: number; engineMs: number }) : null;
    if (round > 0) samples.get(v.name)!.push({ wall: service ? service.projectMs / 1000 : r.wall, cpu: r.cpu, engine: service ? service.engineMs / 1000 : undefined });
  }
}
console.log(`${runs} runs each after a warm-up, interleaved; load average after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);

for (const group of ['cli', 'service'] as const) {
  const [tsx, cold, bundle] = variants.filter((v) => v.group === group).map((v) => samples.get(v.name)!);
  const what = group === 'cli' ? 'classify 10 s, spawn to exit' : 'to project() answered';
  for (const [name, set] of [['tsx', tsx], ['tsx, no cache', cold], ['bundle', bundle]] as const) {
    reportFigure({ name: `${group} ${name}: wall ${what}`, value: median(set.map((s) => s.wall)), unit: 's', reference: name === 'bundle' ? { name: 'tsx', value: median(tsx.map((s) => s.wall)) } : undefined, higherIsBetter: false });
    reportFigure({ name: `${group} ${name}: CPU`, value: median(set.map((s) => s.cpu)), unit: 's', reference: name === 'bundle' ? { name: 'tsx', value: median(tsx.map((s) => s.cpu)) } : undefined, higherIsBetter: false });
    if (group === 'service') {
      reportFigure({ name: `${group} ${name}: wall to engine() answered`, value: median(set.map((s) => s.engine!)), unit: 's', reference: name === 'bundle' ? { name: 'tsx', value: median(tsx.map((s) => s.engine!)) } : undefined, higherIsBetter: false });
    }
  }
  const b = median(bundle.map((s) => s.wall));
  console.log(`${group}: after/before wall ${(b / median(tsx.map((s) => s.wall))).toFixed(2)} (tsx cached), ${(b / median(cold.map((s) => s.wall))).toFixed(2)} (tsx uncached); CPU ${(median(bundle.map((s) => s.cpu)) / median(tsx.map((s) => s.cpu))).toFixed(2)} (tsx cached), ${(median(bundle.map((s) => s.cpu)) / median(cold.map((s) => s.cpu))).toFixed(2)} (tsx uncached)`);
}
await rm(dir, { recursive: true, force: true });

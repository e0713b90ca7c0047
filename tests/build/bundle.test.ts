/**
 * The package's bundles (scripts/build-bundles.mjs), built once into a temporary folder: the CLI answers --help and
 * real commands, runJob starts the bundled job worker (which loads TensorFlow.js's wasm engine from the copied
 * .wasm files), BatchPrefetcher starts the bundled prefetch worker, classify spreads files over the bundled file
 * workers, `train lid --threads 2` trains through the bundled replica workers, and nothing in them reaches for TypeScript,
 * tsx or a bundled package at run time.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWav } from '../../src/audio';
import type * as Datasets from '../../src/datasets';
import { defaultFeatureSpec } from '../../src/features';
import type { runJob as RunJob } from '../../src/jobs';
import { writeToneNoiseSet } from '../train/lid-fixtures';
import type * as AudioViewThreads from '../../src/api/audio-view-thread';

interface Metafile {
  inputs: Record<string, unknown>;
  outputs: Record<string, { imports: { path: string; external?: boolean }[] }>;
}
interface BuildModule {
  buildBundles(options: { outdir: string; entries: Record<string, string> }): Promise<Metafile>;
  BUNDLE_ENTRIES: Record<string, string>;
  EXTERNAL: string[];
}

const root = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);
let dir = '';
let metafile: Metafile;
let build: BuildModule;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-bundle-'));
  const script = pathToFileURL(join(root, 'scripts', 'build-bundles.mjs')).href;
  build = (await import(/* @vite-ignore */ script)) as BuildModule;
  // the layers' indexes as more entries, so the test calls the bundled runJob and BatchPrefetcher
  const entries = { ...build.BUNDLE_ENTRIES, 'app/jobs': 'src/jobs/index.ts', 'app/datasets': 'src/datasets/index.ts', 'app/audio-view-thread': 'src/api/audio-view-thread.ts' };
  metafile = await build.buildBundles({ outdir: join(dir, 'dist'), entries });
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs the bundled CLI with node. */
function kielo(...args: string[]) {
  return run(process.execPath, [join(dir, 'dist', 'app', 'kielo.js'), ...args], { cwd: dir, encoding: 'utf8' });
}

describe('the bundles', () => {
  it('import only node builtins, each other and the external packages; no TypeScript source is left to load', async () => {
    const allowed = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...build.EXTERNAL]);
    for (const [file, output] of Object.entries(metafile.outputs)) {
      for (const { path, external } of output.imports) {
        if (external) expect(allowed, `${file} imports ${path}`).toContain(path);
      }
    }
    expect(Object.keys(metafile.inputs).filter((input) => input.includes('node_modules/tsx/'))).toEqual([]);
    // the defines folded the tsx branches away: no worker starts from a *-entry.mjs file (which registers tsx)
    for (const file of Object.keys(metafile.outputs).filter((f) => f.endsWith('.js'))) {
      expect(await readFile(join(root, file), 'utf8'), file).not.toMatch(/-entry\.mjs/);
    }
  });

  it('the CLI answers --help and runs info and features on a WAV', async () => {
    const help = await kielo('--help');
    expect(help.stdout).toContain('usage: kielo COMMAND');
    const wav = join(dir, 'tone.wav');
    const x = new Float32Array(16000);
    for (let i = 0; i < x.length; i++) x[i] = 0.3 * Math.sin((2 * Math.PI * 440 * i) / 16000);
    await writeWav(wav, x, 16000);
    const info = JSON.parse((await kielo('info', wav, '--json')).stdout);
    expect(JSON.stringify(info)).toContain('"sampleRate":16000');
    const features = JSON.parse((await kielo('features', wav, '--type', 'mfcc', '--json')).stdout);
    expect(features).toMatchObject({ type: 'mfcc', frames: 1 + Math.floor((16000 - 400) / 160), dims: 39 });
  });

  it('classify --vad silero --threads 2 runs Silero VAD from the copied onnxruntime-web wasm in the bundled file workers: a tone is no speech, a demo clip speech', async () => {
    const tone = join(dir, 'tone300.wav');
    await writeWav(tone, Float32Array.from({ length: 16000 }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 300 * i) / 16000)), 16000);
    const clip = join(root, 'assets/demo/lid/fi/fi009-klatt3.flac');
    const { stdout } = await kielo('classify', '--model', join(root, 'assets/demo/models/lid'), '--engine', 'wasm', '--vad', 'silero', '--threads', '2', '--json', tone, clip);
    const [a, b] = JSON.parse(stdout) as { speech: boolean; label: string | null }[];
    expect([a.speech, a.label, b.speech, b.label]).toEqual([false, null, true, 'fi']);
  });

  it('train lid --threads 2 computes its gradients in the bundled replica workers', async () => {
    const data = await writeToneNoiseSet(6, 1);
    try {
      const { stdout, stderr } = await kielo('train', 'lid', '--data', data, '--out', join(dir, 'lid-model'), '--epochs', '1', '--batch-size', '8', '--clip-seconds', '0.5',
        '--threads', '2', '--engine', 'wasm', '--cache-dir', join(dir, 'pcm-cache'), '--json');
      expect(stderr).toContain('training on wasm, 2 threads');
      expect(JSON.parse(stdout)).toMatchObject({ epochs: 1, engine: 'wasm', labels: ['noise', 'tone'] });
    } finally {
      await rm(data, { recursive: true, force: true });
    }
  });

  it('runJob starts the bundled job worker, which runs TensorFlow.js on the wasm engine', async () => {
    const jobs = (await import(pathToFileURL(join(dir, 'dist', 'app', 'jobs.js')).href)) as { runJob: typeof RunJob };
    const steps: number[] = [];
    const result = await jobs.runJob('selftest', { count: 3, engine: 'wasm' }, { onEvent: (e) => steps.push(e.step) });
    expect(result).toMatchObject({ counted: 3, engine: 'wasm', matmul: [7, 10, 15, 22] });
    expect(result.threadId).toBeGreaterThan(0);
    expect(steps).toEqual([1, 2, 3]);
  });

  it('BatchPrefetcher starts the bundled prefetch worker, which makes the batches clipBatches makes', async () => {
    const datasets = (await import(pathToFileURL(join(dir, 'dist', 'app', 'datasets.js')).href)) as typeof Datasets;
    const files: string[] = [];
    for (let i = 0; i < 4; i++) {
      files.push(join(dir, `ramp${i}.wav`));
      await writeWav(files[i], Float32Array.from({ length: 6000 + 1000 * i }, (_, k) => ((k + i) % 1000) / 2000), 16000);
    }
    const cache = await datasets.PcmCache.build(files, { dir: join(dir, 'cache') });
    const labels = [0, 1, 0, 1];
    const shared = { spec: defaultFeatureSpec('frames'), clipSamples: 4000, batchSize: 2 };
    const prefetcher = new datasets.BatchPrefetcher({ ...shared, cache, labels });
    try {
      const fetched = [];
      for await (const b of prefetcher.batches({ indices: [0, 1, 2, 3], seed: null })) fetched.push(b);
      const direct = [...datasets.clipBatches({ ...shared, indices: [0, 1, 2, 3], cache, labelOf: (i) => labels[i], rng: null })];
      expect(fetched.map((b) => b.data)).toEqual(direct.map((b) => b.data));
      expect(fetched).toHaveLength(2);
    } finally {
      await prefetcher.close();
      cache.close();
    }
  });

  it('AudioViewThread starts the bundled audio view worker, which decodes a file and sends its waveform', async () => {
    const views = (await import(pathToFileURL(join(dir, 'dist', 'app', 'audio-view-thread.js')).href)) as typeof AudioViewThreads;
    const file = join(dir, 'square.wav');
    await writeWav(file, Float32Array.from({ length: 1600 }, (_, k) => (k < 800 ? 0.5 : -0.25)), 16000);
    const thread = new views.AudioViewThread();
    try {
      const wave = await thread.waveform(file, { view: 'file', columns: 10 });
      expect(wave.channels[0].max).toEqual([0.5, 0.5, 0.5, 0.5, 0.5, -0.25, -0.25, -0.25, -0.25, -0.25]);
    } finally {
      await thread.close();
    }
  });
});

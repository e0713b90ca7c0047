/**
 * The package's bundles (scripts/build-bundles.mjs), built once into a temporary folder: the CLI answers --help and
 * a real command, runJob starts the bundled job worker (which loads TensorFlow.js's wasm engine from the copied
 * .wasm files), and nothing in them reaches for TypeScript, tsx or a bundled package at run time.
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
import type { runJob as RunJob } from '../../src/jobs';

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
  // src/jobs/index.ts as one more entry, so the test calls the bundled runJob
  metafile = await build.buildBundles({ outdir: join(dir, 'dist'), entries: { ...build.BUNDLE_ENTRIES, 'app/jobs': 'src/jobs/index.ts' } });
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
    const cli = await readFile(join(dir, 'dist', 'app', 'kielo.js'), 'utf8');
    expect(cli).not.toMatch(/\.ts['"]\)/);
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

  it('runJob starts the bundled job worker, which runs TensorFlow.js on the wasm engine', async () => {
    const jobs = (await import(pathToFileURL(join(dir, 'dist', 'app', 'jobs.js')).href)) as { runJob: typeof RunJob };
    const steps: number[] = [];
    const result = await jobs.runJob('selftest', { count: 3, engine: 'wasm' }, { onEvent: (e) => steps.push(e.step) });
    expect(result).toMatchObject({ counted: 3, engine: 'wasm', matmul: [7, 10, 15, 22] });
    expect(steps).toEqual([1, 2, 3]);
  });
});

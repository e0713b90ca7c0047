// Bundles what the packaged app runs, so it needs no TypeScript at run time (development keeps tsx: bin/kielo.mjs,
// the *-entry.mjs worker entries, the tests). One esbuild build, ESM with shared chunks, every output one folder
// below dist/:
//   dist/electron/main.js        electron/main.ts (package.json "main")
//   dist/app/kielo.js            the CLI (src/cli/main.ts): node dist/app/kielo.js ARGS
//   dist/app/job-worker.js       src/jobs/worker.ts, started by runJob (src/jobs/run.ts)
//   dist/app/prefetch-worker.js  src/datasets/prefetch-worker.ts, started by BatchPrefetcher (src/datasets/prefetch.ts)
//   dist/app/replica-worker.js   src/train/parallel/replica-worker.ts, started by GradientPool (src/train/parallel/pool.ts)
//   dist/app/file-worker.js      src/jobs/file-worker.ts, started by mapFiles (src/jobs/file-pool.ts)
//   dist/app/audio-view-worker.js src/api/audio-view-worker.ts, started by AudioViewThread (src/api/audio-view-thread.ts)
//   dist/app/chunk-*.js          code the entries share (TensorFlow.js once, not once per entry)
//   dist/app/wasm/*.wasm         tfjs-backend-wasm's binaries (src/engine/index.ts loads them from here)
//   dist/app/ort/                onnxruntime-web's wasm engine, ORT_WASM_FILES (src/features/silero-detector.ts)
// Two rules keep src/ one code path per environment:
// - import.meta.url in a bundled module is the URL its source file has in the package tree (rewritten below), so
//   every `new URL(rel, import.meta.url)` in src/ (assets/demo, package.json, dist/renderer) means what it does
//   under tsx.
// - The few paths that differ are esbuild defines the source reads with `typeof NAME === 'string'` (undefined
//   under tsx, so the *-entry.mjs files and node_modules are used there), each a path relative to the source file
//   that reads it (BUNDLE_DEFINES).
// Third-party packages are bundled (EXTERNAL lists the exceptions and why), so the package needs no node_modules
// for them: they are devDependencies.
import { build } from 'esbuild';
import { copyFile, mkdir, readFile, readdir, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const ROOT = fileURLToPath(new URL('..', import.meta.url));

/**
 * Not bundled: electron (the runtime itself); @tensorflow/tfjs-node (optional and native: its addon is found
 * relative to its own files, and it loads only where it installed; it shares the bundled tfjs-core's engine through
 * tfjs's global registry); optional packages that are not installed and are required inside try/catch: ws's native
 * speed-ups (bufferutil, utf-8-validate) and node-fetch's `encoding` (tfjs-core's node platform).
 */
export const EXTERNAL = ['electron', '@tensorflow/tfjs-node', 'bufferutil', 'utf-8-validate', 'encoding'];

/** The outputs, relative to dist/ (see the header). */
export const BUNDLE_ENTRIES = {
  'electron/main': 'electron/main.ts',
  'app/kielo': 'kielo:cli',
  'app/job-worker': 'src/jobs/worker.ts',
  'app/prefetch-worker': 'src/datasets/prefetch-worker.ts',
  'app/replica-worker': 'src/train/parallel/replica-worker.ts',
  'app/file-worker': 'src/jobs/file-worker.ts',
  'app/audio-view-worker': 'src/api/audio-view-worker.ts',
};

/** The defines src/ reads: the folder of the source file that reads it, and what it names (relative to outdir). */
export const BUNDLE_DEFINES = {
  KIELO_JOB_WORKER: { reader: 'src/jobs', target: 'app/job-worker.js' },
  KIELO_PREFETCH_WORKER: { reader: 'src/datasets', target: 'app/prefetch-worker.js' },
  KIELO_REPLICA_WORKER: { reader: 'src/train/parallel', target: 'app/replica-worker.js' },
  KIELO_FILE_WORKER: { reader: 'src/jobs', target: 'app/file-worker.js' },
  KIELO_AUDIO_VIEW_WORKER: { reader: 'src/api', target: 'app/audio-view-worker.js' },
  KIELO_WASM_DIR: { reader: 'src/engine', target: 'app/wasm' },
  KIELO_ORT_WASM_DIR: { reader: 'src/features', target: 'app/ort' },
};

/** onnxruntime-web's single-threaded-capable wasm engine (the .mjs loader imports the .wasm beside it); its other builds (jsep, jspi, asyncify: WebGPU/WebNN) are not used. */
export const ORT_WASM_FILES = ['ort-wasm-simd-threaded.mjs', 'ort-wasm-simd-threaded.wasm'];

/** A relative path as a URL path. */
const urlPath = (path) => path.split(sep).join(posix.sep);

/** The CLI's entry: what bin/kielo.mjs does after registering tsx. */
const CLI_ENTRY = "import { main } from './src/cli/main.ts';\nprocess.exitCode = await main(process.argv.slice(2));\n";

/**
 * Gives every module of the tree its package-tree import.meta.url (`up` leads from an output's folder to the root),
 * and resolves the virtual CLI entry.
 */
function kieloPlugin(root, up) {
  return {
    name: 'kielo',
    setup(b) {
      b.onResolve({ filter: /^kielo:cli$/ }, () => ({ path: 'cli', namespace: 'kielo' }));
      b.onLoad({ filter: /.*/, namespace: 'kielo' }, () => ({ contents: CLI_ENTRY, resolveDir: root, loader: 'ts' }));
      b.onLoad({ filter: /\.(ts|tsx|mts)$/ }, async (args) => {
        const rel = urlPath(relative(root, args.path));
        if (rel.startsWith('..') || rel.startsWith('node_modules/')) return undefined;
        const source = await readFile(args.path, 'utf8');
        const url = `new URL(${JSON.stringify(`${up}/${rel}`)}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', url), loader: args.path.endsWith('x') ? 'tsx' : 'ts' };
      });
    },
  };
}

/**
 * Builds the bundles into `outdir` (default dist/; any folder, e.g. a test's temporary one), every output
 * one folder below it. `entries` may add outputs (tests bundle src/jobs/index.ts to call runJob). Returns esbuild's
 * metafile.
 */
export async function buildBundles({ root = ROOT, outdir = join(root, 'dist'), entries = BUNDLE_ENTRIES } = {}) {
  const up = urlPath(relative(join(outdir, 'app'), root));
  await rm(join(outdir, 'app'), { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.entries(entries).map(([out, input]) => ({ in: input, out })),
    outdir,
    chunkNames: 'app/chunk-[hash]',
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    external: EXTERNAL,
    // the ES module builds: a code-split dynamic import of a CommonJS build (tfjs's node builds) yields only its
    // default export, so `await import('@tensorflow/tfjs-backend-wasm')` in src/engine would lose setWasmPaths
    mainFields: ['module', 'main'],
    // folds the defines' `typeof NAME === 'string' ? bundled : tsx` to the bundled branch; names and lines stay
    // (full minification halves the bytes but saved no start-up CPU when measured: 0.45 against 0.46 s)
    minifySyntax: true,
    sourcemap: false,
    metafile: true,
    logLevel: 'warning',
    define: {
      ...Object.fromEntries(
        Object.entries(BUNDLE_DEFINES).map(([name, { reader, target }]) => [name, JSON.stringify(urlPath(relative(join(root, reader), join(outdir, target))))]),
      ),
      // bundled CommonJS (tfjs's node builds) reads these; ESM has neither
      __dirname: '__kieloDirname',
      __filename: '__kieloFilename',
    },
    banner: {
      js: [
        "import { createRequire as __kieloCreateRequire } from 'node:module';",
        'const require = __kieloCreateRequire(import.meta.url);',
        // not the URL global: a bundled module may declare its own top-level URL
        'const __kieloFilename = import.meta.filename;',
        'const __kieloDirname = import.meta.dirname;',
      ].join('\n'),
    },
    plugins: [kieloPlugin(root, up)],
  });
  for (const file of Object.keys(result.metafile.outputs)) {
    if (urlPath(relative(dirname(join(root, file)), root)) !== up) throw new Error(`build-bundles: ${file} is not one folder below ${outdir}`);
  }
  const wasmFrom = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm', { paths: [root] }));
  const wasmTo = join(outdir, 'app', 'wasm');
  await mkdir(wasmTo, { recursive: true });
  for (const name of (await readdir(wasmFrom)).filter((n) => n.endsWith('.wasm'))) await copyFile(join(wasmFrom, name), join(wasmTo, name));
  const ortFrom = dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm', { paths: [root] }));
  const ortTo = join(outdir, 'app', 'ort');
  await mkdir(ortTo, { recursive: true });
  for (const name of ORT_WASM_FILES) await copyFile(join(ortFrom, name), join(ortTo, name));
  return result.metafile;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const metafile = await buildBundles();
  const bytes = Object.values(metafile.outputs).reduce((sum, o) => sum + o.bytes, 0);
  process.stdout.write(`kielo: bundled ${Object.keys(metafile.outputs).length} files (${(bytes / 1e6).toFixed(1)} MB) into dist/electron and dist/app\n`);
}

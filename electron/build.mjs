// Builds what Electron loads (npm run build:electron; npm start runs it before starting Electron):
// dist/electron/preload.cjs (one sandbox-safe CommonJS bundle) and the main process with the CLI and the worker
// threads it starts (dist/electron/main.js, package.json "main", and dist/app/; scripts/build-bundles.mjs), all
// esbuild, so the app runs no TypeScript at start.
import { build } from 'esbuild';
import { mkdir } from 'node:fs/promises';
import { URL, fileURLToPath } from 'node:url';
import { stdout } from 'node:process';
import { buildBundles } from '../scripts/build-bundles.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/electron`;
await mkdir(out, { recursive: true });
await build({
  entryPoints: [`${root}electron/preload.ts`],
  outfile: `${out}/preload.cjs`,
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  external: ['electron'],
  logLevel: 'warning',
});
const metafile = await buildBundles({ root });
stdout.write(`kielo: built dist/electron/preload.cjs, dist/electron/main.js and dist/app/ (${Object.keys(metafile.outputs).length - 1} more files)\n`);

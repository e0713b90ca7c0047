/**
 * The built renderer for `kielo serve`: a checkout has none until Vite builds it, so the first serve builds it (Vite is
 * installed with the project's dev dependencies); a packaged app ships it built.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UsageError } from '../util/errors';

/** Makes sure `rendererDir` holds a built renderer, building it with the checkout's Vite when it does not. */
export function ensureRenderer(rendererDir: string, log: (line: string) => void): void {
  if (existsSync(join(rendererDir, 'index.html'))) return;
  const root = dirname(dirname(rendererDir));
  const vite = join(root, 'node_modules', 'vite', 'bin', 'vite.js');
  if (!existsSync(vite) || !existsSync(join(root, 'vite.config.ts'))) {
    throw new UsageError(`no built renderer in ${rendererDir}, and no Vite to build it with (run npm install, then npm run build:renderer)`);
  }
  log('kielo: building the studio once for this checkout (vite build)...');
  const result = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (result.status !== 0 || !existsSync(join(rendererDir, 'index.html'))) {
    throw new Error(`building the renderer failed: ${(result.stderr || result.error?.message || `vite exited with ${result.status}`).trim().split('\n').slice(-3).join(' ')}`);
  }
}

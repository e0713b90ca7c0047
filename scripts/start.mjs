// `npm start`: opens the studio on the bundled demo project. Builds the renderer when needed; runs Electron when its
// binary is installed, else says so in one line and serves browser mode instead (kielo serve prints the URL).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import process from 'node:process';

const root = fileURLToPath(new URL('..', import.meta.url));
const require = createRequire(import.meta.url);
const extra = process.argv.slice(2);

function run(args) {
  const result = spawnSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function electronBinary() {
  try {
    const path = require('electron');
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

if (!existsSync(`${root}dist/renderer/index.html`)) run([`${root}node_modules/vite/bin/vite.js`, 'build', '--logLevel', 'warn']);
const electron = electronBinary();
const child = electron
  ? (run([`${root}electron/build.mjs`]), spawn(electron, [root, ...extra], { cwd: root, stdio: 'inherit' }))
  : (process.stderr.write('kielo: the Electron binary is not installed here, so the studio opens in browser mode instead.\n'),
    spawn(process.execPath, [`${root}bin/kielo.mjs`, 'serve', ...extra], { cwd: root, stdio: 'inherit' }));
process.on('SIGINT', () => child.kill('SIGINT'));
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code) => process.exit(code ?? 0));

// Fetches the Electron binary when the network allows it, and never fails the install when it cannot.
// npm 11 runs dependency install scripts only for packages in package.json "allowScripts"; Electron's own
// script is kept off there because a failed download would fail the whole install on offline machines (CI).
import { existsSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

function electronInstallScript() {
  try {
    return require.resolve('electron/install.js');
  } catch {
    return null;
  }
}

function electronBinaryPresent() {
  try {
    const pathFile = require.resolve('electron/path.txt');
    return existsSync(pathFile);
  } catch {
    return false;
  }
}

const script = electronInstallScript();
if (process.env.ELECTRON_SKIP_BINARY_DOWNLOAD || !script || electronBinaryPresent()) process.exit(0);
const result = spawnSync(process.execPath, [script], { stdio: ['ignore', 'ignore', 'pipe'], timeout: 120_000 });
if (result.status !== 0) {
  console.warn('kielo: the Electron binary could not be downloaded; `npm start` will serve the browser mode instead.');
}

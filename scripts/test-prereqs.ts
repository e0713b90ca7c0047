/**
 * What `npm test` needs beyond node_modules: Chromium for the end-to-end tests (tests/e2e). Run as `pretest`: where
 * it is missing and this is Debian as root, installs Debian's chromium; elsewhere prints one line saying what to
 * install, and the end-to-end tests then skip with that same line (tests/e2e/browser.ts). Everything else the
 * tests compare against is committed in tests/fixtures.
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { pathToFileURL } from 'node:url';

/** The Chromium the end-to-end tests drive: $KIELO_CHROMIUM, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env.KIELO_CHROMIUM || '/usr/bin/chromium';
}

/** The one line that says what to install, or null when the Chromium is there. */
export function chromiumMissing(): string | null {
  const path = chromiumPath();
  if (existsSync(path)) return null;
  return `end-to-end tests skipped: no Chromium at ${path}; install Debian's chromium (as root: apt-get install chromium) or set KIELO_CHROMIUM to a Chromium binary`;
}

/** Installs Debian's chromium with apt-get; false when that is not possible here or fails. */
function installChromium(): boolean {
  const root = process.getuid?.() === 0;
  const debian = existsSync('/etc/debian_version') && existsSync('/usr/bin/apt-get');
  if (!root || !debian || process.env.KIELO_CHROMIUM) return false;
  console.log('pretest: installing Debian\'s chromium for the end-to-end tests (apt-get install chromium)');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const apt = (args: string[]): boolean => {
    const result = spawnSync('apt-get', args, { encoding: 'utf8', env, maxBuffer: 1 << 26 });
    if (result.status === 0) return true;
    console.log(`${result.stdout ?? ''}${result.stderr ?? ''}`.trim().split('\n').slice(-10).join('\n'));
    console.log(`pretest: apt-get ${args.join(' ')} failed (${result.error?.message ?? `exit ${result.status}`})`);
    return false;
  };
  const installed = apt(['update', '-qq']) && apt(['install', '-y', '-qq', '--no-install-recommends', 'chromium']);
  if (installed) console.log(`pretest: installed ${chromiumPath()}`);
  return installed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  if (chromiumMissing() !== null) installChromium();
  const missing = chromiumMissing();
  if (missing) console.log(missing);
}

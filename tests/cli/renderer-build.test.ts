/** `kielo serve` in a fresh checkout builds the renderer first (with the checkout's Vite), and says so. */
import { afterEach, describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureRenderer } from '../../src/cli/renderer-build';

let root: string;
afterEach(() => rmSync(root, { recursive: true, force: true }));

/** A checkout whose "vite" writes index.html into dist/renderer (or fails when told to). */
function checkout(viteBody: string | null): string {
  root = mkdtempSync(join(tmpdir(), 'kielo-checkout-'));
  writeFileSync(join(root, 'vite.config.ts'), '');
  if (viteBody !== null) {
    mkdirSync(join(root, 'node_modules', 'vite', 'bin'), { recursive: true });
    writeFileSync(join(root, 'node_modules', 'vite', 'bin', 'vite.js'), viteBody);
  }
  return join(root, 'dist', 'renderer');
}

describe('ensureRenderer', () => {
  it('builds a missing renderer once with the checkout\'s Vite, then leaves it', () => {
    const dir = checkout("import { mkdirSync, writeFileSync } from 'node:fs'; mkdirSync('dist/renderer', { recursive: true }); writeFileSync('dist/renderer/index.html', 'x');");
    const lines: string[] = [];
    ensureRenderer(dir, (line) => lines.push(line));
    expect(existsSync(join(dir, 'index.html'))).toBe(true);
    expect(lines).toEqual(['kielo: building the studio once for this checkout (vite build)...']);
    ensureRenderer(dir, (line) => lines.push(line));
    expect(lines).toHaveLength(1);
  });

  it('says what to run when there is no Vite, and passes on a failed build\'s last words', () => {
    expect(() => ensureRenderer(checkout(null), () => {})).toThrow(/no built renderer in .*dist\/renderer, and no Vite to build it with \(run npm install/);
    rmSync(root, { recursive: true, force: true });
    expect(() => ensureRenderer(checkout("console.error('error: broken config'); process.exit(1);"), () => {})).toThrow('building the renderer failed: error: broken config');
  });
});

import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';

function capture() {
  const out = { stdout: '', stderr: '' };
  return { out, streams: { stdout: (t: string) => (out.stdout += t), stderr: (t: string) => (out.stderr += t) } };
}

describe('kielo serve', () => {
  it('refuses a port that is not 0..65535 with a usage error (exit 1)', async () => {
    const { out, streams } = capture();
    expect(await main(['serve', '--port', '70000'], streams)).toBe(1);
    expect(out.stderr).toContain("--port must be an integer in 0..65535, got '70000'");
  });

  it('documents its options in --help', async () => {
    const { out, streams } = capture();
    expect(await main(['serve', '--help'], streams)).toBe(0);
    expect(out.stdout).toContain('--project DIR');
    expect(out.stdout).toContain('random token');
  });
});

import { describe, expect, it } from 'vitest';
import { EXIT, main, resolveCommandName } from '../../src/cli/main';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { streams: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

describe('kielo CLI dispatch', () => {
  it('resolves two-word commands before one-word ones', () => {
    expect(resolveCommandName(['train', 'lid', '--data', 'x'])).toEqual({ name: 'train lid', rest: ['--data', 'x'] });
    expect(resolveCommandName(['info', 'a.wav'])).toEqual({ name: 'info', rest: ['a.wav'] });
    expect(resolveCommandName(['nope'])).toBeNull();
  });

  it('lists every command of the contract in --help and exits 0', async () => {
    const { streams, out } = capture();
    expect(await main(['--help'], streams)).toBe(EXIT.ok);
    for (const name of ['info', 'decode', 'features', 'train lid', 'eval', 'classify', 'train asr', 'transcribe', 'wer', 'train wavenet', 'generate', 'serve']) {
      expect(out.join('')).toContain(`  ${name} `);
    }
  });

  it('exits 1 with a hint on an unknown or incomplete command', async () => {
    const { streams, err } = capture();
    expect(await main(['train'], streams)).toBe(EXIT.usage);
    expect(err.join('')).toContain("'train lid'");
  });

  it('exits 1 on an unknown option, naming it', async () => {
    const { streams, err } = capture();
    expect(await main(['info', '--bogus', 'x.wav'], streams)).toBe(EXIT.usage);
    expect(err.join('')).toContain('--bogus');
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, main } from '../../src/cli/main';

const dir = mkdtempSync(join(tmpdir(), 'kielo-wer-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const ref = join(dir, 'ref.trn'), hyp = join(dir, 'hyp.trn'), bad = join(dir, 'bad.trn');
writeFileSync(ref, 'hello there world (s_1)\nthe cat sat (s_2)\n');
writeFileSync(hyp, 'hello world wide (s_1)\nthe dog sat on it (s_2)\n');
writeFileSync(bad, 'no id on this line\n');

async function run(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await main(args, { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('kielo wer', () => {
  it('prints the contract fields as JSON, with CER on request', async () => {
    const { code, out } = await run(['wer', '--ref', ref, '--hyp', hyp, '--cer', '--json']);
    expect(code).toBe(EXIT.ok);
    const result = JSON.parse(out);
    expect(result).toMatchObject({ ref: 6, substitutions: 1, deletions: 1, insertions: 3 });
    expect(result.wer).toBeCloseTo(5 / 6, 12);
    expect(result.cer).toMatchObject({ ref: 24, substitutions: 3, deletions: 5, insertions: 8 });
  });

  it('prints a pralign report and summary for humans', async () => {
    const { code, out } = await run(['wer', '--ref', ref, '--hyp', hyp]);
    expect(code).toBe(EXIT.ok);
    expect(out).toContain('REF:  hello THERE world **** ');
    expect(out).toContain('| Sum/Avg  |');
    expect(out).toContain('WER 83.33%');
  });

  it('names a bad file and exits 2; missing options exit 1', async () => {
    const badRun = await run(['wer', '--ref', ref, '--hyp', bad, '--json']);
    expect(badRun.code).toBe(EXIT.inputFailed);
    expect(badRun.err).toContain(`${bad}: line 1: no utterance id`);
    const missing = await run(['wer', '--ref', ref, '--hyp', join(dir, 'nope.trn')]);
    expect(missing.code).toBe(EXIT.inputFailed);
    expect(missing.err).toContain('nope.trn: no such file');
    expect((await run(['wer', '--ref', ref])).code).toBe(EXIT.usage);
  });
});

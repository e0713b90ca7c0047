import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EXIT, main } from '../../src/cli/main';
import { speakTranscribedSet } from '../train/asr-fixture';

const root = mkdtempSync(join(tmpdir(), 'kielo-cli-asr-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

async function run(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await main(args, { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('kielo train asr', () => {
  const data = join(root, 'data');
  const model = join(root, 'model');
  speakTranscribedSet(data, ['yes', 'no'], ['en-us', 'en-gb']);

  it('trains, prints the contract fields and saves the model', async () => {
    const { code, out, err } = await run(['train', 'asr', '--data', data, '--out', model, '--epochs', '2', '--batch-size', '2', '--json']);
    expect(err).not.toContain('Error');
    expect(code).toBe(EXIT.ok);
    const result = JSON.parse(out);
    expect(result).toMatchObject({ model, epochs: 2, trainUtterances: 4, valUtterances: 0 });
    expect(['wasm', 'cpu', 'node']).toContain(result.engine);
    expect(result.valCer).toBeNull();
    for (const f of ['weights.json', 'weights.bin', 'kielo.json']) expect(existsSync(join(model, f))).toBe(true);
  });

  it('exits 1 on usage errors and 2 on a missing data directory', async () => {
    expect((await run(['train', 'asr', '--data', data])).code).toBe(EXIT.usage);
    expect((await run(['train', 'asr', '--data', data, '--out', model, '--epochs', 'x'])).code).toBe(EXIT.usage);
    const missing = await run(['train', 'asr', '--data', join(root, 'nope'), '--out', model]);
    expect(missing.code).toBe(EXIT.inputFailed);
    expect(missing.err).toContain(join(root, 'nope'));
    const noModel = await run(['train', 'asr', '--data', data, '--out', model, '--init-from', join(root, 'no-model')]);
    expect(noModel.code).toBe(EXIT.inputFailed);
    expect(noModel.err).toContain(join(root, 'no-model', 'kielo.json'));
  });

  it('continues from a saved model with --init-from and records it', async () => {
    const next = join(root, 'next');
    const { code, out } = await run(['train', 'asr', '--data', data, '--out', next, '--init-from', model, '--epochs', '1', '--batch-size', '2', '--json']);
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(out)).toMatchObject({ model: next, epochs: 1 });
    expect(JSON.parse(readFileSync(join(next, 'kielo.json'), 'utf8')).notes.initFrom).toBe(model);
  });
});

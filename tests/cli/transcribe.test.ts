import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWav } from '../../src/audio';
import { EXIT, main } from '../../src/cli/main';
import { availableEngines, initEngine } from '../../src/engine';
import { defaultFeatureSpec, featureDims } from '../../src/features';
import { buildAsrModel, saveAsrModel } from '../../src/models/asr';

const root = mkdtempSync(join(tmpdir(), 'kielo-cli-transcribe-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const model = join(root, 'model');
const files = [join(root, 'one.wav'), join(root, 'two.wav')];

beforeAll(async () => {
  await initEngine((await availableEngines())[0]);
  const spec = { ...defaultFeatureSpec('logmel'), cmvn: 'utterance' as const };
  const untrained = buildAsrModel({ inputDims: featureDims(spec), hidden: 16, dilations: [1] }, 4);
  await saveAsrModel(model, untrained, { featureSpec: spec, training: {} });
  untrained.dispose();
  let s = 1;
  const noise = () => Float32Array.from({ length: 16000 }, () => ((s = (s * 69069 + 1) >>> 0) / 2 ** 32 - 0.5) * 0.2);
  for (const f of files) await writeWav(f, noise(), 16000);
});

async function run(args: string[]) {
  const out: string[] = [], err: string[] = [];
  const code = await main(args, { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) });
  return { code, out: out.join(''), err: err.join('') };
}

describe('kielo transcribe', () => {
  it('prints [{file, text, words}] per good file, writes a trn, reports a bad file and exits 2', async () => {
    const bad = join(root, 'bad.wav');
    writeFileSync(bad, 'RIFF garbage');
    const trn = join(root, 'hyp.trn');
    const { code, out, err } = await run(['transcribe', '--model', model, files[0], bad, files[1], '--trn', trn, '--beam', '4', '--chars', '--json']);
    expect(code).toBe(EXIT.inputFailed);
    expect(err).toContain(`${bad}:`);
    const rows = JSON.parse(out);
    expect(rows.map((r: { file: string }) => r.file)).toEqual(files);
    for (const r of rows) {
      expect(typeof r.text).toBe('string');
      expect(r.words.map((w: { text: string }) => w.text).join(' ')).toBe(r.text.split(' ').filter(Boolean).join(' '));
      expect(r.chars.length).toBe(r.text.replace(/ /g, '').length);
      expect(r.durationSec).toBeCloseTo(1, 6);
    }
    expect(readFileSync(trn, 'utf8').split('\n').filter(Boolean).map((l) => l.replace(/^.*\(/, '('))).toEqual(['(one)', '(two)']);
  });

  it('keeps to a word list', async () => {
    const list = join(root, 'words.txt');
    writeFileSync(list, 'yes no\nmaybe\n');
    const { code, out } = await run(['transcribe', '--model', model, files[0], '--words', list, '--json']);
    expect(code).toBe(EXIT.ok);
    const [row] = JSON.parse(out);
    for (const word of row.text.split(' ').filter(Boolean)) expect(['yes', 'no', 'maybe']).toContain(word);
  });

  it('exits 1 on usage errors and 2 on a missing model', async () => {
    expect((await run(['transcribe', '--model', model])).code).toBe(EXIT.usage);
    expect((await run(['transcribe', '--model', model, files[0], '--beam', '0'])).code).toBe(EXIT.usage);
    const missing = await run(['transcribe', '--model', join(root, 'nope'), files[0]]);
    expect(missing.code).toBe(EXIT.inputFailed);
    expect(missing.err).toContain(join(root, 'nope', 'kielo.json'));
  });
});

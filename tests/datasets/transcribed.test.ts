import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { encodeWav } from '../../src/audio';
import { listTranscribed } from '../../src/datasets/transcribed';
import { normalizeTranscript } from '../../src/datasets/transcribed-text';

const CHARSET = " abcdefghijklmnopqrstuvwxyz'";
const root = mkdtempSync(join(tmpdir(), 'kielo-transcribed-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const wav = encodeWav(new Float32Array(1600), 16000, 'pcm16');

describe('normalizeTranscript', () => {
  it('lower-cases, strips accents, spells digits and keeps apostrophes', () => {
    expect(normalizeTranscript('  Café, DON\u2019T call 911-42!  ', CHARSET)).toBe("cafe don't call nine one one four two");
    expect(normalizeTranscript('¿¡ --- !?', CHARSET)).toBe('');
  });
});

describe('listTranscribed', () => {
  it('pairs audio with .txt beside it, reports files without one, and reads the held-out split', async () => {
    const dir = join(root, 'beside');
    mkdirSync(join(dir, 'train'), { recursive: true });
    mkdirSync(join(dir, 'test'), { recursive: true });
    writeFileSync(join(dir, 'train', 'a1.wav'), wav);
    writeFileSync(join(dir, 'train', 'a1.txt'), 'Seven Eight\n');
    writeFileSync(join(dir, 'test', 'b2.wav'), wav);
    writeFileSync(join(dir, 'test', 'b2.txt'), '3 4');
    writeFileSync(join(dir, 'test', 'c3.wav'), wav);
    writeFileSync(join(dir, 'manifest.tsv'), 'file\tsplit\ntrain/a1.wav\ttrain\ntest/b2.wav\ttest\n');
    const { items, bad } = await listTranscribed(dir, (t) => normalizeTranscript(t, CHARSET));
    expect(items.map((i) => [i.id, i.text, i.heldOut])).toEqual([
      ['b2', 'three four', true],
      ['a1', 'seven eight', false],
    ]);
    expect(bad).toEqual([{ file: join(dir, 'test', 'c3.wav'), reason: 'no transcript test/c3.txt beside it' }]);
  });

  it('reads transcripts.tsv with an optional header and reports bad lines', async () => {
    const dir = join(root, 'tsv');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'x.wav'), wav);
    writeFileSync(join(dir, 'transcripts.tsv'), 'path\ttext\nx.wav\thello world\nbroken line\ny.wav\t!!!\n');
    const { items, bad } = await listTranscribed(dir, (t) => normalizeTranscript(t, CHARSET));
    expect(items).toEqual([{ file: join(dir, 'x.wav'), id: 'x', rawText: 'hello world', text: 'hello world', heldOut: false }]);
    expect(bad).toEqual([
      { file: join(dir, 'transcripts.tsv'), reason: "line 3: expected 'path<TAB>text'" },
      { file: join(dir, 'y.wav'), reason: 'empty transcript' },
    ]);
  });

  it('throws naming the directory when nothing usable is there', async () => {
    const dir = join(root, 'empty');
    mkdirSync(dir, { recursive: true });
    await expect(listTranscribed(dir)).rejects.toThrow(`${dir}: no transcribed audio`);
    await expect(listTranscribed(join(root, 'missing'))).rejects.toThrow('missing');
  });
});

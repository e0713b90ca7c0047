import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadAudio, readNpy, writeWav } from '../../src/audio';
import { main, EXIT } from '../../src/cli/main';
import { defaultFeatureSpec, extractFeatures } from '../../src/features';

const dir = mkdtempSync(join(tmpdir(), 'kielo-features-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { streams: { stdout: (t: string) => void out.push(t), stderr: (t: string) => void err.push(t) }, out, err };
}

/** A 1.2 s, 22.05 kHz mono float WAV of two tones, so loading resamples it to 16 kHz. */
async function toneWav(): Promise<string> {
  const rate = 22050;
  const x = new Float32Array(Math.round(1.2 * rate));
  for (let i = 0; i < x.length; i++) x[i] = 0.3 * Math.sin((2 * Math.PI * 300 * i) / rate) + 0.2 * Math.sin((2 * Math.PI * 2500 * i) / rate);
  const file = join(dir, 'tones.wav');
  await writeWav(file, x, rate, 'float32');
  return file;
}

describe('kielo features', () => {
  it('writes MFCC to .npy with the contract fields and the same numbers as extractFeatures', async () => {
    const file = await toneWav();
    const npy = join(dir, 'mfcc.npy');
    const { streams, out } = capture();
    expect(await main(['features', file, '--type', 'mfcc', '--out', npy, '--json'], streams)).toBe(EXIT.ok);
    const result = JSON.parse(out.join(''));
    expect(result).toMatchObject({ file, type: 'mfcc', frames: 1 + Math.floor((19200 - 400) / 160), dims: 39, hopMs: 10, windowMs: 25, out: npy });
    expect(result.spec).toEqual(defaultFeatureSpec('mfcc'));
    const saved = await readNpy(npy);
    expect(saved.shape).toEqual([result.frames, 39]);
    const audio = await loadAudio(file);
    const direct = extractFeatures(audio.samples, result.spec);
    expect(Array.from(saved.data)).toEqual(Array.from(direct.data));
  });

  it('takes a partial --spec file, with --type overriding its kind', async () => {
    const file = await toneWav();
    const spec = join(dir, 'spec.json');
    writeFileSync(spec, JSON.stringify({ kind: 'mfcc', nMels: 64, deltas: 0, hopMs: 20 }));
    const { streams, out } = capture();
    expect(await main(['features', file, '--spec', spec, '--json'], streams)).toBe(EXIT.ok);
    expect(JSON.parse(out.join(''))).toMatchObject({ type: 'mfcc', dims: 13, hopMs: 20, frames: 1 + Math.floor((19200 - 400) / 320) });
    const again = capture();
    expect(await main(['features', file, '--spec', spec, '--type', 'logmel', '--json'], again.streams)).toBe(EXIT.ok);
    expect(JSON.parse(again.out.join(''))).toMatchObject({ type: 'logmel', dims: 64 });
  });

  it('exits 2 naming a bad audio file, and 1 for a bad --type, --out or spec field', async () => {
    const bad = join(dir, 'text.wav');
    writeFileSync(bad, 'this is not audio');
    const r = capture();
    expect(await main(['features', bad], r.streams)).toBe(EXIT.inputFailed);
    expect(r.err.join('')).toContain(bad);

    const file = await toneWav();
    const t = capture();
    expect(await main(['features', file, '--type', 'spectrogram'], t.streams)).toBe(EXIT.usage);
    expect(t.err.join('')).toContain("'spectrogram'");
    const o = capture();
    expect(await main(['features', file, '--out', join(dir, 'x.csv')], o.streams)).toBe(EXIT.usage);
    const spec = join(dir, 'bad-spec.json');
    writeFileSync(spec, JSON.stringify({ nMels: -3 }));
    const s = capture();
    expect(await main(['features', file, '--spec', spec], s.streams)).toBe(EXIT.usage);
    expect(s.err.join('')).toMatch(/bad-spec\.json: FeatureSpec\.nMels: .*got -3/);
    writeFileSync(spec, '[40]');
    const a = capture();
    expect(await main(['features', file, '--spec', spec], a.streams)).toBe(EXIT.usage);
    expect(a.err.join('')).toMatch(/bad-spec\.json: expected a JSON object/);
    writeFileSync(spec, '{"nMels": 40,');
    const j = capture();
    expect(await main(['features', file, '--spec', spec], j.streams)).toBe(EXIT.usage);
    expect(j.err.join('')).toMatch(/bad-spec\.json: cannot read a JSON FeatureSpec/);
  });
});

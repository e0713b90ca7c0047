/** `kielo generate` end to end on a tiny model trained by `kielo train wavenet`: contract JSON, WAV, errors. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EXIT } from '../../src/cli/main';
import { kielo } from './lid-cli';
import { TINY_WAVENET, useToneFolder } from './wavenet-cli';

const { temp, data } = useToneFolder('kielo-generate-');

describe('kielo generate', () => {
  it('writes a 16-bit WAV of the asked length and prints {file, seconds, sampleRate, samplesPerSecond}', async () => {
    const model = temp.path('model-gen');
    expect((await kielo('train', 'wavenet', '--data', data, '--out', model, '--epochs', '1', ...TINY_WAVENET)).code).toBe(EXIT.ok);
    const file = temp.path('out.wav');
    const { code, stdout } = await kielo('generate', '--model', model, '--seconds', '0.5', '--out', file, '--temperature', '0.9', '--seed', '3', '--json');
    expect(code).toBe(EXIT.ok);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ file, seconds: 0.5, sampleRate: 16000, temperature: 0.9, seed: 3 });
    expect(result.samplesPerSecond).toBeGreaterThan(1000);
    // a canonical 44-byte header (sox reads these, tests/audio/wav-encode.test.ts): 16 bits, 8000 samples of data
    const wav = readFileSync(file);
    expect([wav.readUInt16LE(34), wav.readUInt32LE(40) / 2, wav.length]).toEqual([16, 8000, 44 + 16000]);
    // Same seed, same audio.
    const again = temp.path('again.wav');
    await kielo('generate', '--model', model, '--seconds', '0.5', '--out', again, '--temperature', '0.9', '--seed', '3');
    expect(readFileSync(again)).toEqual(wav);
  });

  it('names a missing model (exit 2) and rejects bad arguments (exit 1)', async () => {
    const missing = await kielo('generate', '--model', temp.path('nope'), '--seconds', '1', '--out', temp.path('o.wav'));
    expect(missing.code).toBe(EXIT.inputFailed);
    expect(missing.stderr).toMatch(/nope\/kielo\.json: missing/);
    expect((await kielo('generate', '--model', temp.path('nope'), '--out', temp.path('o.wav'))).code).toBe(EXIT.usage);
    const seconds = await kielo('generate', '--model', temp.path('nope'), '--seconds', '0', '--out', temp.path('o.wav'));
    expect(seconds.code).toBe(EXIT.usage);
    expect(seconds.stderr).toMatch(/--seconds must be a number/);
    expect((await kielo('generate', '--model', temp.path('nope'), '--seconds', '1', '--out', temp.path('o.mp3'))).stderr).toMatch(/--out must end in \.wav, got '.*o\.mp3'/);
  });
});

/** `kielo train wavenet` end to end: contract JSON, model files, bad files, usage errors. */
import { describe, expect, it } from 'vitest';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { EXIT } from '../../src/cli/main';
import { loadWavenet } from '../../src/models/wavenet';
import { writeTone } from '../audio/fixtures';
import { kielo } from './lid-cli';
import { TINY_WAVENET, useToneFolder } from './wavenet-cli';

const { temp, data } = useToneFolder('kielo-train-wavenet-');

describe('kielo train wavenet', () => {
  it('trains, saves MODEL and prints {model, epochs, valBitsPerSample, engine}', async () => {
    const out = temp.path('model');
    const { code, stdout, stderr } = await kielo('train', 'wavenet', '--data', data, '--out', out, '--epochs', '2', ...TINY_WAVENET, '--json');
    expect(code).toBe(EXIT.ok);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ model: out, epochs: 2, receptiveField: 8, labels: [], trainClips: 3, validationClips: 1 });
    expect(['wasm', 'cpu', 'node']).toContain(result.engine);
    expect(result.valBitsPerSample).toBeGreaterThan(0);
    expect(result.valBitsPerSample).toBeLessThan(8.5);
    expect(stderr).toMatch(/epoch 2: train loss [\d.]+, validation [\d.]+ bits\/sample/);
    const saved = await loadWavenet(out);
    expect(saved.metadata.metrics).toMatchObject({ epochs: 2, valBitsPerSample: result.valBitsPerSample });
  });

  it('reports a bad file on stderr with its path, trains on the rest and exits 2', async () => {
    const mixed = temp.path('mixed');
    mkdirSync(mixed);
    for (let i = 0; i < 2; i++) writeTone(`${mixed}/t${i}.wav`, { rate: 16000, seconds: 0.3, frequencies: [440], amplitude: 0.3 });
    writeFileSync(`${mixed}/bad.flac`, 'not flac at all');
    const out = temp.path('model-mixed');
    const { code, stdout, stderr } = await kielo('train', 'wavenet', '--data', mixed, '--out', out, '--epochs', '1', ...TINY_WAVENET, '--json');
    expect(code).toBe(EXIT.inputFailed);
    expect(stderr).toContain(`${mixed}/bad.flac`);
    expect(JSON.parse(stdout).skipped).toHaveLength(1);
    expect(existsSync(`${out}/weights.bin`)).toBe(true);
  });

  it('rejects bad arguments with exit 1', async () => {
    expect((await kielo('train', 'wavenet', '--out', temp.path('x'))).stderr).toMatch(/--data DIR is required/);
    const bad = await kielo('train', 'wavenet', '--data', data, '--out', temp.path('x'), '--epochs', 'many');
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toMatch(/--epochs must be an integer in 1\.\.100000, got 'many'/);
  });
});

/** `kielo train lid`: trains in a worker, progress on stderr, the contract's JSON, usage errors exit 1. */
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainLidOptions } from '../../src/cli/commands/train-lid';
import { EXIT } from '../../src/cli/main';
import { writeToneNoiseSet } from '../train/lid-fixtures';
import { kielo } from './lid-cli';

let data = '';
beforeAll(async () => {
  data = await writeToneNoiseSet(8, 11);
});
afterAll(async () => {
  await rm(data, { recursive: true, force: true });
});

describe('kielo train lid', () => {
  it('trains, prints {model, epochs, trainAccuracy, valAccuracy, engine} and writes the model; --resume continues', async () => {
    const out = join(data, 'out-model');
    const args = ['train', 'lid', '--data', data, '--out', out, '--epochs', '2', '--seed', '3', '--engine', 'wasm', '--clip-seconds', '0.5', '--batch-size', '8', '--cache-dir', join(data, 'cache'), '--json'];
    const { code, stdout, stderr } = await kielo(...args);
    expect(code).toBe(EXIT.ok);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ model: out, epochs: 2, engine: 'wasm', labels: ['noise', 'tone'], frontend: 'learned' });
    expect(result.trainAccuracy).toBeGreaterThanOrEqual(0);
    expect(result.valAccuracy).toBeLessThanOrEqual(1);
    expect(stderr).toMatch(/training on wasm: \d+ parameters/);
    expect(stderr).toMatch(/epoch 2: train loss \d/);
    for (const f of ['model.json', 'weights.bin', 'kielo.json']) expect(existsSync(join(out, f))).toBe(true);
    const resumed = await kielo(...args.map((a) => (a === '2' ? '3' : a)), '--resume');
    expect(resumed.code).toBe(EXIT.ok);
    expect(resumed.stderr).toMatch(/epochs 3\.\.3 \(resumed\)/);
    expect(JSON.parse(resumed.stdout).epochs).toBe(3);
  });

  it('rejects missing and bad options with exit 1, naming the option and value', async () => {
    expect((await kielo('train', 'lid', '--out', 'x')).stderr).toMatch(/--data DIR is required/);
    const bad = await kielo('train', 'lid', '--data', data, '--out', 'x', '--frontend', 'fft');
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toMatch(/--frontend must be one of learned, sinc, mfcc, got 'fft'/);
    expect((await kielo('train', 'lid', '--data', data, '--out', 'x', '--learning-rate', '0')).stderr).toMatch(/--learning-rate must be a number in \(0, 10\], got '0'/);
    const old = await kielo('train', 'lid', '--data', data, '--out', 'x', '--lr', '0.1');
    expect(old.code).toBe(EXIT.usage);
    expect(old.stderr).toMatch(/--lr/);
    expect((await kielo('train', 'lid', '--data', data, '--out', 'x', '--activation', 'gelu')).code).toBe(EXIT.usage);
  });

  it('parses architecture knobs into model overrides and rejects inconsistent ones (exit 1)', async () => {
    expect(trainLidOptions({ data: 'd', out: 'o', channels: '96,96,96', embedding: '80' }).model).toEqual({ channels: [96, 96, 96], embedding: 80 });
    expect(trainLidOptions({ data: 'd', out: 'o', channels: '32,32', dilations: '1,2', filters: '24' }).model).toEqual({ channels: [32, 32], dilations: [1, 2], filters: 24 });
    expect(trainLidOptions({ data: 'd', out: 'o' }).model).toBeUndefined();
    const twoLayers = await kielo('train', 'lid', '--data', data, '--out', 'x', '--channels', '32,32');
    expect(twoLayers.code).toBe(EXIT.usage);
    expect(twoLayers.stderr).toMatch(/--channels has 2 layers: give --dilations with 2 values too/);
    expect(() => trainLidOptions({ data: 'd', out: 'o', channels: '32,x,3' })).toThrow(/--channels must be comma-separated integers in 1\.\.4096, got '32,x,3'/);
    expect(() => trainLidOptions({ data: 'd', out: 'o', channels: '8,8', dilations: '1,2,3' })).toThrow(/--dilations must be an array of 2/);
    expect(() => trainLidOptions({ data: 'd', out: 'o', filters: '600' })).toThrow(/--filters must be an integer in 1\.\.512, got '600'/);
  });

  it('reports an unreadable data folder with its path (exit 2)', async () => {
    const { code, stderr } = await kielo('train', 'lid', '--data', join(data, 'missing'), '--out', join(data, 'o2'));
    expect(code).toBe(EXIT.inputFailed);
    expect(stderr).toContain(join(data, 'missing'));
  });
});

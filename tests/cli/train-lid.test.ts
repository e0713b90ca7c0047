/** `kielo train lid`: trains in a worker, progress on stderr, the contract's JSON, usage errors exit 1. */
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { trainLidOptions } from '../../src/cli/commands/train-lid';
import { EXIT } from '../../src/cli/main';
import { writeWav } from '../../src/audio';
import { makeRng } from '../../src/util/random';
import { synthClip, tinyModel, writeToneNoiseSet } from '../train/lid-fixtures';
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
    expect(result).toMatchObject({ model: out, epochs: 2, engine: 'wasm', labels: ['noise', 'tone'], frontend: 'sinc' });
    expect(result.trainAccuracy).toBeGreaterThanOrEqual(0);
    expect(result.valAccuracy).toBeLessThanOrEqual(1);
    expect(stderr).toMatch(/training on wasm, \d threads?: \d+ parameters/);
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

  it('--init-from fine-tunes the bundled model in the worker: new labels get rows after its own; --freeze needs --init-from', async () => {
    expect(trainLidOptions({ data: 'd', out: 'o', 'init-from': 'm', freeze: 'tdnn' })).toMatchObject({ initFrom: 'm', freeze: 'tdnn' });
    expect(() => trainLidOptions({ data: 'd', out: 'o', freeze: 'frontend' })).toThrow('--freeze frontend needs --init-from MODEL');
    expect(() => trainLidOptions({ data: 'd', out: 'o', 'init-from': 'm', freeze: 'all' })).toThrow("--freeze must be one of none, frontend, tdnn, got 'all'");
    const out = join(data, 'adapted');
    const { code, stdout, stderr } = await kielo('train', 'lid', '--data', data, '--out', out, '--init-from', 'assets/demo/models/lid', '--freeze', 'tdnn', '--epochs', '1',
      '--engine', 'wasm', '--clip-seconds', '0.5', '--batch-size', '8', '--cache-dir', join(data, 'cache'), '--json');
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(stdout)).toMatchObject({ labels: ['cs', 'en', 'fi', 'it', 'ru', 'noise', 'tone'], frontend: 'sinc' });
    expect(stderr).toMatch(/fine-tuning .*assets\/demo\/models\/lid \(lid-sinc, labels cs, en, fi, it, ru\); new labels noise, tone; frozen: tdnn/);
    const bad = await kielo('train', 'lid', '--data', data, '--out', join(data, 'bad'), '--init-from', 'assets/demo/models/lid', '--frontend', 'mfcc', '--cache-dir', join(data, 'cache'));
    expect(bad.code).not.toBe(EXIT.ok);
    expect(bad.stderr).toMatch(/assets\/demo\/models\/lid: cannot continue from this model: frontend "mfcc" \(model: "sinc"\)/);
  });

  it('--augment takes a preset name; --no-augment is --augment none', () => {
    expect(trainLidOptions({ data: 'd', out: 'o', augment: 'voice-channel' }).augment).toBe('voice-channel');
    expect(trainLidOptions({ data: 'd', out: 'o', 'no-augment': true }).augment).toBe('none');
    expect(trainLidOptions({ data: 'd', out: 'o' }).augment).toBeUndefined();
    expect(() => trainLidOptions({ data: 'd', out: 'o', augment: 'lots' })).toThrow("--augment must be one of none, basic, voice-channel, got 'lots'");
    expect(() => trainLidOptions({ data: 'd', out: 'o', augment: 'basic', 'no-augment': true })).toThrow('--no-augment contradicts --augment basic');
  });

  it('--group-by speaker validates on whole speakers, warns of a one-speaker label and of duplicate files', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'kielo-speakers-'));
    const rng = makeRng(8);
    const speakers = { tone: ['ann', 'bob', 'cy', 'di'], noise: ['eve', 'fay', 'gus'], hum: ['solo'] };
    for (const [label, names] of Object.entries(speakers)) {
      for (const name of names) {
        await mkdir(join(dir, label, name), { recursive: true });
        for (let k = 0; k < 3; k++) await writeWav(join(dir, label, name, `${k}.wav`), synthClip(label === 'noise' ? 'noise' : 'tone', 0.6, rng), 16000);
      }
    }
    await copyFile(join(dir, 'tone', 'ann', '0.wav'), join(dir, 'tone', 'bob', 'copy.wav'));
    const model = tinyModel;
    const { code, stdout, stderr } = await kielo(
      'train', 'lid', '--data', dir, '--out', join(dir, 'model'), '--group-by', 'speaker', '--val-fraction', '0.25', '--epochs', '1', '--engine', 'wasm',
      '--clip-seconds', '0.5', '--batch-size', '8', '--no-augment', '--filters', String(model.filters), '--channels', model.channels.join(','),
      '--dilations', model.dilations.join(','), '--embedding', String(model.embedding), '--cache-dir', join(dir, 'cache'), '--json',
    );
    expect(code).toBe(EXIT.ok);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ groupBy: 'speaker', valGroups: 2, groupCount: 8, labels: ['hum', 'noise', 'tone'] });
    expect(result.valFiles % 3).toBe(0); // whole speakers (copy.wav is bob's 4th file: bob trains)
    expect(stderr).toMatch(/validation: 2 of 8 speakers held out whole \(speaker from the first folder below each label folder\): \w+, \w+/);
    expect(stderr).toContain('warning: label hum: all 3 files are one speaker (solo), so none of them validate');
    expect(stderr).toMatch(/warning: 1 file is a byte-identical copy of others \(1 set of identical files, e\.g\. tone\/ann\/0\.wav = tone\/bob\/copy\.wav\)/);
    const flat = await kielo('train', 'lid', '--data', data, '--out', join(dir, 'm2'), '--group-by', 'source', '--epochs', '1', '--engine', 'wasm');
    expect(flat.code).toBe(EXIT.usage);
    expect(flat.stderr).toMatch(/16 of 16 files have no source in the first folder below each label folder/);
    expect((await kielo('train', 'lid', '--data', dir, '--out', 'x', '--group-pattern', '(a)')).stderr).toMatch(/--group-pattern needs --group-by speaker\|source/);
    expect(trainLidOptions({ data: 'd', out: 'o', 'group-by': 'speaker', 'group-pattern': '^[^/]+/([^_]+)_' })).toMatchObject({ groupBy: 'speaker', groupPattern: '^[^/]+/([^_]+)_' });
    await rm(dir, { recursive: true, force: true });
  });

  it('reports an unreadable data folder with its path (exit 2)', async () => {
    const { code, stderr } = await kielo('train', 'lid', '--data', join(data, 'missing'), '--out', join(data, 'o2'));
    expect(code).toBe(EXIT.inputFailed);
    expect(stderr).toContain(join(data, 'missing'));
  });
});

/** The shared option parsers: values, ranges, and UsageErrors that name the option and the bad value. */
import { describe, expect, it } from 'vitest';
import { engineOption } from '../../src/cli/engine-option';
import { threadsOption } from '../../src/cli/threads-option';
import { describeRange, enumOption, flagOption, noPositionals, numberListOption, numberOption, oneFile, pathOption, required, someFiles, stringOption } from '../../src/cli/options';
import { UsageError } from '../../src/util/errors';

describe('option parsers', () => {
  it('parse numbers within a range, and name the option and value when out of it', () => {
    expect(numberOption({ epochs: '3' }, 'epochs', { integer: true, min: 1 })).toBe(3);
    expect(numberOption({}, 'epochs', { integer: true, min: 1 })).toBeUndefined();
    expect(numberOption({ lr: '1e-3' }, 'lr', { above: 0, max: 10 })).toBe(0.001);
    expect(() => numberOption({ epochs: 'many' }, 'epochs', { integer: true, min: 1, max: 100000 })).toThrow(new UsageError("--epochs must be an integer in 1..100000, got 'many'"));
    expect(() => numberOption({ epochs: '1.5' }, 'epochs', { integer: true, min: 1 })).toThrow("--epochs must be an integer >= 1, got '1.5'");
    expect(() => numberOption({ lr: '0' }, 'lr', { above: 0, max: 10 })).toThrow("--lr must be a number in (0, 10], got '0'");
    expect(() => numberOption({ clip: '-1' }, 'clip', { min: 0, note: '0 = off' })).toThrow("--clip must be a number >= 0 (0 = off), got '-1'");
    expect(() => numberOption({ x: ' ' }, 'x', {})).toThrow("--x must be a number, got ' '");
    expect(describeRange({ above: 0 })).toBe('a number > 0');
    expect(describeRange({ max: 3 })).toBe('a number <= 3');
  });

  it('parse --threads of classify, eval and transcribe: a whole number 1..64, absent for the default', () => {
    expect(threadsOption({ threads: '3' })).toBe(3);
    expect(threadsOption({})).toBeUndefined();
    expect(() => threadsOption({ threads: '0' })).toThrow(new UsageError("--threads must be an integer in 1..64, got '0'"));
    expect(() => threadsOption({ threads: '1.5' })).toThrow(/--threads must be an integer in 1\.\.64, got '1\.5'/);
  });

  it('parse comma lists of numbers', () => {
    expect(numberListOption({ channels: '96, 96,96' }, 'channels', { integer: true, min: 1, max: 4096 })).toEqual([96, 96, 96]);
    expect(() => numberListOption({ channels: '32,x,3' }, 'channels', { integer: true, min: 1, max: 4096 })).toThrow("--channels must be comma-separated integers in 1..4096, got '32,x,3'");
    expect(() => numberListOption({ channels: '32,' }, 'channels', { integer: true, min: 1 })).toThrow(/got '32,'/);
  });

  it('parse enums, the engine, flags, strings and paths', () => {
    expect(enumOption({ type: 'mfcc' }, 'type', ['logmel', 'mfcc'] as const)).toBe('mfcc');
    expect(() => enumOption({ type: 'fft' }, 'type', ['logmel', 'mfcc'] as const)).toThrow("--type must be one of logmel, mfcc, got 'fft'");
    expect(engineOption({})).toBe('auto');
    expect(engineOption({ engine: 'wasm' })).toBe('wasm');
    expect(() => engineOption({ engine: 'gpu' })).toThrow("--engine must be one of auto, node, wasm, cpu, got 'gpu'");
    expect(flagOption({ resume: true }, 'resume')).toBe(true);
    expect(flagOption({}, 'resume')).toBe(false);
    expect(stringOption({ out: '' }, 'out')).toBeUndefined();
    expect(pathOption({ out: 'X.WAV' }, 'out', ['.wav', '.npy'])).toBe('X.WAV');
    expect(() => pathOption({ out: 'x.mp3' }, 'out', ['.wav', '.npy'])).toThrow("--out must end in .wav or .npy, got 'x.mp3'");
  });

  it('say what is required and which positionals were wrong', () => {
    expect(required('d', '--data DIR')).toBe('d');
    expect(() => required(undefined, '--data DIR', 'a labelled folder')).toThrow(new UsageError('--data DIR is required (a labelled folder)'));
    expect(() => noPositionals(['x'], 'give the folder with --data')).toThrow("unexpected argument 'x' (give the folder with --data)");
    expect(oneFile(['a.wav'])).toBe('a.wav');
    expect(() => oneFile([])).toThrow('give exactly one input file (got 0)');
    expect(() => someFiles([])).toThrow('give at least one audio file');
  });
});

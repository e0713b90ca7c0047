/** The common training options of `kielo train *`: flags -> the recipes' names, help with defaults, progress of a run. */
import { describe, expect, it } from 'vitest';
import type { CommandContext } from '../../src/cli/command';
import { createProgress } from '../../src/cli/progress';
import { durationText } from '../../src/api/duration-text';
import { parseTrainOptions, trainHelp, trainProgress } from '../../src/cli/train-options';
import { defaultTrainAsrOptions } from '../../src/train/asr';
import { defaultTrainLidOptions } from '../../src/train/lid';
import type { RecipeEvent } from '../../src/train/recipe';
import type { EpochRecord } from '../../src/train/types';

const info = { data: 'a labelled folder', out: 'model folder' };

describe('common training options', () => {
  it('turn each flag into the recipe option of the same name', () => {
    const values = {
      data: 'd', out: 'o', epochs: '3', seed: '7', engine: 'cpu', optimizer: 'sgd', 'learning-rate': '0.01', 'batch-size': '8',
      clip: '0', 'clip-mode': 'value', patience: '2', 'val-fraction': '0.2', checkpoint: 'ck', resume: true,
    };
    expect(parseTrainOptions(values, info)).toEqual({
      data: 'd', out: 'o', epochs: 3, seed: 7, engine: 'cpu', optimizer: 'sgd', learningRate: 0.01, batchSize: 8,
      clip: 0, clipMode: 'value', patience: 2, valFraction: 0.2, checkpointDir: 'ck', resume: true,
    });
    const bare = parseTrainOptions({ data: 'd', out: 'o' }, info);
    expect(bare).toMatchObject({ data: 'd', out: 'o', engine: 'auto', resume: false, epochs: undefined, learningRate: undefined });
  });

  it('name the bad option and value, need --data and --out, and --checkpoint for --resume when there is no default', () => {
    expect(() => parseTrainOptions({ out: 'o' }, info)).toThrow('--data DIR is required (a labelled folder)');
    expect(() => parseTrainOptions({ data: 'd', out: 'o', 'val-fraction': '0.7' }, info)).toThrow("--val-fraction must be a number in 0..0.5, got '0.7'");
    expect(() => parseTrainOptions({ data: 'd', out: 'o', 'val-fraction': '0' }, { ...info, ranges: { 'val-fraction': { above: 0, max: 0.5 } } })).toThrow("--val-fraction must be a number in (0, 0.5], got '0'");
    expect(() => parseTrainOptions({ data: 'd', out: 'o', optimizer: 'rmsprop' }, info)).toThrow("--optimizer must be one of sgd, momentum, adam, got 'rmsprop'");
    expect(() => parseTrainOptions({ data: 'd', out: 'o', resume: true }, info)).toThrow('--resume needs --checkpoint DIR');
    expect(parseTrainOptions({ data: 'd', out: 'o', resume: true }, { ...info, checkpointDefault: 'MODEL/checkpoint' }).resume).toBe(true);
  });

  it("print each recipe's own defaults in the help", () => {
    const lid = trainHelp(defaultTrainLidOptions, info).join('\n');
    const asr = trainHelp(defaultTrainAsrOptions, info).join('\n');
    expect(lid).toMatch(new RegExp(`--batch-size N +examples per step \\(default ${defaultTrainLidOptions.batchSize}\\)`));
    expect(asr).toMatch(new RegExp(`--batch-size N +examples per step \\(default ${defaultTrainAsrOptions.batchSize}\\)`));
    for (const flag of ['--learning-rate X', '--val-fraction X', '--clip-mode M', '--checkpoint DIR', '--resume']) expect(lid).toContain(flag);
  });

  it('report a run: log and epoch lines, skipped files as bad inputs, and a bar that moves within an epoch on a terminal', () => {
    const written: string[] = [];
    const bad: string[] = [];
    const ctx = { progress: createProgress({ isTTY: true, columns: 120, write: (t: string) => written.push(t) }), reportBadInput: (file: string) => bad.push(file) } as unknown as CommandContext;
    const onEvent = trainProgress(ctx, (v) => `val acc ${v.accuracy}`);
    onEvent({ type: 'skipped', file: 'bad.wav', reason: 'empty' });
    onEvent({ type: 'started', engine: 'wasm', threads: 2, nParams: 10, nVariables: 2, epochs: 2, startEpoch: 1, resumed: false } as Extract<RecipeEvent, { type: 'started' }>);
    onEvent({ type: 'progress', epoch: 1, epochs: 2, done: 2, total: 4, loss: 0.5, examplesPerSecond: 123.4, epochSecondsLeft: 2, secondsLeft: 75 });
    const record: EpochRecord = { epoch: 1, trainLoss: 0.4, steps: 4, validation: { accuracy: 0.9 }, gradients: { globalMean: 1.5, globalMax: 2, perVariable: {}, perLayer: {} }, learningRate: 0.1, seconds: 1.25 };
    onEvent({ type: 'epoch', record });
    ctx.progress.stop();
    const text = written.join('');
    expect(bad).toEqual(['bad.wav']);
    expect(text).toContain('training on wasm, 2 threads: 10 parameters, epochs 1..2\n');
    expect(text).toContain('epoch 1: train loss 0.400, val acc 0.9, grad norm 1.50, 1.3 s\n');
    expect(text).toContain('25% | epoch 1/2, batch 2/4, loss 0.500, 123 examples/s, 1:15 left'); // drawn (at the latest) before the epoch line
    expect(text).toContain('50% | epoch 1/2, loss 0.400');
  });
});

describe('durationText', () => {
  it('reads seconds, minutes and hours as a person does', () => {
    expect(durationText(41.6)).toBe('42 s');
    expect(durationText(187)).toBe('3:07');
    expect(durationText(3725)).toBe('1:02:05');
  });
});

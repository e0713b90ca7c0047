/** `kielo train wavenet --data DIR --out MODEL [--epochs N]`: train a WaveNet on a folder of audio. */
import type { CliCommand, CommandContext } from '../command';
import { run, type TrainWavenetParams, type TrainWavenetResult } from '../../jobs/tasks/train-wavenet';
import { UsageError } from '../../util/errors';

/** A --name value as a number in [lo, hi] (integer when asked), or undefined when absent; UsageError otherwise. */
export function numberOption(ctx: CommandContext, name: string, lo: number, hi: number, integer: boolean): number | undefined {
  const raw = ctx.args.values[name];
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (typeof raw !== 'string' || raw.trim() === '' || !Number.isFinite(value) || value < lo || value > hi || (integer && !Number.isInteger(value))) {
    throw new UsageError(`--${name} must be ${integer ? 'an integer' : 'a number'} in ${lo}..${hi}, got '${String(raw)}'`);
  }
  return value;
}

function stringOption(ctx: CommandContext, name: string, required: boolean): string | undefined {
  const raw = ctx.args.values[name];
  if (typeof raw === 'string' && raw !== '') return raw;
  if (required) throw new UsageError(`--${name} is required`);
  return undefined;
}

function human(r: TrainWavenetResult): string {
  return `${r.model}: ${r.epochs} epochs on ${r.engine}, validation ${r.valBitsPerSample.toFixed(3)} bits/sample (8 = uniform), receptive field ${r.receptiveField} samples${r.labels.length ? `, labels ${r.labels.join(', ')}` : ''}`;
}

export const command: CliCommand = {
  name: 'train wavenet',
  usage: '--data DIR --out MODEL [--epochs N] [--seed N] [options] [--json]',
  help: [
    'Trains a WaveNet (dilated causal convolutions, gated units, 256-way mu-law softmax) on random crops of every',
    'audio file under DIR. With files in DIR/<label>/ (two or more folders) the model is conditioned on the label,',
    'so `kielo generate --label L` makes audio like that folder. Validation bits per sample are reported each epoch.',
    '',
    '  --data DIR               folder of wav/flac/mp3/ogg (recursive)',
    '  --out MODEL              model directory to write (kielo.json + weights.json + weights.bin)',
    '  --epochs N               epochs (default 10)',
    '  --steps N                steps per epoch (default 50)',
    '  --batch N                crops per step (default 4)',
    '  --outputs N              predicted samples per crop (default 1000)',
    '  --lr X                   Adam learning rate (default 0.001)',
    '  --seed N                 seed of weights, crops and order (default 1)',
    '  --silence-threshold X    frame RMS below which leading/trailing audio is trimmed (default 0.01; 0 = off)',
    '  --layers N --stacks N    dilated layers per stack and stacks (default 10 x 2)',
    '  --residual N --skip N    channels (default 32 and 64)',
    '  --checkpoint-dir DIR     checkpoint every epoch; with --resume continue from it',
    '  --save-every-epoch       also write MODEL after every epoch',
    '',
    'Bad audio files are reported on stderr and left out (exit code 2); training goes on with the rest.',
    'JSON: {model, epochs, valBitsPerSample, engine, receptiveField, labels, trainClips, validationClips, skipped}',
  ].join('\n'),
  options: {
    data: { type: 'string' },
    out: { type: 'string' },
    epochs: { type: 'string' },
    steps: { type: 'string' },
    batch: { type: 'string' },
    outputs: { type: 'string' },
    lr: { type: 'string' },
    seed: { type: 'string' },
    'silence-threshold': { type: 'string' },
    layers: { type: 'string' },
    stacks: { type: 'string' },
    residual: { type: 'string' },
    skip: { type: 'string' },
    'checkpoint-dir': { type: 'string' },
    resume: { type: 'boolean' },
    'save-every-epoch': { type: 'boolean' },
  },
  async run(ctx) {
    if (ctx.args.positionals.length) throw new UsageError(`unexpected argument '${ctx.args.positionals[0]}' (give the data folder with --data)`);
    const model: NonNullable<TrainWavenetParams['model']> = {};
    const layers = numberOption(ctx, 'layers', 1, 14, true);
    const stacks = numberOption(ctx, 'stacks', 1, 8, true);
    const residual = numberOption(ctx, 'residual', 1, 512, true);
    const skip = numberOption(ctx, 'skip', 1, 512, true);
    if (layers !== undefined) model.layersPerStack = layers;
    if (stacks !== undefined) model.stacks = stacks;
    if (residual !== undefined) model.residualChannels = residual;
    if (skip !== undefined) model.skipChannels = skip;
    const params: TrainWavenetParams = {
      data: stringOption(ctx, 'data', true)!,
      out: stringOption(ctx, 'out', true)!,
      epochs: numberOption(ctx, 'epochs', 1, 100000, true),
      stepsPerEpoch: numberOption(ctx, 'steps', 1, 1e6, true),
      batch: numberOption(ctx, 'batch', 1, 1024, true),
      outputs: numberOption(ctx, 'outputs', 1, 1e6, true),
      lr: numberOption(ctx, 'lr', 1e-9, 10, false),
      seed: numberOption(ctx, 'seed', -(2 ** 31), 2 ** 31, true),
      silenceThreshold: numberOption(ctx, 'silence-threshold', 0, 1, false),
      model,
      checkpointDir: stringOption(ctx, 'checkpoint-dir', false) ?? null,
      resume: ctx.args.values.resume === true,
      saveEveryEpoch: ctx.args.values['save-every-epoch'] === true,
    };
    if (params.resume && !params.checkpointDir) throw new UsageError('--resume needs --checkpoint-dir');
    const result = await run(params, {
      signal: ctx.signal,
      onEvent: (event) => {
        if (event.type === 'skipped') ctx.reportBadInput(event.file, event.reason);
        else if (event.type === 'log') ctx.progress.log(event.message);
        else if (event.type === 'epoch') {
          const r = event.record;
          const bits = r.validation ? `, validation ${r.validation.bitsPerSample.toFixed(3)} bits/sample` : '';
          ctx.progress.log(`epoch ${r.epoch}: train loss ${r.trainLoss.toFixed(4)}${bits} (${r.seconds.toFixed(1)} s)`);
        }
      },
    });
    ctx.output(result, human as (r: never) => string);
  },
};

/** `kielo train wavenet --data DIR --out MODEL [--epochs N]`: trains a WaveNet in a worker thread (src/jobs 'train-wavenet'). */
import type { CliCommand } from '../command';
import { enumOption, flagOption, noPositionals, numberOption, type OptionValues } from '../options';
import { parseTrainOptions, trainHelp, trainProgress, trainSpec, type TrainCommandInfo } from '../train-options';
import { runJob } from '../../jobs';
import { defaultWavenetConfig } from '../../models/wavenet';
import { defaultTrainWavenetOptions as defaults, type TrainWavenetOptions, type TrainWavenetResult } from '../../train/wavenet-recipe';

const info: TrainCommandInfo = {
  data: 'a folder of wav/flac/mp3/ogg (recursive; DIR/<label>/ folders condition the model on the label)',
  out: 'the model folder to write (kielo.json + weights.json + weights.bin)',
  ranges: { 'val-fraction': { above: 0, max: 0.5 } },
};

/** The TrainWavenetOptions of a command line: the common training options plus WaveNet's own. */
export function trainWavenetOptions(values: OptionValues): TrainWavenetOptions {
  const model: NonNullable<TrainWavenetOptions['model']> = {};
  const layers = numberOption(values, 'layers', { integer: true, min: 1, max: 14 });
  const stacks = numberOption(values, 'stacks', { integer: true, min: 1, max: 8 });
  const residual = numberOption(values, 'residual', { integer: true, min: 1, max: 1024 });
  const skip = numberOption(values, 'skip', { integer: true, min: 1, max: 1024 });
  if (layers !== undefined) model.layersPerStack = layers;
  if (stacks !== undefined) model.stacks = stacks;
  if (residual !== undefined) model.residualChannels = residual;
  if (skip !== undefined) model.skipChannels = skip;
  const condition = enumOption(values, 'condition', ['none', 'mel'] as const);
  if (condition !== undefined) model.condition = condition;
  return {
    ...parseTrainOptions(values, info),
    stepsPerEpoch: numberOption(values, 'steps-per-epoch', { integer: true, min: 1, max: 1e6 }),
    outputs: numberOption(values, 'outputs', { integer: true, min: 1, max: 1e6 }),
    silenceThreshold: numberOption(values, 'silence-threshold', { min: 0, max: 1, note: '0 = off' }),
    model,
    saveEveryEpoch: flagOption(values, 'save-every-epoch'),
  };
}

/** `validation 4.123 bits/sample`. */
function describeValidation(v: Record<string, number>): string {
  return `validation ${v.bitsPerSample.toFixed(3)} bits/sample`;
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
    ...trainHelp(defaults, info),
    '',
    'WaveNet options:',
    `  --steps-per-epoch N    steps per epoch (default ${defaults.stepsPerEpoch})`,
    `  --outputs N            predicted samples per crop (default ${defaults.outputs})`,
    `  --silence-threshold X  frame RMS below which leading/trailing audio is trimmed (default ${defaults.silenceThreshold}; 0 = off)`,
    `  --layers N --stacks N  dilated layers per stack and stacks (default ${defaultWavenetConfig.layersPerStack} x ${defaultWavenetConfig.stacks})`,
    `  --residual N --skip N  channels (default ${defaultWavenetConfig.residualChannels} and ${defaultWavenetConfig.skipChannels})`,
    "  --condition none|mel   'mel': a vocoder conditioned on each file's log-mel frames (40 bands, 10 ms hop,",
    "                         per-utterance normalised), repeated to the sample rate (default 'none')",
    '  --save-every-epoch     also write MODEL after every epoch',
    '',
    'Bad audio files are reported on stderr and left out (exit code 2); training goes on with the rest.',
    'JSON: {model, epochs, valBitsPerSample, engine, receptiveField, labels, trainClips, validationClips, skipped}',
  ].join('\n'),
  options: {
    ...trainSpec,
    'steps-per-epoch': { type: 'string' },
    outputs: { type: 'string' },
    'silence-threshold': { type: 'string' },
    layers: { type: 'string' },
    stacks: { type: 'string' },
    residual: { type: 'string' },
    skip: { type: 'string' },
    condition: { type: 'string' },
    'save-every-epoch': { type: 'boolean' },
  },
  async run(ctx) {
    noPositionals(ctx.args.positionals, 'give the data folder with --data');
    const options = trainWavenetOptions(ctx.args.values);
    const result = await runJob('train-wavenet', options, { signal: ctx.signal, onEvent: trainProgress(ctx, describeValidation) });
    ctx.output(result, human as (r: never) => string);
  },
};

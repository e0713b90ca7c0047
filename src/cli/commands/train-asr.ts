/** `kielo train asr`: trains a CTC recogniser on a transcribed set (in a worker thread, src/jobs 'train-asr') and saves it. */
import type { CliCommand } from '../command';
import { flagOption, noPositionals, numberOption, stringOption, type OptionValues } from '../options';
import { parseTrainOptions, trainHelp, trainProgress, trainSpec, type TrainCommandInfo } from '../train-options';
import { runJob } from '../../jobs';
import { defaultAsrModelConfig } from '../../models/asr';
import { defaultTrainAsrOptions as defaults, type TrainAsrOptions } from '../../train/asr';

const info: TrainCommandInfo = {
  data: 'audio with a same-named .txt transcript beside each file, or DIR/transcripts.tsv (path TAB text)',
  out: 'the model folder to write (kielo.json with the feature spec, weights.json, weights.bin)',
};

/** The TrainAsrOptions of a command line: the common training options plus the recogniser's own. */
export function trainAsrOptions(values: OptionValues): TrainAsrOptions {
  return {
    ...parseTrainOptions(values, info),
    dropout: numberOption(values, 'dropout', { min: 0, max: 0.9 }),
    augment: flagOption(values, 'no-augment') ? null : undefined,
    initFrom: stringOption(values, 'init-from'),
  };
}

/** `val loss 0.512, CER 12.30%, WER 30.00%`. */
function describeValidation(v: Record<string, number>): string {
  return `val loss ${v.loss?.toFixed(3)}, CER ${(100 * v.cer).toFixed(2)}%, WER ${(100 * v.wer).toFixed(2)}%`;
}

export const command: CliCommand = {
  name: 'train asr',
  usage: '--data DIR --out MODEL [--epochs N] [--seed N] [--batch-size N] [--learning-rate X] [--checkpoint DIR [--resume]] [--init-from MODEL] [options]',
  help: [
    'Transcripts are normalised to a-z, space and apostrophe (digits spelled out). Files that DIR/manifest.tsv puts',
    'in the "test" split are held out. A part of the rest (--val-fraction) validates each epoch; the weights with the',
    'lowest validation CER are saved to MODEL. Runs in a worker thread; progress on stderr.',
    '',
    ...trainHelp(defaults, info),
    '',
    'Recogniser options:',
    `  --dropout X            dropout rate, 0..0.9 (default ${defaultAsrModelConfig.dropout}; with --init-from, the saved model's)`,
    '  --no-augment           no speed/gain/noise/SpecAugment augmentation',
    '  --init-from MODEL      start from a saved ASR model\'s weights (fine-tuning): its front end and shape are kept',
    '',
    'JSON: {model, epochs, valCer, valWer, engine, seconds, trainUtterances, valUtterances, heldOut}',
  ].join('\n'),
  options: {
    ...trainSpec,
    dropout: { type: 'string' },
    'no-augment': { type: 'boolean' },
    'init-from': { type: 'string' },
  },
  async run(ctx) {
    noPositionals(ctx.args.positionals, 'give the data folder with --data');
    const options = trainAsrOptions(ctx.args.values);
    const result = await runJob('train-asr', options, { signal: ctx.signal, onEvent: trainProgress(ctx, describeValidation) });
    const { history: _history, ...summary } = result;
    const pct = (x: number | null) => (x === null ? 'n/a' : `${(100 * x).toFixed(2)}%`);
    ctx.output(summary, () => `saved ${summary.model}: ${summary.epochs} epochs on ${summary.engine} in ${summary.seconds.toFixed(0)} s, validation CER ${pct(summary.valCer)}, WER ${pct(summary.valWer)}`);
  },
};

/** `kielo train asr`: trains a CTC recogniser on a transcribed set (in a worker thread) and saves it. */
import type { CliCommand } from '../command';
import { runJob } from '../../jobs';
import '../../jobs/tasks/train-asr';
import { parseEngineName } from '../../engine';
import { UsageError } from '../../util/errors';

function positiveNumber(value: unknown, flag: string, integer: boolean): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UsageError(`--${flag} ${String(value)}: expected a positive ${integer ? 'integer' : 'number'}`);
  return n;
}

export const command: CliCommand = {
  name: 'train asr',
  usage: '--data DIR --out MODEL [--epochs N] [--seed N] [--batch N] [--lr X] [--patience N] [--no-augment] [--checkpoint DIR [--resume]] [--init-from MODEL] [--engine wasm|cpu|node] [--json]',
  help: [
    'DIR holds audio with a same-named .txt transcript beside each file, or DIR/transcripts.tsv (path TAB text).',
    'Transcripts are normalised to a-z, space and apostrophe (digits spelled out). Files that DIR/manifest.tsv puts',
    'in the "test" split are held out. 10% of the rest validates each epoch; the weights with the lowest validation',
    'CER are saved to MODEL (kielo.json with the feature spec, weights.json, weights.bin).',
    '  --epochs N        epochs (default 40)          --seed N      seed (default 1)',
    '  --batch N         utterances per batch (16)    --lr X        Adam learning rate (0.002)',
    '  --patience N      stop after N epochs without a better validation CER (default: never)',
    '  --no-augment      no speed/gain/noise/SpecAugment augmentation',
    '  --checkpoint DIR  save a checkpoint each epoch; --resume continues from it',
    '  --init-from MODEL start from a saved ASR model\'s weights (fine-tuning): its front end and shape are kept',
    'Output: {model, epochs, valCer, valWer, engine, seconds, trainUtterances, valUtterances, heldOut}',
  ].join('\n'),
  options: {
    data: { type: 'string' },
    out: { type: 'string' },
    epochs: { type: 'string' },
    seed: { type: 'string' },
    batch: { type: 'string' },
    lr: { type: 'string' },
    patience: { type: 'string' },
    'no-augment': { type: 'boolean' },
    checkpoint: { type: 'string' },
    resume: { type: 'boolean' },
    'init-from': { type: 'string' },
    engine: { type: 'string' },
  },
  async run(ctx) {
    const v = ctx.args.values;
    if (typeof v.data !== 'string' || typeof v.out !== 'string') throw new UsageError('kielo train asr needs --data DIR and --out MODEL');
    if (v.resume && typeof v.checkpoint !== 'string') throw new UsageError('--resume needs --checkpoint DIR');
    let engine;
    try {
      engine = typeof v.engine === 'string' ? parseEngineName(v.engine) : undefined;
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
    const seed = v.seed === undefined ? undefined : Number(v.seed);
    if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError(`--seed ${String(v.seed)}: expected an integer`);
    const patience = v.patience === undefined ? undefined : Number(v.patience);
    if (patience !== undefined && !(Number.isInteger(patience) && patience >= 0)) throw new UsageError(`--patience ${String(v.patience)}: expected an integer >= 0`);
    const result = await runJob(
      'train-asr',
      {
        data: v.data,
        out: v.out,
        epochs: positiveNumber(v.epochs, 'epochs', true),
        batchSize: positiveNumber(v.batch, 'batch', true),
        learningRate: positiveNumber(v.lr, 'lr', false),
        seed,
        patience,
        augment: v['no-augment'] ? null : undefined,
        checkpointDir: typeof v.checkpoint === 'string' ? v.checkpoint : undefined,
        resume: v.resume === true,
        initFrom: typeof v['init-from'] === 'string' ? v['init-from'] : undefined,
        engine,
      },
      {
        signal: ctx.signal,
        onEvent: (event) => {
          if (event.type === 'progress') ctx.progress.log(event.message);
          else if (event.type === 'badInput') ctx.reportBadInput(event.file, event.reason);
          else if (event.type === 'started') ctx.progress.log(`training ${event.nParams} parameters on ${event.engine}, epochs ${event.startEpoch}..${event.epochs}`);
          else if (event.type === 'epoch') {
            const r = event.record;
            const val = r.validation ? ` val loss ${r.validation.loss?.toFixed(3)} CER ${(100 * r.validation.cer).toFixed(2)}% WER ${(100 * r.validation.wer).toFixed(2)}%` : '';
            ctx.progress.log(`epoch ${r.epoch}: train loss ${r.trainLoss.toFixed(3)}${val} (${r.seconds.toFixed(1)} s)`);
          }
        },
      },
    );
    const { history: _history, ...summary } = result;
    ctx.output(summary, () => `saved ${summary.model}: ${summary.epochs} epochs on ${summary.engine} in ${summary.seconds.toFixed(0)} s, validation CER ${summary.valCer === null ? 'n/a' : (100 * summary.valCer).toFixed(2) + '%'}, WER ${summary.valWer === null ? 'n/a' : (100 * summary.valWer).toFixed(2) + '%'}`);
  },
};

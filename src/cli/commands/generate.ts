/** `kielo generate --model M --seconds S --out X.wav [--label L] [--temperature T] [--seed N]`: WaveNet audio. */
import type { CliCommand } from '../command';
import { run, type GenerateResult } from '../../jobs/tasks/generate';
import { UsageError } from '../../util/errors';
import { numberOption } from './train-wavenet';

function human(r: GenerateResult): string {
  return `${r.file}: ${r.seconds.toFixed(2)} s at ${r.sampleRate} Hz${r.label ? ` like '${r.label}'` : ''}, ${r.samplesPerSecond} samples/s (${(r.samplesPerSecond / r.sampleRate).toFixed(1)}x real time)`;
}

export const command: CliCommand = {
  name: 'generate',
  summary: 'generate audio with a trained WaveNet (faster than real time)',
  usage: '--model MODEL --seconds S --out X.wav [--label L] [--temperature T] [--seed N] [--prime WAV] [--json]',
  help: [
    'Generates audio sample by sample with the cached-queue (Fast WaveNet) recurrence, O(layers) per sample, and',
    'writes a 16-bit WAV at the model\'s rate.',
    '',
    '  --model MODEL      model directory (from kielo train wavenet)',
    '  --seconds S        seconds to generate (> 0)',
    '  --out X.wav        output file',
    '  --label L          for a conditioned model: make audio like folder L (default: its first label)',
    '  --temperature T    softmax temperature (default 1; lower is more conservative, 0 = always the likeliest)',
    '  --seed N           sampling seed (default 1): same seed, same audio',
    '  --prime WAV        feed this audio to the model first (not part of the output)',
    '',
    'JSON: {file, seconds, sampleRate, samplesPerSecond, label, temperature, seed}',
  ].join('\n'),
  options: {
    model: { type: 'string' },
    seconds: { type: 'string' },
    out: { type: 'string' },
    label: { type: 'string' },
    temperature: { type: 'string' },
    seed: { type: 'string' },
    prime: { type: 'string' },
  },
  async run(ctx) {
    const { values, positionals } = ctx.args;
    if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'`);
    const model = values.model;
    const out = values.out;
    if (typeof model !== 'string' || !model) throw new UsageError('--model MODEL is required');
    if (typeof out !== 'string' || !/\.wav$/i.test(out)) throw new UsageError(`--out X.wav is required (a .wav path), got '${out ?? ''}'`);
    const seconds = numberOption(ctx, 'seconds', 1e-4, 3600, false);
    if (seconds === undefined) throw new UsageError('--seconds S is required');
    const result = await run(
      {
        model,
        out,
        seconds,
        ...(typeof values.label === 'string' ? { label: values.label } : {}),
        ...(typeof values.prime === 'string' ? { prime: values.prime } : {}),
        temperature: numberOption(ctx, 'temperature', 0, 100, false) ?? 1,
        seed: numberOption(ctx, 'seed', -(2 ** 31), 2 ** 31, true) ?? 1,
      },
      { signal: ctx.signal, onEvent: (event) => ctx.progress(event.message) },
    );
    ctx.output(result, human as (r: never) => string);
  },
};

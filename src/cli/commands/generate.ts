/** `kielo generate --model M --seconds S --out X.wav [--label L] [--temperature T] [--seed N] [--mel-from F]`: WaveNet audio. */
import type { CliCommand } from '../command';
import { noPositionals, numberOption, pathOption, required, stringOption } from '../options';
import { run, type GenerateResult } from '../../jobs/tasks/generate';

function human(r: GenerateResult): string {
  return `${r.file}: ${r.seconds.toFixed(2)} s at ${r.sampleRate} Hz${r.label ? ` like '${r.label}'` : ''}, ${r.samplesPerSecond} samples/s (${(r.samplesPerSecond / r.sampleRate).toFixed(1)}x real time)`;
}

export const command: CliCommand = {
  name: 'generate',
  usage: '--model MODEL (--seconds S | --mel-from FILE) --out X.wav [--label L] [--temperature T] [--seed N] [--prime WAV] [--json]',
  help: [
    'Generates audio sample by sample with the cached-queue (Fast WaveNet) recurrence, O(layers) per sample, and',
    'writes a 16-bit WAV at the model\'s rate. With a VAE or GAN model (kielo train vae|gan), draws codes from the',
    'prior (noise), decodes them to log-mel patches and makes each audible by Griffin-Lim: --seconds worth of',
    'patches with a short gap between them; --temperature is the codes\' standard deviation. A log-mel vocoder',
    '(kielo train wavenet --condition mel) needs --mel-from: it generates the waveform of that file\'s log-mel.',
    '',
    '  --model MODEL      model directory (from kielo train wavenet, vae or gan)',
    '  --seconds S        seconds to generate (> 0); with --mel-from, at most (and by default) the file\'s length',
    '                     in whole frames (frames x hop)',
    '  --out X.wav        output file',
    '  --label L          for a conditioned model: make audio like folder L (default: its first label)',
    '  --temperature T    softmax temperature (default 1; lower is more conservative, 0 = always the likeliest)',
    '  --seed N           sampling seed (default 1): same seed, same audio',
    '  --prime WAV        feed this audio to the model first (not part of the output)',
    '  --mel-from FILE    a vocoder only, and required by it: condition on the log-mel of this wav/flac/...,',
    '                     computed with the model\'s FeatureSpec',
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
    'mel-from': { type: 'string' },
  },
  async run(ctx) {
    const { values, positionals } = ctx.args;
    noPositionals(positionals);
    const model = required(stringOption(values, 'model'), '--model MODEL');
    const out = required(pathOption(values, 'out', ['.wav']), '--out X.wav');
    const melFrom = stringOption(values, 'mel-from');
    const seconds = numberOption(values, 'seconds', { above: 0, max: 3600 });
    if (melFrom === undefined) required(seconds, '--seconds S');
    const label = stringOption(values, 'label');
    const prime = stringOption(values, 'prime');
    const result = await run(
      {
        model,
        out,
        ...(seconds !== undefined ? { seconds } : {}),
        ...(melFrom !== undefined ? { melFrom } : {}),
        ...(label !== undefined ? { label } : {}),
        ...(prime !== undefined ? { prime } : {}),
        temperature: numberOption(values, 'temperature', { min: 0, max: 100 }) ?? 1,
        seed: numberOption(values, 'seed', { integer: true, min: -(2 ** 31), max: 2 ** 31 }) ?? 1,
      },
      { signal: ctx.signal, onEvent: (event) => ctx.progress.update(event.done, event.total, event.message) },
    );
    ctx.output(result, human as (r: never) => string);
  },
};

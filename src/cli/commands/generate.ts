/** `kielo generate --model M --seconds S --out X.wav [--label L] [--temperature T] [--seed N] [--mel-from F | --mel-from-vae VAE | --mel-from-prior P]`: WaveNet audio. */
import type { CliCommand } from '../command';
import { flagOption, noPositionals, numberOption, pathOption, required, stringOption } from '../options';
import { UsageError } from '../../util/errors';
import { run, type GenerateResult } from '../../jobs/tasks/generate';

function human(r: GenerateResult): string {
  return `${r.file}: ${r.seconds.toFixed(2)} s at ${r.sampleRate} Hz${r.label ? ` like '${r.label}'` : ''}, ${r.samplesPerSecond} samples/s (${(r.samplesPerSecond / r.sampleRate).toFixed(1)}x real time)`;
}

export const command: CliCommand = {
  name: 'generate',
  usage: '--model MODEL (--seconds S | --mel-from FILE [--mel-spec SPEC] | --mel-from-vae VAE [--interpolate A B] | --mel-from-prior PRIOR) --out X.wav [--label L] [--temperature T] [--seed N] [--prime WAV] [--headroom DB] [--json]',
  help: [
    'Generates audio sample by sample with the cached-queue (Fast WaveNet) recurrence, O(layers) per sample, and',
    'writes a 16-bit WAV at the model\'s rate. With a VAE or GAN model (kielo train vae|gan), draws codes from the',
    'prior (noise), decodes them to log-mel patches and makes each audible by Griffin-Lim: --seconds worth of',
    'patches with a short gap between them; --temperature is the codes\' standard deviation. A log-mel vocoder',
    '(kielo train wavenet --condition mel) needs --mel-from: it generates the waveform of that file\'s log-mel,',
    'sample-aligned with the file; or --mel-from-vae: it plays a VAE\'s log-mel (prior patches, seeded by --seed, or',
    'with --interpolate the path between two files\' codes), decoded and laid end to end with cross-faded seams,',
    'normalised as the vocoder was trained (per utterance); or --mel-from-prior: it babbles from nothing, playing',
    'a unit sequence drawn from a unit prior.',
    '',
    '  --model MODEL      model directory (from kielo train wavenet, vae or gan)',
    '  --seconds S        seconds to generate (> 0); with --mel-from, at most (and by default) the file\'s length',
    '                     in whole frames (frames x hop)',
    '  --out X.wav        output file',
    '  --label L          for a conditioned model: make audio like folder L (default: its first label)',
    '  --temperature T    softmax temperature (default 1; lower is more conservative, 0 = always the likeliest)',
    '  --seed N           sampling seed (default 1): same seed, same audio',
    '  --prime WAV        feed this audio to the model first (not part of the output)',
    '  --headroom DB      scale the output so its peak sits DB below full scale (0..60; sox --norm=-DB);',
    '                     default: the level the model generated',
    '  --mel-from FILE    a vocoder only, and required by it: condition on the log-mel of this wav/flac/...,',
    '                     computed with the model\'s FeatureSpec',
    '  --mel-spec SPEC    with --mel-from X.npy (a log-mel matrix from kielo features --out): the FeatureSpec it',
    '                     was made with, as JSON, full or partial (kielo features --json output will do); it',
    '                     must be the vocoder\'s front end (rate, window, hop, bands...)',
    '  --mel-from-vae VAE a vocoder only: play --seconds of log-mel from this VAE (kielo train vae; the bundled one',
    '                     is assets/demo/models/vae) drawn from its prior; --temperature is the vocoder\'s',
    '  --interpolate      with --mel-from-vae: instead of the prior, the straight path from the mean code of the',
    '                     first file given to the second\'s (two files after the options)',
    '  --mel-from-prior PRIOR',
    '                     a vocoder only: babble --seconds from this unit prior (units of log-mel frames and a',
    '                     bigram over them, scripts/generative/unit-prior.ts; the bundled one is',
    '                     assets/demo/models/unit-prior), seeded by --seed, at its corpus\'s level',
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
    'mel-from-vae': { type: 'string' },
    'mel-from-prior': { type: 'string' },
    headroom: { type: 'string' },
    'mel-spec': { type: 'string' },
    interpolate: { type: 'boolean' },
  },
  async run(ctx) {
    const { values, positionals } = ctx.args;
    const interpolate = flagOption(values, 'interpolate');
    if (interpolate && positionals.length !== 2) throw new UsageError(`--interpolate needs two audio files after the options, got ${positionals.length}`);
    if (!interpolate) noPositionals(positionals);
    const model = required(stringOption(values, 'model'), '--model MODEL');
    const out = required(pathOption(values, 'out', ['.wav']), '--out X.wav');
    const melFrom = stringOption(values, 'mel-from');
    const melFromVae = stringOption(values, 'mel-from-vae');
    const melFromPrior = stringOption(values, 'mel-from-prior');
    const headroom = numberOption(values, 'headroom', { min: 0, max: 60 });
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
        ...(melFromVae !== undefined ? { melFromVae } : {}),
        ...(melFromPrior !== undefined ? { melFromPrior } : {}),
        ...(stringOption(values, 'mel-spec') !== undefined ? { melSpec: stringOption(values, 'mel-spec') } : {}),
        ...(interpolate ? { interpolate: [positionals[0], positionals[1]] as [string, string] } : {}),
        ...(label !== undefined ? { label } : {}),
        ...(headroom !== undefined ? { peakDb: -headroom } : {}),
        ...(prime !== undefined ? { prime } : {}),
        temperature: numberOption(values, 'temperature', { min: 0, max: 100 }) ?? 1,
        seed: numberOption(values, 'seed', { integer: true, min: -(2 ** 31), max: 2 ** 31 }) ?? 1,
      },
      { signal: ctx.signal, onEvent: (event) => ctx.progress.update(event.done, event.total, event.message) },
    );
    ctx.output(result, human as (r: never) => string);
  },
};

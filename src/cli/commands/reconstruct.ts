/** `kielo reconstruct --model MODEL FILE --out X.wav`: a file through an autoencoder or VAE and back to audio (Griffin-Lim). */
import type { CliCommand } from '../command';
import { engineHelp, engineOption, engineSpec } from '../engine-option';
import { numberOption, oneFile, pathOption, required, stringOption } from '../options';
import { writeWav } from '../../audio';
import { initEngine } from '../../engine';
import { griffinLimVocoder } from '../../features/griffin-lim';
import { loadGenerative, reconstructFile } from '../../models/generative';

interface ReconstructResult {
  file: string;
  out: string;
  seconds: number;
  /** RMS dB difference of the reconstruction's log-mel from the original's (before the vocoder). */
  distortionDb: number;
  vocoder: string;
}

function human(r: ReconstructResult): string {
  return `${r.out}: ${r.seconds.toFixed(2)} s reconstructed from ${r.file}, log-mel ${r.distortionDb.toFixed(2)} dB from the original (${r.vocoder})`;
}

export const command: CliCommand = {
  name: 'reconstruct',
  usage: '--model MODEL FILE --out X.wav [--iterations N] [--engine E] [--json]',
  help: [
    'Runs FILE through a model from `kielo train ae` or `kielo train vae` (patches encoded, decoded and overlap-added)',
    'and writes the result as audio made by Griffin-Lim from the reconstructed log-mel.',
    '',
    '  --model MODEL     model directory (an autoencoder or a VAE)',
    '  --out X.wav       output file (16-bit WAV at 16 kHz)',
    '  --iterations N    Griffin-Lim iterations (default 32)',
    engineHelp,
    '',
    'JSON: {file, out, seconds, distortionDb, vocoder}',
  ].join('\n'),
  options: { model: { type: 'string' }, out: { type: 'string' }, iterations: { type: 'string' }, ...engineSpec },
  async run(ctx) {
    const dir = required(stringOption(ctx.args.values, 'model'), '--model MODEL');
    const out = required(pathOption(ctx.args.values, 'out', ['.wav']), '--out X.wav');
    const file = oneFile(ctx.args.positionals);
    const vocoder = griffinLimVocoder({ iterations: numberOption(ctx.args.values, 'iterations', { integer: true, min: 0, max: 1000 }) ?? 32 });
    await initEngine(engineOption(ctx.args.values));
    const model = await loadGenerative(dir, ['ae', 'vae']);
    try {
      const { samples, distortionDb } = await reconstructFile(model, file, vocoder);
      await writeWav(out, samples, model.spec.sampleRate, 'pcm16');
      ctx.output({ file, out, seconds: samples.length / model.spec.sampleRate, distortionDb, vocoder: vocoder.name } satisfies ReconstructResult, human as (r: never) => string);
    } finally {
      model.net.dispose();
    }
  },
};

/** `kielo encode --model MODEL FILE... [--json]`: the codes of audio files under an autoencoder or VAE. */
import type { CliCommand } from '../command';
import { engineHelp, engineOption, engineSpec } from '../engine-option';
import { flagOption, required, someFiles, stringOption } from '../options';
import { listAudioFiles } from '../../audio';
import { initEngine } from '../../engine';
import { encodeFile, loadGenerative, type FileCodes } from '../../models/generative';
import { InputFileError, messageOf } from '../../util/errors';

/** One file's code, with its patches' codes when asked. */
type EncodeResult = Pick<FileCodes, 'file' | 'code'> & Partial<Pick<FileCodes, 'patches' | 'starts'>>;

function human(results: EncodeResult[]): string {
  return results.map((r) => `${r.file}: [${r.code.map((v) => v.toFixed(3)).join(', ')}]${r.patches ? ` (mean of ${r.patches.length} patches)` : ''}`).join('\n');
}

export const command: CliCommand = {
  name: 'encode',
  usage: '--model MODEL FILE|DIR... [--patches] [--engine E] [--json]',
  help: [
    'Encodes each file with a model from `kielo train ae` or `kielo train vae`: the file\'s log-mel is cut into patches',
    '(the model\'s patch length, every hop frames), each patch is encoded (the autoencoder\'s bottleneck, the VAE\'s',
    'encoder mean), and the file\'s code is the mean of its patches\' codes. A folder stands for the audio files below',
    'it. A file that cannot be read or is shorter than one patch is reported on stderr (exit 2).',
    '',
    '  --model MODEL   model directory (an autoencoder or a VAE)',
    '  --patches       also list every patch\'s code (JSON: patches, starts)',
    engineHelp,
    '',
    'JSON: [{file, code: [k numbers], patches?: [[k numbers]], starts?: [seconds]}]',
  ].join('\n'),
  options: { model: { type: 'string' }, patches: { type: 'boolean' }, ...engineSpec },
  async run(ctx) {
    const dir = required(stringOption(ctx.args.values, 'model'), '--model MODEL');
    const withPatches = flagOption(ctx.args.values, 'patches');
    const files = await listAudioFiles(someFiles(ctx.args.positionals));
    await initEngine(engineOption(ctx.args.values));
    const model = await loadGenerative(dir, ['ae', 'vae']);
    const results: EncodeResult[] = [];
    try {
      for (const [i, file] of files.entries()) {
        try {
          const r = await encodeFile(model, file);
          results.push(withPatches ? r : { file: r.file, code: r.code });
        } catch (error) {
          ctx.reportBadInput(file, error instanceof InputFileError ? error.reason : messageOf(error));
        }
        ctx.progress.update(i + 1, files.length, `encoded ${i + 1} of ${files.length}`);
      }
    } finally {
      model.net.dispose();
    }
    ctx.output(results, human as (r: never) => string);
  },
};

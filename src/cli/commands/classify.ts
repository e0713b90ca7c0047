/** `kielo classify --model MODEL FILE...`: language posteriors per file and per 1 s segment (0.5 s hop). */
import type { CliCommand } from '../command';
import { listAudioFiles } from '../../audio';
import { parseEngineName } from '../../engine';
import { runJob } from '../../jobs';
import type { LidClassification } from '../../train/lid-infer';
import { InputFileError, UsageError } from '../../util/errors';

function human(results: LidClassification[]): string {
  return results
    .map((r) => {
      const top = Object.entries(r.posteriors).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([l, p]) => `${l} ${(p * 100).toFixed(1)}%`);
      const timeline = r.segments.map((s) => s.label).join(' ');
      return `${r.file}: ${r.label} (${top.join(', ')})${r.segments.length > 1 ? `\n  over time: ${timeline}` : ''}`;
    })
    .join('\n');
}

export const command: CliCommand = {
  name: 'classify',
  summary: 'language posteriors per file and over time',
  usage: '--model MODEL FILE|DIR... [--engine wasm|cpu|node]',
  help: [
    'Classifies each file with a model from `kielo train lid`: the whole file, and 1 s segments every 0.5 s.',
    'A folder stands for the audio files below it. Runs in a worker thread. A file that cannot be read is reported',
    'on stderr (exit 2); the others are classified.',
    '',
    'JSON: [{file, label, posteriors: {label: p}, durationSec, segments: [{start, end, label, posteriors}]}]',
  ].join('\n'),
  options: { model: { type: 'string' }, engine: { type: 'string' } },
  async run(ctx) {
    const { model, engine } = ctx.args.values as Record<string, string | undefined>;
    if (!model) throw new UsageError('--model MODEL is required');
    if (ctx.args.positionals.length === 0) throw new UsageError('give at least one audio file');
    const files: string[] = [];
    for (const path of ctx.args.positionals) {
      try {
        files.push(...(await listAudioFiles([path])));
      } catch (error) {
        if (!(error instanceof InputFileError)) throw error;
        ctx.reportBadInput(error.file, error.reason);
      }
    }
    const results: LidClassification[] = [];
    if (files.length) {
      const items = await runJob('classify-batch', { model, files, engine: engine === undefined ? 'auto' : parseEngineName(engine) }, { signal: ctx.signal });
      for (const item of items) {
        if ('error' in item) ctx.reportBadInput(item.file, item.error);
        else results.push(item);
      }
    }
    ctx.output(results, human as (r: never) => string);
  },
};

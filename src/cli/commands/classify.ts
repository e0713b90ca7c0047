/**
 * `kielo classify --model MODEL FILE...`: calibrated language posteriors per file and per 1 s segment (0.5 s hop), and
 * the answer: a label, or none when there is no speech or the model is unsure.
 */
import type { CliCommand } from '../command';
import { engineHelp, engineOption, engineSpec } from '../engine-option';
import { numberOption, required, someFiles, stringOption } from '../options';
import { threadsHelp, threadsOption, threadsSpec } from '../threads-option';
import { vadHelp, vadOption, vadSpec } from '../vad-option';
import { listAudioFiles } from '../../audio';
import { runJob } from '../../jobs';
import { DEFAULT_MIN_CONFIDENCE, type LidClassification } from '../../train/lid-infer';
import { InputFileError } from '../../util/errors';

function human(results: LidClassification[]): string {
  return results
    .map((r) => {
      const top = Object.entries(r.posteriors).sort((a, b) => b[1] - a[1]).slice(0, 3).map(([l, p]) => `${l} ${(p * 100).toFixed(1)}%`);
      const timeline = r.segments.map((s) => s.label).join(' ');
      const verdict = !r.speech ? 'no speech' : r.unsure ? `unsure (best guess: ${r.bestGuess}, ${(r.confidence * 100).toFixed(0)}%)` : r.label;
      return `${r.file}: ${verdict} (${top.join(', ')})${r.segments.length > 1 ? `\n  over time: ${timeline}` : ''}`;
    })
    .join('\n');
}

export const command: CliCommand = {
  name: 'classify',
  usage: '--model MODEL FILE|DIR... [--min-confidence P] [--vad kielo|silero] [--engine E] [--threads N]',
  help: [
    'Classifies each file with a model from `kielo train lid`: the whole file, and 1 s segments every 0.5 s.',
    'A folder stands for the audio files below it. Runs in worker threads (--threads). A file that cannot be read is reported',
    'on stderr (exit 2); the others are classified. Posteriors are calibrated by the temperature fitted on validation',
    'data when the model was trained (models without one: as they are). A file gets a label only when it holds speech',
    '(by --vad: tones, noise and silence are "no speech"; recorded sound effects too with silero) and the top',
    'posterior reaches --min-confidence; otherwise label is null, with speech false or unsure true.',
    '',
    '  --model MODEL     model directory (from kielo train lid)',
    `  --min-confidence P  top posterior a label needs, 0..1 (default ${DEFAULT_MIN_CONFIDENCE}); 0 always answers speech`,
    vadHelp,
    engineHelp,
    threadsHelp,
    '',
    'JSON: [{file, label (null: no speech or unsure), speech, unsure, bestGuess, confidence, posteriors: {label: p},',
    '        durationSec, segments: [{start, end, label, posteriors}]}]',
  ].join('\n'),
  options: { model: { type: 'string' }, 'min-confidence': { type: 'string' }, ...vadSpec, ...engineSpec, ...threadsSpec },
  async run(ctx) {
    const { values, positionals } = ctx.args;
    const model = required(stringOption(values, 'model'), '--model MODEL');
    const engine = engineOption(values);
    const minConfidence = numberOption(values, 'min-confidence', { min: 0, max: 1 });
    const vad = vadOption(values);
    const threads = threadsOption(values);
    const files: string[] = [];
    for (const path of someFiles(positionals)) {
      try {
        files.push(...(await listAudioFiles([path])));
      } catch (error) {
        if (!(error instanceof InputFileError)) throw error;
        ctx.reportBadInput(error.file, error.reason);
      }
    }
    const results: LidClassification[] = [];
    if (files.length) {
      const items = await runJob('classify-batch', { model, files, engine, minConfidence, vad, threads }, {
        signal: ctx.signal,
        onEvent: (event) => ctx.progress.update(event.done, event.total, `classified ${event.done}/${event.total}: ${event.file}`, { lineEvery: 50 }),
      });
      for (const item of items) {
        if ('error' in item) ctx.reportBadInput(item.file, item.error);
        else results.push(item);
      }
    }
    ctx.output(results, human as (r: never) => string);
  },
};

/** `kielo transcribe`: speech to text with a trained CTC recogniser, with word timings. */
import { writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { CliCommand } from '../command';
import { engineHelp, engineOption, engineSpec } from '../engine-option';
import { flagOption, numberOption, required, someFiles, stringOption } from '../options';
import { threadsHelp, threadsOption, threadsSpec } from '../threads-option';
import { runJob } from '../../jobs';
import { formatTrn } from '../../metrics/trn';
import type { FileTranscript } from '../../models/asr';
import { readWordList } from '../../models/asr/word-list';

export const command: CliCommand = {
  name: 'transcribe',
  usage: '--model MODEL FILE... [--beam N] [--words LIST.txt] [--trn OUT.trn] [--chars] [--posteriorgram] [--engine E] [--threads N] [--json]',
  help: [
    'Prints [{file, text, words: [{text, start, end}]}] (times in seconds, from the CTC alignment of the text).',
    '  --model MODEL     model directory (from kielo train asr)',
    '  --beam N          prefix beam search of width N (default 1: greedy)',
    '  --words FILE      only output words listed in FILE (whitespace-separated; implies beam search)',
    '  --trn FILE        also write the hypotheses as an sclite trn file (utterance id = file name without extension)',
    '  --chars           include per-character timings     --posteriorgram   include per-frame log-posteriors',
    engineHelp,
    threadsHelp,
  ].join('\n'),
  options: {
    model: { type: 'string' },
    beam: { type: 'string' },
    words: { type: 'string' },
    trn: { type: 'string' },
    chars: { type: 'boolean' },
    posteriorgram: { type: 'boolean' },
    ...engineSpec,
    ...threadsSpec,
  },
  async run(ctx) {
    const { values, positionals } = ctx.args;
    const model = required(stringOption(values, 'model'), '--model MODEL');
    const files = someFiles(positionals);
    const beamWidth = numberOption(values, 'beam', { integer: true, min: 1, max: 1024 }) ?? 1;
    const engine = engineOption(values);
    const trn = stringOption(values, 'trn');
    const wordList = stringOption(values, 'words');
    const words = wordList !== undefined ? await readWordList(wordList) : undefined;
    const results = await runJob(
      'transcribe',
      { model, files, beamWidth: words ? Math.max(beamWidth, 8) : beamWidth, words, posteriorgram: flagOption(values, 'posteriorgram'), engine, threads: threadsOption(values) },
      {
        signal: ctx.signal,
        onEvent: (event) => {
          if (event.type === 'skipped') ctx.reportBadInput(event.file, event.reason);
          else ctx.progress.update(event.index + 1, event.total, `[${event.index + 1}/${event.total}] ${event.result.file}`);
        },
      },
    );
    const chars = flagOption(values, 'chars');
    const output = results.map(({ chars: perChar, ...r }: FileTranscript) => (chars ? { ...r, chars: perChar } : r));
    if (trn !== undefined) {
      await writeFile(trn, formatTrn(results.map((r) => ({ id: basename(r.file, extname(r.file)), words: r.text.split(' ').filter(Boolean) }))));
    }
    ctx.output(output, (rows: typeof output) => rows.map((r) => `${r.file}: ${r.text}`).join('\n'));
  },
};

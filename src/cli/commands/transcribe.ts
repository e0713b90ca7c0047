/** `kielo transcribe`: speech to text with a trained CTC recogniser, with word timings. */
import { readFile, writeFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import type { CliCommand } from '../command';
import { runJob } from '../../jobs';
import '../../jobs/tasks/transcribe';
import { parseEngineName } from '../../engine';
import { formatTrn } from '../../metrics/trn';
import { InputFileError, UsageError, messageOf } from '../../util/errors';
import type { FileTranscript } from '../../models/asr';

async function readWordList(file: string): Promise<string[]> {
  try {
    return (await readFile(file, 'utf8')).split(/\s+/).map((w) => w.toLowerCase()).filter(Boolean);
  } catch (error) {
    throw new InputFileError(file, messageOf(error));
  }
}

export const command: CliCommand = {
  name: 'transcribe',
  summary: 'transcribe speech with a trained ASR model',
  usage: '--model MODEL FILE... [--beam N] [--words LIST.txt] [--trn OUT.trn] [--chars] [--posteriorgram] [--engine E] [--json]',
  help: [
    'Prints [{file, text, words: [{text, start, end}]}] (times in seconds, from the CTC alignment of the text).',
    '  --beam N          prefix beam search of width N (default 1: greedy)',
    '  --words FILE      only output words listed in FILE (whitespace-separated; implies beam search)',
    '  --trn FILE        also write the hypotheses as an sclite trn file (utterance id = file name without extension)',
    '  --chars           include per-character timings     --posteriorgram   include per-frame log-posteriors',
  ].join('\n'),
  options: {
    model: { type: 'string' },
    beam: { type: 'string' },
    words: { type: 'string' },
    trn: { type: 'string' },
    chars: { type: 'boolean' },
    posteriorgram: { type: 'boolean' },
    engine: { type: 'string' },
  },
  async run(ctx) {
    const v = ctx.args.values;
    if (typeof v.model !== 'string') throw new UsageError('kielo transcribe needs --model MODEL');
    if (ctx.args.positionals.length === 0) throw new UsageError('kielo transcribe needs at least one audio FILE');
    const beamWidth = v.beam === undefined ? 1 : Number(v.beam);
    if (!Number.isInteger(beamWidth) || beamWidth < 1) throw new UsageError(`--beam ${String(v.beam)}: expected an integer >= 1`);
    let engine;
    try {
      engine = typeof v.engine === 'string' ? parseEngineName(v.engine) : undefined;
    } catch (error) {
      throw new UsageError(messageOf(error));
    }
    const words = typeof v.words === 'string' ? await readWordList(v.words) : undefined;
    const results = await runJob(
      'transcribe',
      { model: v.model, files: ctx.args.positionals, beamWidth: words ? Math.max(beamWidth, 8) : beamWidth, words, posteriorgram: v.posteriorgram === true, engine },
      {
        signal: ctx.signal,
        onEvent: (event) => {
          if (event.type === 'badInput') ctx.reportBadInput(event.file, event.reason);
          else if (!ctx.json) ctx.progress(`[${event.index + 1}/${event.total}] ${event.result.file}`);
        },
      },
    );
    const output = results.map(({ chars, ...r }: FileTranscript) => (v.chars ? { ...r, chars } : r));
    if (typeof v.trn === 'string') {
      await writeFile(v.trn, formatTrn(results.map((r) => ({ id: basename(r.file, extname(r.file)), words: r.text.split(' ').filter(Boolean) }))));
    }
    ctx.output(output, (rows: typeof output) => rows.map((r) => `${r.file}: ${r.text}`).join('\n'));
  },
};

/** `kielo info FILE...`: sample rate, channels, duration and format of each file; bad files are reported and skipped. */
import type { CliCommand, CommandContext } from '../command';
import { someFiles } from '../options';
import { listAudioFiles, probeFile, type AudioInfo } from '../../audio';
import { CancelledError, InputFileError } from '../../util/errors';

/** The audio files a path stands for (itself, or the audio files below a folder); reports a missing path. */
async function expandPath(ctx: CommandContext, path: string): Promise<string[]> {
  try {
    return await listAudioFiles([path]);
  } catch (error) {
    if (!(error instanceof InputFileError)) throw error;
    ctx.reportBadInput(error.file, error.reason);
    return [];
  }
}

function formatInfo(infos: AudioInfo[]): string {
  if (infos.length === 0) return 'no readable audio files';
  const width = Math.max(...infos.map((i) => i.file.length));
  return infos
    .map((i) => `${i.file.padEnd(width)}  ${i.format.padEnd(4)}  ${String(i.sampleRate).padStart(6)} Hz  ${String(i.channels).padStart(2)} ch  ${i.durationSec.toFixed(3).padStart(9)} s`)
    .join('\n');
}

/** The `kielo info` command. */
export const command: CliCommand = {
  name: 'info',
  usage: 'FILE|DIR... [--json]',
  help: [
    'Reads each file (WAV, AIFF, FLAC, MP3, Ogg Vorbis, Ogg Opus, WebM Opus, GSM 06.10; recognised by content) and prints',
    'its facts.',
    'A folder stands for every audio file below it. A file that cannot be read is reported on stderr with its',
    'reason; the others are still printed, and the exit code is 2.',
    '',
    'JSON: [{file, sampleRate, channels, durationSec, format}]',
  ].join('\n'),
  options: {},
  async run(ctx) {
    const infos: AudioInfo[] = [];
    for (const path of someFiles(ctx.args.positionals)) {
      for (const file of await expandPath(ctx, path)) {
        if (ctx.signal.aborted) throw new CancelledError('interrupted');
        try {
          infos.push(await probeFile(file));
        } catch (error) {
          if (!(error instanceof InputFileError)) throw error;
          ctx.reportBadInput(error.file, error.reason);
        }
      }
    }
    ctx.output(infos, formatInfo as (r: never) => string);
  },
};

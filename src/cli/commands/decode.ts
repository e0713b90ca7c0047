/** `kielo decode FILE --out X.wav|X.npy [--rate R|native] [--float]`: decode to mono at 16 kHz (or another rate). */
import type { CliCommand } from '../command';
import { flagOption, oneFile, pathOption, required, stringOption } from '../options';
import { DEFAULT_SAMPLE_RATE, loadAudio, writeNpy, writeWav } from '../../audio';
import { InputFileError, UsageError, messageOf } from '../../util/errors';
import { sampleRateProblem } from '../../audio/limits';

/** What `kielo decode` prints. */
export interface DecodeResult {
  file: string;
  out: string;
  sampleRate: number;
  samples: number;
  durationSec: number;
  format: string;
  sourceRate: number;
  sourceChannels: number;
}

/** Parses --rate: a whole number of Hz within the sane range, or 'native'. */
export function parseRate(value: string | undefined): number | 'native' {
  if (value === undefined) return DEFAULT_SAMPLE_RATE;
  if (value === 'native') return 'native';
  if (!/^\d+$/.test(value)) throw new UsageError(`--rate must be a whole number of Hz or 'native', got '${value}'`);
  const problem = sampleRateProblem(Number(value));
  if (problem) throw new UsageError(`--rate: ${problem}`);
  return Number(value);
}

function outputKind(out: string, float: boolean): 'wav' | 'npy' {
  const kind = out.toLowerCase().endsWith('.npy') ? 'npy' : 'wav';
  if (kind === 'npy' && float) throw new UsageError('--float applies to .wav output (.npy is always float32)');
  return kind;
}

function formatResult(r: DecodeResult): string {
  return `${r.out}: ${r.samples} samples at ${r.sampleRate} Hz (${r.durationSec.toFixed(3)} s, mono) from ${r.file} (${r.format}, ${r.sourceRate} Hz, ${r.sourceChannels} ch)`;
}

/** The `kielo decode` command. */
export const command: CliCommand = {
  name: 'decode',
  usage: 'FILE --out X.wav|X.npy [--rate R|native] [--float] [--json]',
  help: [
    'Decodes FILE (WAV, AIFF, FLAC, MP3, Ogg Vorbis, Ogg Opus, WebM Opus, GSM), mixes it to mono (average of channels)',
    'and resamples it with an anti-aliasing filter. The output is written atomically (temporary file, then rename).',
    '',
    '  --out PATH    X.wav (16-bit PCM, or 32-bit float with --float) or X.npy (float32, shape [samples])',
    '  --rate R      output rate in Hz, or native for the file\'s own rate (default 16000)',
    '  --float       write a 32-bit float WAV instead of 16-bit PCM',
    '',
    'JSON: {file, out, sampleRate, samples, durationSec, format, sourceRate, sourceChannels}',
  ].join('\n'),
  options: {
    out: { type: 'string' },
    rate: { type: 'string' },
    float: { type: 'boolean' },
  },
  async run(ctx) {
    const { positionals, values } = ctx.args;
    const file = oneFile(positionals);
    const out = required(pathOption(values, 'out', ['.wav', '.npy']), '--out X.wav|X.npy');
    const float = flagOption(values, 'float');
    const kind = outputKind(out, float);
    const sampleRate = parseRate(stringOption(values, 'rate'));
    let audio;
    try {
      audio = await loadAudio(file, { sampleRate });
    } catch (error) {
      if (!(error instanceof InputFileError)) throw error;
      ctx.reportBadInput(error.file, error.reason);
      return;
    }
    try {
      if (kind === 'npy') await writeNpy(out, audio.samples, [audio.samples.length]);
      else await writeWav(out, audio.samples, audio.sampleRate, float ? 'float32' : 'pcm16');
    } catch (error) {
      ctx.reportBadInput(out, `cannot write: ${messageOf(error)}`);
      return;
    }
    const result: DecodeResult = {
      file,
      out,
      sampleRate: audio.sampleRate,
      samples: audio.samples.length,
      durationSec: audio.samples.length / audio.sampleRate,
      format: audio.format,
      sourceRate: audio.sourceRate,
      sourceChannels: audio.sourceChannels,
    };
    ctx.output(result, formatResult as (r: never) => string);
  },
};

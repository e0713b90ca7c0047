/** `kielo resynth --model VOCODER FILE --out X.wav [--griffin-lim-out Y.wav]`: a file's log-mel back to audio, with LSD and MCD. */
import type { CliCommand } from '../command';
import { flagOption, numberOption, oneFile, pathOption, required, stringOption } from '../options';
import { run, type ResynthResult, type ResynthTakeResult } from '../../jobs/tasks/resynth';

function line(name: string, t: ResynthTakeResult): string {
  return `  ${name.padEnd(11)} LSD ${t.lsdDb.toFixed(2)} dB  MCD ${t.mcdDb.toFixed(2)} dB  level ${t.levelDb >= 0 ? '+' : ''}${t.levelDb.toFixed(1)} dB  ${t.seconds.toFixed(2)} s (real-time factor ${t.realTimeFactor.toFixed(2)})${t.file ? `  -> ${t.file}` : ''}`;
}

function human(r: ResynthResult): string {
  return [
    `${r.file}: ${r.duration.toFixed(2)} s, ${r.frames} log-mel frames at ${r.sampleRate} Hz, resynthesised by ${r.model} (seed ${r.seed}, temperature ${r.temperature})`,
    line('WaveNet', r.wavenet),
    ...(r.griffinLim ? [line('Griffin-Lim', r.griffinLim)] : []),
  ].join('\n');
}

export const command: CliCommand = {
  name: 'resynth',
  usage: '--model VOCODER FILE --out X.wav [--griffin-lim-out Y.wav] [--no-griffin-lim] [--seed N] [--temperature T] [--json]',
  help: [
    'Computes the log-mel of FILE with the vocoder\'s front end (its FeatureSpec: rate, window, hop, bands and its',
    'per-utterance normalisation), generates the waveform from those frames with the WaveNet vocoder (the fast',
    'generator) and writes it to X.wav, sample-aligned with FILE and as long. Griffin-Lim makes audio from the same',
    'log-mel (unnormalised) for comparison. Prints, for each, the distortion from FILE and the time it took:',
    '  LSD  log-spectral distance (dB): per frame the RMS over FFT bins of the power difference in dB, averaged',
    '  MCD  mel-cepstral distortion (dB): 10/ln10 * sqrt(2 * sum over c1..c12 of squared cepstral differences),',
    '       averaged over frames (c0, the level, excluded); the cepstra are MFCCs (orthonormal DCT of the',
    '       natural-log mel power), so values run higher than papers\' SPTK mel-cepstrum MCDs: compare within Kielo',
    '  both over frame-aligned 25 ms / 10 ms frames where the original is active (within 40 dB of its loudest',
    '  frame; pauses are left out), levels floored 60 dB below the original\'s loudest',
    '  level: its energy against the original\'s over those frames (dB); a vocoder trained on per-utterance',
    '       normalised log-mel cannot know the level, and LSD counts a level difference in full',
    '  real-time factor: seconds of computing per second of audio (< 1 is faster than real time)',
    '',
    '  --model VOCODER       a log-mel vocoder (kielo train wavenet --condition mel; the bundled one is',
    '                        assets/demo/models/vocoder)',
    '  --out X.wav           the WaveNet resynthesis (16-bit WAV at the vocoder\'s rate)',
    '  --griffin-lim-out Y   also write the Griffin-Lim resynthesis',
    '  --no-griffin-lim      do not run Griffin-Lim at all',
    '  --seed N              sampling seed (default 1)',
    '  --temperature T       softmax temperature (default 1)',
    '',
    'JSON: {file, model, sampleRate, duration, frames, seed, temperature,',
    '       wavenet: {file, lsdDb, mcdDb, levelDb, seconds, realTimeFactor}, griffinLim: {...} | null}',
  ].join('\n'),
  options: {
    model: { type: 'string' },
    out: { type: 'string' },
    'griffin-lim-out': { type: 'string' },
    'no-griffin-lim': { type: 'boolean' },
    seed: { type: 'string' },
    temperature: { type: 'string' },
  },
  async run(ctx) {
    const { values, positionals } = ctx.args;
    const model = required(stringOption(values, 'model'), '--model VOCODER');
    const out = required(pathOption(values, 'out', ['.wav']), '--out X.wav');
    const griffinLimOut = pathOption(values, 'griffin-lim-out', ['.wav']);
    const file = oneFile(positionals);
    const result = await run(
      {
        model,
        file,
        out,
        ...(griffinLimOut !== undefined ? { griffinLimOut } : {}),
        griffinLim: !flagOption(values, 'no-griffin-lim'),
        seed: numberOption(values, 'seed', { integer: true, min: -(2 ** 31), max: 2 ** 31 }) ?? 1,
        temperature: numberOption(values, 'temperature', { min: 0, max: 100 }) ?? 1,
      },
      { signal: ctx.signal, onEvent: (event) => ctx.progress.update(event.done, event.total, event.message) },
    );
    ctx.output(result, human as (r: never) => string);
  },
};

/** The 'resynth' job: a file's log-mel through a WaveNet vocoder (and Griffin-Lim) back to audio, with the distortions. */
import { loadAudio, writeWav } from '../../audio';
import { windowSamples } from '../../features';
import { resynthesize } from '../../generate/resynthesis';
import { vocoderMelSpec } from '../../generate/vocoder';
import { generativeKindOf, KIND_NAMES } from '../../models/generative';
import { loadWavenet } from '../../models/wavenet';
import { InputFileError, UsageError } from '../../util/errors';
import type { JobContext } from '../types';

/** Parameters of resynth. */
export interface ResynthParams {
  /** A log-mel vocoder's directory (kielo train wavenet --condition mel). */
  model: string;
  /** The recording (any format Kielo decodes; resampled to the vocoder's rate, mixed to mono). */
  file: string;
  /** WAV written with the WaveNet resynthesis. */
  out: string;
  /** WAV written with Griffin-Lim from the same log-mel; none when omitted (its figures are still measured unless griffinLim is false). */
  griffinLimOut?: string;
  /** Measure Griffin-Lim too (default true; forced by griffinLimOut). */
  griffinLim?: boolean;
  /** Sampling seed (default 1). */
  seed?: number;
  /** Softmax temperature (default 1). */
  temperature?: number;
}

/** Progress of a resynthesis. */
export interface ResynthEvent {
  type: 'progress';
  done: number;
  total: number;
  message: string;
}

/** One way back to audio, as reported. */
export interface ResynthTakeResult {
  file: string | null;
  /** Log-spectral distance from the recording (dB). */
  lsdDb: number;
  /** Mel-cepstral distortion from the recording (dB, c0 excluded). */
  mcdDb: number;
  /** Level against the recording's (dB): a vocoder trained on normalised log-mel cannot know the level. */
  levelDb: number;
  seconds: number;
  /** Seconds of computing per second of audio (< 1: faster than real time). */
  realTimeFactor: number;
}

/** What resynth returns (the CLI prints it). */
export interface ResynthResult {
  file: string;
  model: string;
  sampleRate: number;
  /** The recording's duration in seconds (both outputs are as long, sample-aligned with it). */
  duration: number;
  frames: number;
  seed: number;
  temperature: number;
  wavenet: ResynthTakeResult;
  griffinLim: ResynthTakeResult | null;
}

/** Resynthesises params.file with the vocoder params.model into params.out (and params.griffinLimOut). */
export async function run(params: ResynthParams, ctx: JobContext<ResynthEvent>): Promise<ResynthResult> {
  const { model, file } = params;
  const generative = await generativeKindOf(model);
  if (generative) throw new UsageError(`${model} is not a vocoder: it is a ${KIND_NAMES[generative]} (a WaveNet trained with --condition mel is)`);
  if (file.toLowerCase().endsWith('.npy')) throw new UsageError(`${file}: resynth needs the recording (a feature matrix has no waveform to compare with); kielo generate --mel-from X.npy --mel-spec SPEC.json vocodes one`);
  const weights = await loadWavenet(model);
  const spec = vocoderMelSpec(weights.config, model);
  const { sampleRate } = weights.config;
  const { samples } = await loadAudio(file, { sampleRate });
  if (samples.length < windowSamples(spec)) throw new InputFileError(file, `too short to resynthesise: ${samples.length} samples, one log-mel window is ${windowSamples(spec)}`);
  const seed = params.seed ?? 1;
  const temperature = params.temperature ?? 1;
  const result = await resynthesize(weights, samples, {
    model,
    seed,
    temperature,
    griffinLim: params.griffinLim !== false || params.griffinLimOut !== undefined,
    signal: ctx.signal,
    progressEvery: sampleRate,
    onProgress: (done, total) => ctx.onEvent({ type: 'progress', done, total, message: `vocoded ${(done / sampleRate).toFixed(1)} of ${(total / sampleRate).toFixed(1)} s` }),
  });
  await writeWav(params.out, result.wavenet.samples, sampleRate, 'pcm16');
  if (result.griffinLim && params.griffinLimOut !== undefined) await writeWav(params.griffinLimOut, result.griffinLim.samples, sampleRate, 'pcm16');
  const report = (t: NonNullable<typeof result.griffinLim>, out: string | null): ResynthTakeResult => ({ file: out, lsdDb: t.lsdDb, mcdDb: t.mcdDb, levelDb: t.levelDb, seconds: t.seconds, realTimeFactor: t.realTimeFactor });
  return {
    file,
    model,
    sampleRate,
    duration: result.duration,
    frames: result.frames,
    seed,
    temperature,
    wavenet: report(result.wavenet, params.out),
    griffinLim: result.griffinLim ? report(result.griffinLim, params.griffinLimOut ?? null) : null,
  };
}

/** The 'generate' job: load a WaveNet (or a VAE or GAN: src/generate/latent.ts), generate audio, write a 16-bit WAV. */
import { loadAudio, readNpy, withPeakDb, writeWav } from '../../audio';
import { extractFeatures, hopSamples, resolveFeatureSpec, type FeatureMatrix, type FeatureSpec } from '../../features';
import { generateAudio } from '../../generate';
import { generateFromLatent } from '../../generate/latent';
import { vocodeVae } from '../../generate/latent-vocoder';
import { vocodeUnitPrior } from '../../generate/unit-vocoder';
import { framesForVocoder, toVocoderFrames, vocode, vocodeLogMel, vocoderMelSpec } from '../../generate/vocoder';
import { generativeKindOf } from '../../models/generative';
import { loadWavenet, type WavenetConfig } from '../../models/wavenet';
import { InputFileError, UsageError, messageOf } from '../../util/errors';
import { readJsonFile } from '../../util/json-file';
import type { JobContext } from '../types';

/** Parameters of generate. */
export interface GenerateParams {
  /** Model directory (kielo.json + weights.json + weights.bin). */
  model: string;
  /**
   * Seconds of audio to generate (> 0). Required, except with melFrom: then it defaults to the file's frames x hop
   * (less any prime) and may not exceed that.
   */
  seconds?: number;
  /** Output WAV path. */
  out: string;
  /** Label to condition on (default: a conditioned model's first label). */
  label?: string;
  /** Default 1. */
  temperature?: number;
  /** Default 1. */
  seed?: number;
  /** Audio file whose samples are fed to the model before generating (not part of the output). */
  prime?: string;
  /**
   * A 'mel' model (a vocoder) only, and required by it: the audio file whose log-mel frames condition generation,
   * or a .npy log-mel matrix [frames, nMels] (kielo features --out) made with the FeatureSpec in melSpec.
   */
  melFrom?: string;
  /** With a .npy melFrom: a JSON file holding its FeatureSpec (or kielo features --json output, whose spec it reads). */
  melSpec?: string;
  /**
   * A vocoder only, instead of melFrom: a VAE whose log-mel the vocoder plays (src/generate/latent-vocoder.ts):
   * patches from its prior (seeded by `seed`), or, with `interpolate`, along the path between two files' codes.
   */
  melFromVae?: string;
  /** With melFromVae: the two audio files whose mean codes the interpolation runs between. */
  interpolate?: [string, string];
  /**
   * A vocoder only, instead of melFrom: a unit prior (scripts/generative/unit-prior.ts) whose sampled unit sequence
   * (seeded by `seed`) the vocoder plays: babble from nothing (src/generate/unit-vocoder.ts).
   */
  melFromPrior?: string;
  /** Scale the output so its peak is this many dBFS (<= 0); default: as generated. */
  peakDb?: number;
}

/** Progress of a generation. */
export interface GenerateEvent {
  type: 'progress';
  done: number;
  total: number;
  message: string;
}

/** What generate returns (the CLI prints it). */
export interface GenerateResult {
  file: string;
  seconds: number;
  sampleRate: number;
  samplesPerSecond: number;
  label: string | null;
  temperature: number;
  seed: number;
}

/** Generates `seconds` of audio into `out`. */
export async function run(params: GenerateParams, ctx: JobContext<GenerateEvent>): Promise<GenerateResult> {
  const { seconds } = params;
  if (seconds !== undefined && (!(seconds > 0) || !Number.isFinite(seconds))) throw new RangeError(`seconds must be > 0, got ${seconds}`);
  if (seconds === undefined && params.melFrom === undefined) throw new UsageError('give the seconds to generate (--seconds S)');
  if (params.peakDb !== undefined && !(params.peakDb <= 0 && params.peakDb >= -60)) throw new UsageError(`the output's peak level must be between -60 and 0 dBFS (--headroom 0..60), got ${params.peakDb}`);
  const sources = (['melFrom', 'melFromVae', 'melFromPrior'] as const).filter((key) => params[key] !== undefined);
  if (sources.length > 1) throw new UsageError('give one of --mel-from, --mel-from-vae and --mel-from-prior');
  if (params.interpolate !== undefined && params.melFromVae === undefined) throw new UsageError('--interpolate needs --mel-from-vae VAE');
  if (await generativeKindOf(params.model)) {
    if (sources.length) throw notVocoder(params.model, 'a VAE or GAN');
    const temperature = params.temperature ?? 1;
    const seed = params.seed ?? 1;
    const g = await generateFromLatent(params.model, { seconds: seconds!, temperature, seed, label: params.label, prime: params.prime });
    await writeOutput(params, g.samples, g.sampleRate);
    return { file: params.out, seconds: g.samples.length / g.sampleRate, sampleRate: g.sampleRate, samplesPerSecond: Math.round(g.samplesPerSecond), label: null, temperature, seed };
  }
  const weights = await loadWavenet(params.model);
  const { sampleRate } = weights.config;
  if (params.melFromVae !== undefined) return generateFromVae(params, weights, seconds!, ctx);
  if (params.melFromPrior !== undefined) return generateFromPrior(params, weights, seconds!, ctx);
  if (weights.config.condition === 'mel' && params.melFrom === undefined) {
    throw new UsageError(`${params.model} is a log-mel vocoder: give it frames to play (--mel-from FILE, --mel-from-vae VAE or --mel-from-prior PRIOR)`);
  }
  const prime = params.prime ? (await loadAudio(params.prime, { sampleRate })).samples : undefined;
  const temperature = params.temperature ?? 1;
  const seed = params.seed ?? 1;
  let samples = seconds === undefined ? 0 : Math.max(1, Math.round(seconds * sampleRate));
  let mel: FeatureMatrix | undefined;
  // an audio file's raw log-mel, whose level the vocoder's waveform gets back (vocodeLogMel)
  let raw: FeatureMatrix | undefined;
  if (params.melFrom !== undefined) {
    if (weights.config.condition !== 'mel') throw notVocoder(params.model, `condition '${weights.config.condition}'`);
    if (params.melFrom.toLowerCase().endsWith('.npy')) ({ mel, raw } = await npyFramesOf(params.melFrom, params.melSpec, weights.config, params.model));
    else {
      raw = await rawMelFramesOf(params.melFrom, weights.config);
      mel = toVocoderFrames(raw, weights.config.melSpec!);
    }
    // the frames cover the steps through a prime (all of it but its last sample) and then the output
    const available = mel.frames * hopSamples(weights.config.melSpec!) - Math.max(0, (prime?.length ?? 0) - 1);
    if (available < 1) throw new UsageError(`--mel-from ${params.melFrom}: its ${mel.frames} frames are used up by the prime`);
    if (seconds === undefined) samples = available;
    else if (samples > available) throw new UsageError(`--seconds ${seconds} is longer than the ${(available / sampleRate).toFixed(2)} s the log-mel frames of ${params.melFrom} cover`);
  }
  const progress = {
    signal: ctx.signal,
    progressEvery: sampleRate,
    onProgress: (done: number, total: number) => ctx.onEvent({ type: 'progress', done, total, message: `generated ${(done / sampleRate).toFixed(1)} of ${(total / sampleRate).toFixed(1)} s` }),
  };
  // without a prime, a vocoder's waveform is sample-aligned with the file its frames came from (vocode)
  const generated =
    mel && !prime
      ? { ...(raw ? await vocodeLogMel(weights, raw, { samples, temperature, seed, ...progress }) : await vocode(weights, mel, { samples, temperature, seed, ...progress })), label: null }
      : await generateAudio(weights, {
          samples,
          temperature,
          seed,
          ...(params.label !== undefined ? { label: params.label } : {}),
          ...(prime ? { prime } : {}),
          ...(mel ? { mel } : {}),
          ...progress,
        });
  await writeOutput(params, generated.samples, sampleRate);
  return {
    file: params.out,
    seconds: generated.samples.length / sampleRate,
    sampleRate,
    samplesPerSecond: Math.round(generated.samplesPerSecond),
    label: generated.label,
    temperature,
    seed,
  };
}

/** Sampling and progress options a vocoding gets from generateThroughVocoder. */
interface VocodingOptions {
  temperature: number;
  seed: number;
  signal?: AbortSignal;
  progressEvery: number;
  onProgress: (done: number, total: number) => void;
}

/**
 * A log-mel sequence made elsewhere (`what`: 'a VAE', 'a unit prior') played through the vocoder `weights` by
 * `vocodeWith`, written to params.out, and described.
 */
async function generateThroughVocoder(
  params: GenerateParams,
  weights: Awaited<ReturnType<typeof loadWavenet>>,
  what: string,
  ctx: JobContext<GenerateEvent>,
  vocodeWith: (options: VocodingOptions) => Promise<{ samples: Float32Array; samplesPerSecond: number }>,
): Promise<GenerateResult> {
  vocoderMelSpec(weights.config, params.model);
  if (params.prime !== undefined || params.label !== undefined) throw new UsageError(`--prime and --label do not apply to a vocoder playing ${what}`);
  const { sampleRate } = weights.config;
  const temperature = params.temperature ?? 1;
  const seed = params.seed ?? 1;
  const generated = await vocodeWith({
    temperature,
    seed,
    signal: ctx.signal,
    progressEvery: sampleRate,
    onProgress: (done, total) => ctx.onEvent({ type: 'progress', done, total, message: `vocoded ${(done / sampleRate).toFixed(1)} of ${(total / sampleRate).toFixed(1)} s` }),
  });
  await writeOutput(params, generated.samples, sampleRate);
  return { file: params.out, seconds: generated.samples.length / sampleRate, sampleRate, samplesPerSecond: Math.round(generated.samplesPerSecond), label: null, temperature, seed };
}

/** A VAE's prior sample or interpolation played through the vocoder `weights` (params.melFromVae set). */
function generateFromVae(params: GenerateParams, weights: Awaited<ReturnType<typeof loadWavenet>>, seconds: number, ctx: JobContext<GenerateEvent>): Promise<GenerateResult> {
  const [from, to] = params.interpolate ?? [];
  return generateThroughVocoder(params, weights, 'a VAE', ctx, (options) => vocodeVae(weights, params.melFromVae!, {
    ...options,
    seconds,
    source: from !== undefined && to !== undefined ? { kind: 'interpolation', from, to } : { kind: 'prior', seed: options.seed },
    names: { vocoder: params.model, vae: params.melFromVae! },
  }));
}

/** Babble: a unit prior's sampled sequence played through the vocoder `weights` (params.melFromPrior set). */
function generateFromPrior(params: GenerateParams, weights: Awaited<ReturnType<typeof loadWavenet>>, seconds: number, ctx: JobContext<GenerateEvent>): Promise<GenerateResult> {
  return generateThroughVocoder(params, weights, 'a unit prior', ctx, (options) => vocodeUnitPrior(weights, params.melFromPrior!, {
    ...options,
    seconds,
    names: { vocoder: params.model, prior: params.melFromPrior! },
  }));
}

/** Writes the generated samples to params.out as 16-bit PCM, peak-normalised to params.peakDb when given. */
async function writeOutput(params: GenerateParams, samples: Float32Array, sampleRate: number): Promise<void> {
  await writeWav(params.out, params.peakDb === undefined ? samples : withPeakDb(samples, params.peakDb), sampleRate, 'pcm16');
}

/** The usage error for --mel-from given to a model that is not a log-mel vocoder. */
function notVocoder(model: string, what: string): UsageError {
  return new UsageError(`--mel-from, --mel-from-vae and --mel-from-prior are only for a log-mel vocoder (kielo train wavenet --condition mel); ${model} is ${what}`);
}

/**
 * A .npy log-mel matrix with the FeatureSpec in `specFile`, as a vocoder's frames, and the raw frames when the matrix
 * holds them (cmvn 'none': their level can be put back); errors name the file and the field.
 */
async function npyFramesOf(file: string, specFile: string | undefined, config: WavenetConfig, model: string): Promise<{ mel: FeatureMatrix; raw: FeatureMatrix | undefined }> {
  if (specFile === undefined) throw new UsageError(`--mel-from ${file}: a feature matrix needs the FeatureSpec it was made with: --mel-spec SPEC.json (kielo features --json prints it)`);
  const json = (await readJsonFile(specFile)) as { spec?: unknown } | null;
  let spec: FeatureSpec;
  try {
    spec = resolveFeatureSpec((json && typeof json === 'object' && 'spec' in json ? json.spec : json) as Partial<FeatureSpec>);
  } catch (error) {
    throw new InputFileError(specFile, messageOf(error));
  }
  const { data, shape } = await readNpy(file);
  if (shape.length !== 2) throw new InputFileError(file, `expected a 2-D [frames, bands] matrix, got shape (${shape.join(', ')})`);
  const matrix = { data, frames: shape[0], dims: shape[1] };
  return { mel: framesForVocoder(matrix, spec, config.melSpec!, `--mel-from ${file}`, model), raw: spec.cmvn === 'none' ? matrix : undefined };
}

/** The raw log-mel frames (cmvn 'none') of an audio file, computed with a vocoder's melSpec at its rate. */
async function rawMelFramesOf(file: string, config: WavenetConfig): Promise<FeatureMatrix> {
  const { samples } = await loadAudio(file, { sampleRate: config.sampleRate });
  const mel = extractFeatures(samples, { ...config.melSpec!, cmvn: 'none' });
  if (mel.frames < 1) throw new Error(`${file}: too short for one log-mel frame (${samples.length} samples)`);
  return mel;
}

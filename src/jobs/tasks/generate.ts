/** The 'generate' job: load a WaveNet (or a VAE or GAN: src/generate/latent.ts), generate audio, write a 16-bit WAV. */
import { loadAudio, writeWav } from '../../audio';
import { generateAudio } from '../../generate';
import { generateFromLatent } from '../../generate/latent';
import { generativeKindOf } from '../../models/generative';
import { loadWavenet } from '../../models/wavenet';
import type { JobContext } from '../types';

/** Parameters of generate. */
export interface GenerateParams {
  /** Model directory (kielo.json + weights.json + weights.bin). */
  model: string;
  /** Seconds of audio to generate (> 0). */
  seconds: number;
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
  if (!(params.seconds > 0) || !Number.isFinite(params.seconds)) throw new RangeError(`seconds must be > 0, got ${params.seconds}`);
  if (await generativeKindOf(params.model)) {
    const temperature = params.temperature ?? 1;
    const seed = params.seed ?? 1;
    const g = await generateFromLatent(params.model, { seconds: params.seconds, temperature, seed, label: params.label, prime: params.prime });
    await writeWav(params.out, g.samples, g.sampleRate, 'pcm16');
    return { file: params.out, seconds: g.samples.length / g.sampleRate, sampleRate: g.sampleRate, samplesPerSecond: Math.round(g.samplesPerSecond), label: null, temperature, seed };
  }
  const weights = await loadWavenet(params.model);
  const { sampleRate } = weights.config;
  const prime = params.prime ? (await loadAudio(params.prime, { sampleRate })).samples : undefined;
  const temperature = params.temperature ?? 1;
  const seed = params.seed ?? 1;
  const generated = await generateAudio(weights, {
    samples: Math.max(1, Math.round(params.seconds * sampleRate)),
    temperature,
    seed,
    ...(params.label !== undefined ? { label: params.label } : {}),
    ...(prime ? { prime } : {}),
    signal: ctx.signal,
    progressEvery: sampleRate,
    onProgress: (done, total) => ctx.onEvent({ type: 'progress', done, total, message: `generated ${(done / sampleRate).toFixed(1)} of ${(total / sampleRate).toFixed(1)} s` }),
  });
  await writeWav(params.out, generated.samples, sampleRate, 'pcm16');
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

/** Audio generation from a trained WaveNet: priming, sampling with temperature and seed, progress, cancellation. */
import type { FeatureMatrix } from '../features';
import { mulawEncode, mulawTable, type WavenetWeights } from '../models/wavenet';
import { CancelledError, UsageError } from '../util/errors';
import { makeRng } from '../util/random';
import { FastWavenet } from './fast-wavenet';
import { FastWavenetSimd } from './fast-wavenet-simd';
import { sampleLogits } from './sample';
import { simdKernelSupported } from './wasm/kernel';

/** Options of generateAudio, beside their defaults. */
export interface GenerateOptions {
  /** Samples to generate (after any priming). Required, >= 1. */
  samples: number;
  /** Softmax temperature: 1 samples the model's distribution, < 1 sharper, 0 = always the likeliest class. Default 1. */
  temperature: number;
  /** Seed of the sampling random numbers (same seed + model = same audio). Default 1. */
  seed: number;
  /** Audio in [-1, 1] at the model's rate fed through the model first; not part of the output. Default none. */
  prime?: Float32Array;
  /** Label to condition on (one of the model's labels); a conditioned model given none uses its first label. */
  label?: string;
  /**
   * The log-mel frames that condition a 'mel' model (a vocoder), computed with its config.melSpec; required for
   * such a model and refused by any other. The frames run from the first step, a hop of samples each (the last
   * holds after they end); steps through a prime count, so the frames then cover prime and output together.
   */
  mel?: FeatureMatrix;
  /** Called every `progressEvery` samples and at the end with (generated, total). */
  onProgress?: (done: number, total: number) => void;
  /** Samples between progress calls and cancellation checks. Default 4000. */
  progressEvery: number;
  /** Aborting stops generation at the next check with CancelledError. */
  signal?: AbortSignal;
  /** Force the plain JavaScript generator instead of the SIMD kernel (for comparison). Default false. */
  plainJs: boolean;
}

/** Defaults of GenerateOptions (samples has none). */
export const defaultGenerateOptions: Omit<GenerateOptions, 'samples'> = { temperature: 1, seed: 1, progressEvery: 4000, plainJs: false };

/** Generated audio and how fast it came. */
export interface GeneratedAudio {
  /** Samples in [-1, 1] at config.sampleRate. */
  samples: Float32Array;
  sampleRate: number;
  /** Generated samples per second of wall-clock time (priming included in the time). */
  samplesPerSecond: number;
  /** The label generated for (null for an unconditioned model). */
  label: string | null;
}

/** The fastest generator this runtime can run for the weights: the SIMD kernel, else plain JavaScript. */
export function createGenerator(weights: WavenetWeights, label?: number, plainJs = false, mel?: FeatureMatrix): FastWavenet | FastWavenetSimd {
  return !plainJs && simdKernelSupported(weights.config) ? new FastWavenetSimd(weights, label, mel) : new FastWavenet(weights, label, mel);
}

/**
 * Resolves a label name to its index in the model's labels (a conditioned model given no label uses its first);
 * throws listing the known labels.
 */
export function labelIndex(weights: WavenetWeights, label: string | undefined): number | undefined {
  const labels = weights.config.labels;
  if (label === undefined) return labels.length ? 0 : undefined;
  const index = labels.indexOf(label);
  if (index < 0) throw new UsageError(labels.length ? `unknown label '${label}': this model knows ${labels.join(', ')}` : `this model has no labels, got '${label}'`);
  return index;
}

const yieldToEvents = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Generates audio sample by sample with the cached-queue recurrence (O(layers) per sample). */
export async function generateAudio(weights: WavenetWeights, input: Partial<GenerateOptions> & { samples: number }): Promise<GeneratedAudio> {
  const options = { ...defaultGenerateOptions, ...input };
  const { samples: total, temperature, progressEvery, signal } = options;
  if (!Number.isInteger(total) || total < 1) throw new Error(`samples must be a positive integer, got ${total}`);
  if (!(temperature >= 0) || !Number.isFinite(temperature)) throw new Error(`temperature must be >= 0, got ${temperature}`);
  if (!Number.isInteger(progressEvery) || progressEvery < 1) throw new Error(`progressEvery must be a positive integer, got ${progressEvery}`);
  const classes = weights.config.classes;
  const label = labelIndex(weights, options.label);
  const generator = createGenerator(weights, label, options.plainJs, options.mel);
  const rng = makeRng(options.seed);
  const values = mulawTable(classes);
  const scratch = new Float64Array(classes);
  const out = new Float32Array(total);
  const started = performance.now();

  const prime = options.prime?.length ? mulawEncode(options.prime, classes) : Int32Array.of(classes >> 1);
  for (let t = 0; t < prime.length - 1; t++) generator.step(prime[t]);
  let current = prime[prime.length - 1];
  for (let done = 0; done < total; ) {
    if (signal?.aborted) throw new CancelledError('generation cancelled');
    const end = Math.min(total, done + progressEvery);
    for (; done < end; done++) {
      current = sampleLogits(generator.step(current), classes, temperature, rng(), scratch);
      out[done] = values[current];
    }
    options.onProgress?.(done, total);
    if (done < total) await yieldToEvents();
  }
  const seconds = (performance.now() - started) / 1000;
  return { samples: out, sampleRate: weights.config.sampleRate, samplesPerSecond: total / Math.max(seconds, 1e-9), label: label === undefined ? null : weights.config.labels[label] };
}

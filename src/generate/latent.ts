/**
 * Audio from a VAE's prior or a GAN's noise: as many patches as fill the asked seconds, each decoded and vocoded by
 * Griffin-Lim, laid end to end with a short gap. What `kielo generate` does with a VAE or GAN model.
 */
import { initEngine } from '../engine';
import { generateAudioSamples, KIND_NAMES, loadGenerative, secondsPerPatch } from '../models/generative';
import { UsageError } from '../util/errors';

/** Options of generateFromLatent. */
export interface LatentGenerateOptions {
  /** Seconds of audio wanted (> 0): that many patches, rounded, at least one. */
  seconds: number;
  /** Standard deviation of the codes drawn (1 = the prior / noise distribution). */
  temperature: number;
  seed: number;
  /** Labels and priming belong to WaveNets: given here, they are a UsageError naming the model kind. */
  label?: string;
  prime?: string;
}

/** Generates from the VAE or GAN in `dir`; returns samples at the model's rate and the speed. */
export async function generateFromLatent(dir: string, o: LatentGenerateOptions): Promise<{ samples: Float32Array; sampleRate: number; samplesPerSecond: number; patches: number }> {
  await initEngine();
  const model = await loadGenerative(dir, ['vae', 'gan']);
  try {
    const name = KIND_NAMES[model.net.config.kind];
    if (o.label !== undefined) throw new UsageError(`--label: a ${name} is not conditioned on labels`);
    if (o.prime !== undefined) throw new UsageError(`--prime: a ${name} generates patches from codes, not from a continuation`);
    const patches = Math.max(1, Math.round(o.seconds / secondsPerPatch(model)));
    const started = performance.now();
    const samples = generateAudioSamples(model, patches, o.seed, o.temperature);
    const seconds = (performance.now() - started) / 1000;
    return { samples, sampleRate: model.spec.sampleRate, samplesPerSecond: samples.length / Math.max(seconds, 1e-6), patches };
  } finally {
    model.net.dispose();
  }
}

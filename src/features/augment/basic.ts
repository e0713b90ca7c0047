/**
 * The basic waveform augmentation: noise at a chosen SNR, gain, speed perturbation and random crops. Every random
 * choice comes from a seeded `Rng` (src/util/random), so a seed repeats an epoch exactly. Functions return new
 * arrays and never modify their input.
 */
import { resample } from '../../audio';
import { fillGaussian, makeRng, randomInt, type Rng } from '../../util/random';

function meanSquare(x: Float32Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i] * x[i];
  return x.length ? s / x.length : 0;
}

/** 2^18 samples (16 s at 16 kHz) of white Gaussian noise from a fixed seed, made on first use; shared, never written. */
let whiteNoiseTable: Float32Array | null = null;
export function sharedWhiteNoise(): Float32Array {
  whiteNoiseTable ??= fillGaussian(new Float32Array(1 << 18), makeRng(0x5eed));
  return whiteNoiseTable;
}

/** out <- source from `offset` on, wrapping around to its start as often as needed; returns `out`. */
export function copyCyclic(source: Float32Array, offset: number, out: Float32Array): Float32Array {
  let at = 0;
  let from = offset;
  while (at < out.length) {
    const count = Math.min(out.length - at, source.length - from);
    out.set(source.subarray(from, from + count), at);
    at += count;
    from = 0;
  }
  return out;
}

/**
 * Adds noise at exactly `snrDb` dB signal-to-noise ratio (mean-square powers over the whole signal): a random
 * stretch of `noise` (repeated from a random offset when shorter than x), by default of a fixed 16 s table of
 * white Gaussian noise (drawing fresh Gaussian samples for every clip cost more than the model's training step
 * for it; a random 2 s window of 16 s is as good for augmentation). A silent x is returned unchanged (as a
 * copy); a silent `noise` is an error.
 */
export function addNoise(x: Float32Array, snrDb: number, rng: Rng, noise: Float32Array = sharedWhiteNoise()): Float32Array {
  if (!Number.isFinite(snrDb)) throw new RangeError(`addNoise: snrDb must be finite, got ${snrDb}`);
  if (noise.length === 0) throw new RangeError('addNoise: the noise signal is empty');
  const n = x.length;
  const segment = new Float32Array(n);
  copyCyclic(noise, randomInt(rng, 0, noise.length - 1), segment);
  const signalPower = meanSquare(x);
  const noisePower = meanSquare(segment);
  const out = Float32Array.from(x);
  if (signalPower === 0 || n === 0) return out;
  if (noisePower === 0) throw new RangeError('addNoise: the noise is silent, so no SNR can be reached');
  const scale = Math.sqrt(signalPower / (noisePower * 10 ** (snrDb / 10)));
  for (let i = 0; i < n; i++) out[i] += scale * segment[i];
  return out;
}

/** Scales x by `db` decibels (amplitude factor 10^(db/20)) into a new array; no clipping is applied. */
export function applyGain(x: Float32Array, db: number): Float32Array {
  if (!Number.isFinite(db)) throw new RangeError(`applyGain: db must be finite, got ${db}`);
  const g = 10 ** (db / 20);
  const out = new Float32Array(x.length);
  for (let i = 0; i < x.length; i++) out[i] = g * x[i];
  return out;
}

/**
 * The resampler's design for speed perturbation: half the default sinc lobes (16), so half the taps per output
 * sample. The transition band doubles in width (still within the top ~8% below Nyquist, where speech has little
 * energy); the Kaiser window keeps the stopband rejection. Augmentation needs no more, and it runs per clip.
 */
const SPEED_RESAMPLE = { zeroCrossings: 16 };

/**
 * Speed perturbation (Kaldi / Ko et al. 2015): plays x `factor` times faster, so duration scales by 1/factor
 * (length ceil(n / factor)) and every frequency by `factor`. Band-limited resampling (src/audio resample) treats
 * x as sampled at factor * rate and resamples it to rate; factor is rounded to 1/100 (Kaldi uses 0.9, 1.0, 1.1),
 * within 0.5..2, so a training run designs a few dozen filter banks (cached) rather than one per clip.
 */
export function speedPerturb(x: Float32Array, factor: number): Float32Array {
  if (!Number.isFinite(factor) || factor < 0.5 || factor > 2) {
    throw new RangeError(`speedPerturb: factor must be in 0.5..2, got ${factor}`);
  }
  return resample(x, Math.round(factor * 100), 100, SPEED_RESAMPLE);
}

/**
 * A random window of exactly `length` samples: a random stretch of x when x is at least that long, otherwise x
 * placed at a random offset inside zeros. Always a new array.
 */
export function randomCrop(x: Float32Array, length: number, rng: Rng): Float32Array {
  if (!Number.isInteger(length) || length < 0) throw new RangeError(`randomCrop: length must be an integer >= 0, got ${length}`);
  if (x.length >= length) {
    const start = randomInt(rng, 0, x.length - length);
    return x.slice(start, start + length);
  }
  const out = new Float32Array(length);
  out.set(x, randomInt(rng, 0, length - x.length));
  return out;
}

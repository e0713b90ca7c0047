/**
 * Room reverberation from generated impulse responses: a direct path (a unit impulse) and a diffuse tail of
 * exponentially decaying white noise that falls 60 dB in RT60 seconds, scaled to a direct-to-reverberant energy
 * ratio (DRR). The clip is convolved with it by FFT (one transform of the clip, one of the response, one inverse,
 * circular at the next power of two at or above the clip's length: see fftConvolve) and keeps its length and its
 * mean-square level.
 */
import { randomInt, type Rng } from '../../util/random';
import { sharedWhiteNoise } from './basic';
import { fftScratch, inverseReal, nextPow2 } from './fft';

/** Gap between the direct path and the start of the tail, in seconds (early reflections of a small room). */
const PRE_DELAY = 0.002;

/**
 * An impulse response of length ceil(rt60 * sampleRate) (the tail is 60 dB down at its end): 1 at sample 0, then
 * from PRE_DELAY on a random stretch of a fixed white-noise table times 10^(-3 t / rt60), scaled so that the
 * direct path's energy over the tail's is `drrDb` dB. rt60 in 0.05..3 s.
 */
export function roomImpulse(rt60: number, drrDb: number, rng: Rng, sampleRate = 16000): Float32Array {
  if (!Number.isFinite(rt60) || rt60 < 0.05 || rt60 > 3) throw new RangeError(`roomImpulse: rt60 must be in 0.05..3 s, got ${rt60}`);
  if (!Number.isFinite(drrDb)) throw new RangeError(`roomImpulse: drrDb must be finite, got ${drrDb}`);
  const length = Math.ceil(rt60 * sampleRate);
  const h = new Float32Array(length);
  const noise = sharedWhiteNoise();
  const offset = randomInt(rng, 0, noise.length - 1);
  const start = Math.min(length - 1, Math.max(1, Math.round(PRE_DELAY * sampleRate)));
  const decay = 10 ** (-3 / (rt60 * sampleRate)); // amplitude factor per sample: -60 dB after rt60
  let g = decay ** start;
  let energy = 0;
  for (let i = start, j = offset; i < length; i++, j = j + 1 === noise.length ? 0 : j + 1) {
    h[i] = noise[j] * g;
    energy += h[i] * h[i];
    g *= decay;
  }
  const scale = energy > 0 ? Math.sqrt(1 / (energy * 10 ** (drrDb / 10))) : 0;
  for (let i = start; i < length; i++) h[i] *= scale;
  h[0] = 1;
  return h;
}

/**
 * The circular convolution of x with h over the next power of two at or above both lengths, first x.length
 * samples: what a linear convolution's tail would add past that length wraps onto the start. For a training crop
 * that is a stand-in for the reverberation of the speech before the crop (which a crop of a longer recording has),
 * and it keeps the transforms at the clip's size instead of twice it. Pad x with zeros for the linear result.
 */
export function fftConvolve(x: Float32Array, h: Float32Array): Float32Array {
  const n = x.length;
  const out = new Float32Array(n);
  if (n === 0 || h.length === 0) return out;
  const size = nextPow2(Math.max(n, h.length));
  const s = fftScratch(size);
  const { time, spectrum, back } = s;
  time.fill(0);
  time.set(h);
  s.fft.realTransform(back, time); // back holds H until the product is formed
  time.fill(0);
  time.set(x);
  s.fft.realTransform(spectrum, time);
  for (let k = 0; k <= size / 2; k++) {
    const xr = spectrum[2 * k];
    const xi = spectrum[2 * k + 1];
    const hr = back[2 * k];
    const hi = back[2 * k + 1];
    spectrum[2 * k] = xr * hr - xi * hi;
    spectrum[2 * k + 1] = xr * hi + xi * hr;
  }
  inverseReal(s);
  for (let i = 0; i < n; i++) out[i] = time[i];
  return out;
}

/**
 * x as heard in a room with reverberation time `rt60` seconds and direct-to-reverberant ratio `drrDb`; same
 * length, same mean-square level (a silent x comes back silent). `rng` picks the tail's noise.
 */
export function reverberate(x: Float32Array, rt60: number, drrDb: number, rng: Rng, sampleRate = 16000): Float32Array {
  const y = fftConvolve(x, roomImpulse(rt60, drrDb, rng, sampleRate));
  let px = 0;
  let py = 0;
  for (let i = 0; i < x.length; i++) {
    px += x[i] * x[i];
    py += y[i] * y[i];
  }
  if (py > 0) {
    const g = Math.sqrt(px / py);
    for (let i = 0; i < y.length; i++) y[i] *= g;
  }
  return y;
}

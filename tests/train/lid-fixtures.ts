/** Synthetic labelled sets for LID tests: tones (random pitch, a slight glide) vs white noise, written as 16 kHz WAVs. */
import { mkdir, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeWav } from '../../src/audio';
import { makeRng } from '../../src/util/random';

/** One clip of `seconds` at 16 kHz: a gliding tone or white noise, at a random level. */
export function synthClip(kind: 'tone' | 'noise', seconds: number, rng: () => number): Float32Array {
  const n = Math.round(seconds * 16000);
  const x = new Float32Array(n);
  const amp = 0.05 + 0.4 * rng();
  const f0 = 200 + 2500 * rng();
  const glide = 1 + 0.04 * (rng() - 0.5);
  let phase = 0;
  for (let i = 0; i < n; i++) {
    if (kind === 'tone') {
      phase += (2 * Math.PI * f0 * (1 + (glide - 1) * (i / n))) / 16000;
      x[i] = amp * Math.sin(phase);
    } else {
      x[i] = amp * (2 * rng() - 1);
    }
  }
  return x;
}

/** Writes DIR/tone/*.wav and DIR/noise/*.wav (`perClass` each) and returns DIR. */
export async function writeToneNoiseSet(perClass: number, seed: number, seconds = 0.8): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'kielo-lid-'));
  const rng = makeRng(seed);
  for (const kind of ['tone', 'noise'] as const) {
    await mkdir(join(dir, kind));
    for (let i = 0; i < perClass; i++) await writeWav(join(dir, kind, `${kind}${i}.wav`), synthClip(kind, seconds * (0.8 + 0.4 * rng()), rng), 16000);
  }
  return dir;
}

/** A model small enough to train in seconds on any engine; its -60 dB energy floor hides the phase-dependent leakage of pure tones. */
export const tinyModel = { filters: 16, channels: [16, 16], dilations: [1, 2], embedding: 16, logFloor: 1e-6 };

/** Training settings for the tests' quick runs (seconds per run). No augmentation: noise added to a tone makes every band but one noise-like, and 16 tones then teach their own pitches instead of "one steady band". */
export const quickTraining = { epochs: 8, batchSize: 8, clipSeconds: 0.5, cropsPerFile: 2, learningRate: 0.01, patience: 0, augment: 'none' as const, model: tinyModel };

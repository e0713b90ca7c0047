/** Shared set-up of the WaveNet CLI tests: a folder of short tones and the arguments of a tiny, fast WaveNet. */
import { afterAll } from 'vitest';
import { mkdirSync } from 'node:fs';
import { makeTempDir, writeTone } from '../audio/fixtures';

/** `kielo train wavenet` options for a tiny model (3 layers, 8 channels, 64 classes) that trains in seconds. */
export const TINY_WAVENET = ['--layers', '3', '--stacks', '1', '--residual', '8', '--skip', '8', '--steps-per-epoch', '3', '--batch-size', '2', '--outputs', '64'];

/** Writes DIR/t0..t{count-1}.wav: 0.3 s 16-bit sines at 300, 320, ... Hz; returns DIR. */
export function writeTones(dir: string, count = 4): string {
  mkdirSync(dir);
  for (let i = 0; i < count; i++) writeTone(`${dir}/t${i}.wav`, { rate: 16000, seconds: 0.3, frequencies: [300 + 20 * i], amplitude: 0.3 });
  return dir;
}

/** A temp folder for this test file (removed after its tests) holding DIR/tones from writeTones. */
export function useToneFolder(prefix: string): { temp: ReturnType<typeof makeTempDir>; data: string } {
  const temp = makeTempDir(prefix);
  afterAll(() => temp.remove());
  return { temp, data: writeTones(temp.path('tones')) };
}

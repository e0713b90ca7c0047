// The WaveNet set: one voice; wavenet/vowels/*.flac (sustained vowels at several pitches) and
// wavenet/phrases/*.flac (short phrases), plus wavenet/manifest.tsv.
// espeak-ng cannot hold a vowel longer than ~0.8 s, so the vowels are many short clips rather than a few long ones.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { DemoConfig } from './config';
import { mapPool } from './pool';
import { deriveSeed, makeRng } from './rng';
import { speak, type SpeechParams } from './synth';
import { readLines } from './text';
import type { TsvRow } from './tsv';

/** Columns of wavenet/manifest.tsv (file is relative to wavenet/). */
export const WAVENET_COLUMNS = ['file', 'kind', 'voice', 'speed', 'pitch', 'split', 'text', 'durationSec', 'synth'] as const;

/** Peak level of every WaveNet clip, dBFS: one voice, one level. */
const WAVENET_PEAK_DB = -6;

/** One planned WaveNet clip. */
export interface WavenetJob {
  file: string;
  kind: 'vowels' | 'phrases';
  text: string;
  params: SpeechParams;
  split: 'train' | 'test';
}

/**
 * The SSML that holds one vowel as long as espeak-ng can (~0.7-0.8 s at its slowest rate, with a flattened
 * pitch range). The space before </prosody> matters: without it espeak-ng reads the closing tag aloud.
 */
export function sustainedVowelSsml(phonemes: string): string {
  return `<speak><prosody rate="x-slow" range="x-low">[[${phonemes}]] </prosody></speak>`;
}

/** Plans the vowel and phrase clips. */
export async function planWavenet(config: DemoConfig): Promise<WavenetJob[]> {
  const rng = makeRng(deriveSeed(config.seed, 'wavenet'));
  const base = { voice: config.wavenetVoice, wordGap: 0, peakDb: WAVENET_PEAK_DB };
  const jobs: WavenetJob[] = [];
  const heldOutPitch = config.wavenetVowelPitches[Math.floor(config.wavenetVowelPitches.length / 2)];
  for (const vowel of config.wavenetVowels) {
    for (const pitch of config.wavenetVowelPitches) {
      jobs.push({
        file: `vowels/${vowel.name}-p${pitch}.flac`, kind: 'vowels', split: pitch === heldOutPitch ? 'test' : 'train',
        text: sustainedVowelSsml(vowel.phonemes),
        params: { ...base, speed: 80, pitch, ssml: true },
      });
    }
  }
  const phrases = await readLines('wavenet-phrases.txt');
  const testPhrases = new Set(rng.shuffle(phrases.map((_, i) => i)).slice(0, Math.max(1, Math.round(phrases.length * 0.15))));
  phrases.forEach((text, i) => {
    jobs.push({
      file: `phrases/p${String(i + 1).padStart(2, '0')}.flac`, kind: 'phrases', text,
      split: testPhrases.has(i) ? 'test' : 'train', params: { ...base, speed: rng.int(140, 170), pitch: rng.int(44, 56) },
    });
  });
  return jobs;
}

/** Synthesises the WaveNet clips under `outDir`/wavenet; returns manifest rows. */
export async function buildWavenet(config: DemoConfig, outDir: string, synth: string, jobs: number): Promise<TsvRow[]> {
  const planned = await planWavenet(config);
  for (const kind of ['vowels', 'phrases']) await mkdir(path.join(outDir, 'wavenet', kind), { recursive: true });
  return mapPool(planned, jobs, async (job) => {
    const durationSec = await speak(job.text, job.params, path.join(outDir, 'wavenet', job.file), config.sampleRate);
    const row: TsvRow = {
      file: job.file, kind: job.kind, voice: job.params.voice, speed: job.params.speed, pitch: job.params.pitch,
      split: job.split, text: job.text, durationSec: durationSec.toFixed(3), synth,
    };
    return row;
  });
}

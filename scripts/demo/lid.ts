// The LID set: lid/<lang>/<sentenceId>-<variant>.flac plus lid/manifest.tsv.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { DemoConfig } from './config';
import { mapPool } from './pool';
import { deriveSeed, makeRng } from './rng';
import { speakWithin } from './synth';
import { readLines } from './text';
import type { TsvRow } from './tsv';
import { drawVoice, type DrawnVoice } from './voices';

/** Columns of lid/manifest.tsv (file is relative to lid/). */
export const LID_COLUMNS = ['file', 'label', 'sentenceId', 'voice', 'variant', 'speed', 'pitch', 'split', 'text',
  'wordGap', 'peakDb', 'durationSec', 'synth'] as const;

/** One planned LID clip: where it goes, what is said, by which voice, in which split. */
export interface LidJob {
  file: string;
  label: string;
  sentenceId: string;
  text: string;
  split: 'train' | 'test';
  voice: DrawnVoice;
}

/** Plans every LID clip (all random draws happen here, in a fixed order, so parallel synthesis stays reproducible). */
export async function planLid(config: DemoConfig): Promise<LidJob[]> {
  const jobs: LidJob[] = [];
  for (const language of config.lidLanguages) {
    const sentences = await readLines(`${language.code}.txt`);
    const rng = makeRng(deriveSeed(config.seed, `lid/${language.code}`));
    const testCount = Math.round(sentences.length * config.lidTestFraction);
    const testIndices = new Set(rng.shuffle(sentences.map((_, i) => i)).slice(0, testCount));
    sentences.forEach((text, i) => {
      const split = testIndices.has(i) ? 'test' : 'train';
      const voice = drawVoice(rng, config, language.baseVoices, split === 'test' ? config.testVariants : config.trainVariants);
      const sentenceId = `${language.code}${String(i + 1).padStart(3, '0')}`;
      jobs.push({ file: `${language.code}/${sentenceId}-${voice.variant}.flac`, label: language.code, sentenceId, text, split, voice });
    });
  }
  return jobs;
}

/** Synthesises the planned LID clips under `outDir`/lid; returns manifest rows and the texts that found no fitting speed. */
export async function buildLid(config: DemoConfig, outDir: string, synth: string, jobs: number): Promise<{ rows: TsvRow[]; rejected: string[] }> {
  const planned = await planLid(config);
  for (const language of config.lidLanguages) await mkdir(path.join(outDir, 'lid', language.code), { recursive: true });
  const rejected: string[] = [];
  const results = await mapPool(planned, jobs, async (job) => {
    const spoken = await speakWithin(job.text, job.voice, path.join(outDir, 'lid', job.file), config.sampleRate,
      config.lidDurationSec, config.speedWpm);
    if (!spoken) {
      rejected.push(`${job.sentenceId} ${job.voice.voice}: ${job.text}`);
      return null;
    }
    const row: TsvRow = {
      file: job.file, label: job.label, sentenceId: job.sentenceId, voice: job.voice.voice, variant: job.voice.variant,
      speed: spoken.speed, pitch: job.voice.pitch, split: job.split, text: job.text, wordGap: job.voice.wordGap,
      peakDb: job.voice.peakDb, durationSec: spoken.durationSec.toFixed(3), synth,
    };
    return row;
  });
  return { rows: results.filter((row): row is TsvRow => row !== null), rejected: rejected.sort() };
}

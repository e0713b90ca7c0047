// The ASR set: asr/<split>/<kind>/<id>.flac with <id>.txt beside it, asr/<split>/ref.trn, asr/manifest.tsv.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { DemoConfig } from './config';
import { mapPool } from './pool';
import { deriveSeed, makeRng, type Rng } from './rng';
import { speakWithin } from './synth';
import { ASR_TRANSCRIPT, digitsToWords, readLines } from './text';
import type { TsvRow } from './tsv';
import { drawVoice, type DrawnVoice } from './voices';

/** Columns of asr/manifest.tsv (file is relative to asr/). */
export const ASR_COLUMNS = ['file', 'kind', 'id', 'voice', 'variant', 'speed', 'pitch', 'split', 'text',
  'wordGap', 'peakDb', 'durationSec', 'synth'] as const;

/** One planned ASR clip: where it goes, its transcript, voice and split. */
export interface AsrJob {
  file: string;
  kind: 'digits' | 'sentences';
  id: string;
  text: string;
  split: 'train' | 'test';
  voice: DrawnVoice;
}

/** `count` distinct digit strings with lengths drawn from `lengths` (inclusive). */
function drawDigitStrings(rng: Rng, count: number, lengths: [number, number]): string[] {
  const seen = new Set<string>();
  while (seen.size < count) {
    const length = rng.int(lengths[0], lengths[1]);
    seen.add(Array.from({ length }, () => String(rng.int(0, 9))).join(''));
  }
  return [...seen];
}

/** Plans every ASR clip; all random draws happen here, in a fixed order. */
export async function planAsr(config: DemoConfig): Promise<AsrJob[]> {
  const rng = makeRng(deriveSeed(config.seed, 'asr'));
  const digitTexts = drawDigitStrings(rng, config.asrDigitStrings, config.asrDigitsPerString).map(digitsToWords);
  const sentences = (await readLines('asr-en.txt')).slice(0, config.asrSentences);
  const jobs: AsrJob[] = [];
  const plan = (kind: AsrJob['kind'], prefix: string, texts: string[]): void => {
    const testIndices = new Set(rng.shuffle(texts.map((_, i) => i)).slice(0, Math.round(texts.length * config.asrTestFraction)));
    texts.forEach((text, i) => {
      if (!ASR_TRANSCRIPT.test(text)) throw new Error(`asr ${kind} ${i + 1}: transcript ${JSON.stringify(text)} is outside [a-z' ]`);
      const split = testIndices.has(i) ? 'test' : 'train';
      const voice = drawVoice(rng, config, config.asrBaseVoices, split === 'test' ? config.testVariants : config.trainVariants);
      const id = `${prefix}${String(i + 1).padStart(4, '0')}`;
      jobs.push({ file: `${split}/${kind}/${id}.flac`, kind, id, text, split, voice });
    });
  };
  plan('digits', 'd', digitTexts);
  plan('sentences', 's', sentences);
  return jobs;
}

/** Synthesises the planned ASR clips and transcripts under `outDir`/asr; returns manifest rows and rejected texts. */
export async function buildAsr(config: DemoConfig, outDir: string, synth: string, jobs: number): Promise<{ rows: TsvRow[]; rejected: string[] }> {
  const planned = await planAsr(config);
  const root = path.join(outDir, 'asr');
  for (const dir of new Set(planned.map((job) => path.dirname(job.file)))) await mkdir(path.join(root, dir), { recursive: true });
  const rejected: string[] = [];
  const results = await mapPool(planned, jobs, async (job) => {
    const audio = path.join(root, job.file);
    const spoken = await speakWithin(job.text, job.voice, audio, config.sampleRate, config.asrDurationSec, config.speedWpm);
    if (!spoken) {
      rejected.push(`${job.id} ${job.voice.voice}: ${job.text}`);
      return null;
    }
    await writeFile(audio.replace(/\.flac$/, '.txt'), `${job.text}\n`);
    const row: TsvRow = {
      file: job.file, kind: job.kind, id: job.id, voice: job.voice.voice, variant: job.voice.variant, speed: spoken.speed,
      pitch: job.voice.pitch, split: job.split, text: job.text, wordGap: job.voice.wordGap, peakDb: job.voice.peakDb,
      durationSec: spoken.durationSec.toFixed(3), synth,
    };
    return row;
  });
  const rows = results.filter((row): row is TsvRow => row !== null);
  // sclite references per split ("text (id)"), for `kielo wer --ref asr/test/ref.trn`.
  for (const split of ['train', 'test']) {
    const lines = rows.filter((row) => row.split === split).map((row) => `${row.text} (${row.id})\n`);
    await writeFile(path.join(root, split, 'ref.trn'), lines.join(''));
  }
  return { rows, rejected: rejected.sort() };
}

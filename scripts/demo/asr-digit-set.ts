// Digit strings spoken by a voice pool (scripts/demo/variant-pools.ts), for training the recogniser on more voices
// or scoring it on voices it never heard: OUT/<id>.flac + <id>.txt, OUT/ref.trn (sclite "text (id)") and
// OUT/manifest.tsv. English accents of the corpus, its espeak-ng + sox chain, seeded: same options, same files.
// Digit strings of the corpus's TEST split are never spoken, so no test string is trained on either.
// Usage: tsx scripts/demo/asr-digit-set.ts --out DIR --variants POOL [--count N] [--seed N] [--digits A,B] [--wide] [--jobs N]
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { planAsr } from './asr';
import { DEFAULT_DEMO_CONFIG, type VoiceRanges } from './config';
import { WIDE_PROSODY } from './lid-training-set';
import { mapPool } from './pool';
import { deriveSeed, makeRng } from './rng';
import { speakWithin } from './synth';
import { digitsToWords } from './text';
import { writeTsv, type TsvRow } from './tsv';
import { VARIANT_POOLS, type VariantPool } from './variant-pools';
import { drawVoice, type DrawnVoice } from './voices';

/** What one set holds. */
export interface DigitSetRecipe {
  variants: VariantPool;
  count: number;
  seed: number;
  digits: [number, number];
  ranges: VoiceRanges;
}

/** One planned utterance. */
export interface DigitJob {
  id: string;
  text: string;
  voice: DrawnVoice;
}

/** Plans the set: digit strings (never one of the corpus's test strings) and their voices, all draws in order. */
export async function planDigitSet(recipe: DigitSetRecipe): Promise<DigitJob[]> {
  const testTexts = new Set((await planAsr(DEFAULT_DEMO_CONFIG)).filter((j) => j.split === 'test').map((j) => j.text));
  const rng = makeRng(deriveSeed(recipe.seed, `asr-digits/${recipe.variants}`));
  const jobs: DigitJob[] = [];
  while (jobs.length < recipe.count) {
    const length = rng.int(recipe.digits[0], recipe.digits[1]);
    const text = digitsToWords(Array.from({ length }, () => String(rng.int(0, 9))).join(''));
    const voice = drawVoice(rng, recipe.ranges, DEFAULT_DEMO_CONFIG.asrBaseVoices, VARIANT_POOLS[recipe.variants]);
    if (testTexts.has(text)) continue;
    jobs.push({ id: `x${String(jobs.length + 1).padStart(5, '0')}-${voice.variant}`, text, voice });
  }
  return jobs;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' }, variants: { type: 'string' }, count: { type: 'string', default: '300' },
      seed: { type: 'string', default: '1' }, digits: { type: 'string', default: '1,8' }, wide: { type: 'boolean', default: false },
      jobs: { type: 'string', default: '2' },
    },
  });
  if (!values.out) throw new Error('--out DIR is required (emptied first)');
  if (!values.variants || !(values.variants in VARIANT_POOLS)) throw new Error(`--variants: one of ${Object.keys(VARIANT_POOLS).join(', ')}`);
  const [lo, hi] = values.digits.split(',').map(Number);
  const recipe: DigitSetRecipe = {
    variants: values.variants as VariantPool, count: Number(values.count), seed: Number(values.seed), digits: [lo, hi],
    ranges: values.wide ? WIDE_PROSODY : DEFAULT_DEMO_CONFIG,
  };
  const out = path.resolve(values.out);
  await rm(out, { recursive: true, force: true });
  await mkdir(out, { recursive: true });
  const planned = await planDigitSet(recipe);
  const started = Date.now();
  const spoken = await mapPool(planned, Number(values.jobs), async (job): Promise<TsvRow | null> => {
    const file = path.join(out, `${job.id}.flac`);
    const clip = await speakWithin(job.text, job.voice, file, DEFAULT_DEMO_CONFIG.sampleRate, [0.6, 6], recipe.ranges.speedWpm);
    if (!clip) return null;
    await writeFile(file.replace(/\.flac$/, '.txt'), `${job.text}\n`);
    return { file: `${job.id}.flac`, id: job.id, voice: job.voice.voice, variant: job.voice.variant, speed: clip.speed,
      pitch: job.voice.pitch, text: job.text, durationSec: clip.durationSec.toFixed(3) };
  });
  const rows = spoken.filter((r): r is TsvRow => r !== null);
  await writeTsv(path.join(out, 'manifest.tsv'), ['file', 'id', 'voice', 'variant', 'speed', 'pitch', 'text', 'durationSec'], rows);
  await writeFile(path.join(out, 'ref.trn'), rows.map((r) => `${r.text} (${r.id})\n`).join(''));
  console.log(`${rows.length} utterances in ${out}, ${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}

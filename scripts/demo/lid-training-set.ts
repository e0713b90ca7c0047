// Extra LID training speech, generated and never committed: NEW sentences recombined from the demo corpus's TRAIN-split
// sentences, spoken by its TRAIN voice variants only, over wider speed/pitch/word-gap/level ranges, into
// OUT/<lang>/*.flac (same espeak-ng + sox processing as assets/demo/lid), plus copies of the corpus's train-split
// clips spoken by a variant of the pool (so `kielo train lid --data OUT` sees both) and OUT/manifest.tsv (no split
// column: every file trains).
// Test-split sentences and the test variants are never used. Same seed, same files.
// --variants picks the voice pool (scripts/demo/variant-pools.ts): 'demo' (default), 'demo-no-klatt' or 'diverse' train;
// 'held-out-voices' and 'held-out-klatt' speak an EVALUATION set instead, from test-split words only (no corpus copy).
// --wide widens prosody (speed 95-250 wpm, pitch 5-95, word gap 0-8).
// Usage: tsx scripts/demo/lid-training-set.ts --out DIR [--per-language N] [--seed N] [--jobs N] [--no-corpus]
//        [--variants POOL] [--wide]
import { copyFile, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_CONFIG, type DemoConfig, type VariantWeight, type VoiceRanges } from './config';
import { planLid, type LidJob } from './lid';
import { mapPool } from './pool';
import { deriveSeed, makeRng, type Rng } from './rng';
import { speakWithin, toolVersions } from './synth';
import { writeTsv, type TsvRow } from './tsv';
import { TRAINING_POOLS, VARIANT_POOLS, type VariantPool } from './variant-pools';
import { drawVoice, type DrawnVoice } from './voices';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Columns of OUT/manifest.tsv (file relative to OUT; source 'generated' or 'corpus'). */
export const LID_TRAINING_COLUMNS = ['file', 'label', 'source', 'voice', 'variant', 'speed', 'pitch', 'wordGap', 'peakDb',
  'durationSec', 'text'] as const;

/** How the extra speech varies; defaults in DEFAULT_LID_TRAINING_RECIPE. */
export interface LidTrainingRecipe extends VoiceRanges {
  /** Generated clips per language. */
  perLanguage: number;
  /** Seed of every draw (sentences, voices, speeds...). */
  seed: number;
  /** Words per generated sentence, inclusive range. */
  words: [number, number];
  /** Words taken from one train sentence before switching to another, inclusive range. */
  spanWords: [number, number];
  /** Clip duration range in seconds after trimming (speech is re-spoken faster/slower to fit). */
  durationSec: [number, number];
  /** Weight of the breathy train variants (croak, whisperf) relative to 1 for klatt/named voices (corpus: 0.5). */
  breathyWeight: number;
  /** The voice pool; a training pool speaks train-split words, an evaluation pool test-split words. Default 'demo'. */
  variants: VariantPool;
}

/** Wider prosody than the shipped recipe, for --wide. */
export const WIDE_PROSODY: VoiceRanges = { speedWpm: [95, 250], pitch: [5, 95], wordGap: [0, 8], peakDb: [-32, -3] };

/** The recipe the shipped demo LID model was trained with (assets/demo/models/lid/README.md). */
export const DEFAULT_LID_TRAINING_RECIPE: LidTrainingRecipe = {
  perLanguage: 1200,
  seed: 7,
  words: [3, 12],
  spanWords: [2, 6],
  durationSec: [1.2, 5.5],
  speedWpm: [105, 230],
  pitch: [15, 85],
  wordGap: [0, 5],
  peakDb: [-32, -3],
  breathyWeight: 1.5,
  variants: 'demo',
};

const BREATHY = new Set(['croak', 'whisperf']);

/** The pool's variants; in the corpus's own pool the breathy ones reweighted (its test whisper voice is the hardest). */
function poolVariants(recipe: LidTrainingRecipe): VariantWeight[] {
  const pool = VARIANT_POOLS[recipe.variants];
  return recipe.variants === 'diverse' ? pool : pool.map((v) => (BREATHY.has(v.name) ? { ...v, weight: recipe.breathyWeight } : v));
}

/** A new sentence: spans of consecutive words from randomly chosen train sentences, joined. */
export function recombine(sentences: readonly string[][], recipe: LidTrainingRecipe, rng: Rng): string {
  const target = rng.int(recipe.words[0], recipe.words[1]);
  const words: string[] = [];
  while (words.length < target) {
    const sentence = rng.pick(sentences);
    const span = Math.min(sentence.length, rng.int(recipe.spanWords[0], recipe.spanWords[1]), target - words.length);
    const start = rng.int(0, sentence.length - span);
    words.push(...sentence.slice(start, start + span));
  }
  return words.join(' ');
}

/** One planned generated clip. */
interface GeneratedJob {
  file: string;
  label: string;
  text: string;
  voice: DrawnVoice;
}

/** Plans every generated clip from the train-split jobs of the corpus plan (all draws here, in a fixed order). */
export function planTrainingSet(corpus: readonly LidJob[], config: DemoConfig, recipe: LidTrainingRecipe): GeneratedJob[] {
  const training = TRAINING_POOLS.includes(recipe.variants);
  const trainOnly = corpus.filter((job) => job.split === (training ? 'train' : 'test'));
  const testVariants = new Set(training ? config.testVariants.map((v) => v.name) : []);
  const variants = poolVariants(recipe);
  const jobs: GeneratedJob[] = [];
  for (const language of config.lidLanguages) {
    const sentences = trainOnly.filter((job) => job.label === language.code).map((job) => job.text.split(/\s+/).filter(Boolean));
    if (sentences.length === 0) throw new Error(`no ${training ? 'train' : 'test'} sentences for ${language.code}`);
    const rng = makeRng(deriveSeed(recipe.seed, training ? `lid-training/${language.code}` : `lid-${recipe.variants}/${language.code}`));
    for (let i = 0; i < recipe.perLanguage; i++) {
      const text = recombine(sentences, recipe, rng);
      const voice = drawVoice(rng, recipe, language.baseVoices, variants);
      if (testVariants.has(voice.variant)) throw new Error(`test variant ${voice.variant} drawn for training`);
      jobs.push({ file: `${language.code}/gen${String(i + 1).padStart(5, '0')}-${voice.variant}.flac`, label: language.code, text, voice });
    }
  }
  return jobs;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string' },
      'per-language': { type: 'string', default: String(DEFAULT_LID_TRAINING_RECIPE.perLanguage) },
      seed: { type: 'string', default: String(DEFAULT_LID_TRAINING_RECIPE.seed) },
      jobs: { type: 'string', default: '2' },
      'no-corpus': { type: 'boolean', default: false },
      variants: { type: 'string', default: DEFAULT_LID_TRAINING_RECIPE.variants },
      wide: { type: 'boolean', default: false },
    },
  });
  if (!values.out) throw new Error('--out DIR is required (a folder outside the repository; it is emptied first)');
  const positiveInt = (name: string, raw: string): number => {
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 0) throw new Error(`--${name}: expected a non-negative integer, got '${raw}'`);
    return n;
  };
  if (!(values.variants in VARIANT_POOLS)) throw new Error(`--variants: expected one of ${Object.keys(VARIANT_POOLS).join(', ')}, got '${values.variants}'`);
  const variants = values.variants as VariantPool;
  const recipe: LidTrainingRecipe = { ...DEFAULT_LID_TRAINING_RECIPE, ...(values.wide ? WIDE_PROSODY : {}), variants,
    perLanguage: positiveInt('per-language', values['per-language']), seed: positiveInt('seed', values.seed) };
  const jobs = Math.max(1, positiveInt('jobs', values.jobs));
  const outDir = path.resolve(values.out);
  const corpusDir = path.join(REPO_ROOT, 'assets/demo/lid');
  if (outDir === corpusDir || outDir === REPO_ROOT) throw new Error(`--out ${outDir}: refusing to overwrite the corpus or the repository`);

  const config = DEFAULT_DEMO_CONFIG;
  const corpus = await planLid(config);
  const planned = planTrainingSet(corpus, config, recipe);
  const synth = `espeak-ng ${(await toolVersions()).espeakNg}`;
  await rm(outDir, { recursive: true, force: true });
  for (const language of config.lidLanguages) await mkdir(path.join(outDir, language.code), { recursive: true });
  const started = Date.now();
  let done = 0;
  const generated = await mapPool(planned, jobs, async (job): Promise<TsvRow | null> => {
    const spoken = await speakWithin(job.text, job.voice, path.join(outDir, job.file), config.sampleRate, recipe.durationSec, recipe.speedWpm);
    if (++done % 500 === 0) console.log(`${done}/${planned.length} clips, ${((Date.now() - started) / 1000).toFixed(0)} s`);
    if (!spoken) return null;
    return { file: job.file, label: job.label, source: 'generated', voice: job.voice.voice, variant: job.voice.variant, speed: spoken.speed,
      pitch: job.voice.pitch, wordGap: job.voice.wordGap, peakDb: job.voice.peakDb, durationSec: spoken.durationSec.toFixed(3), text: job.text };
  });
  const rows = generated.filter((row): row is TsvRow => row !== null);
  if (!values['no-corpus'] && TRAINING_POOLS.includes(variants)) {
    const inPool = new Set(VARIANT_POOLS[variants].map((v) => v.name));
    for (const job of corpus.filter((j) => j.split === 'train' && inPool.has(j.voice.variant))) {
      const file = `${job.label}/corpus-${path.basename(job.file)}`;
      try {
        await copyFile(path.join(corpusDir, job.file), path.join(outDir, file));
      } catch {
        continue; // the corpus build rejected this sentence (no speed fitted): it has no clip
      }
      rows.push({ file, label: job.label, source: 'corpus', voice: job.voice.voice, variant: job.voice.variant, text: job.text });
    }
  }
  await writeTsv(path.join(outDir, 'manifest.tsv'), LID_TRAINING_COLUMNS, rows);
  console.log(`${rows.length} clips in ${outDir} (${planned.length - generated.filter(Boolean).length} sentences fitted no speed), ${synth}, ` +
    `${((Date.now() - started) / 1000).toFixed(0)} s`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}

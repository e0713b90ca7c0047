// The voice pools that measure generalisation: held-out voices and the held-out Klatt family never train.
import { describe, expect, it } from 'vitest';
import { planDigitSet } from '../../scripts/demo/asr-digit-set';
import { planAsr } from '../../scripts/demo/asr';
import { DEFAULT_DEMO_CONFIG } from '../../scripts/demo/config';
import { planLid } from '../../scripts/demo/lid';
import { DEFAULT_LID_TRAINING_RECIPE, WIDE_PROSODY, planTrainingSet } from '../../scripts/demo/lid-training-set';
import { DIVERSE_TRAIN_VARIANTS, HELD_OUT_KLATT, HELD_OUT_VOICES, TRAINING_POOLS, VARIANT_POOLS } from '../../scripts/demo/variant-pools';

const names = (pool: readonly { name: string }[]): string[] => pool.map((v) => v.name);
const corpus = await planLid(DEFAULT_DEMO_CONFIG);

describe('variant pools', () => {
  it('keep every held-out voice out of every training pool, and the Klatt family out of the pools it is measured against', () => {
    const heldOut = new Set(names(HELD_OUT_VOICES));
    for (const pool of TRAINING_POOLS) expect(names(VARIANT_POOLS[pool]).filter((n) => heldOut.has(n))).toEqual([]);
    for (const pool of ['demo-no-klatt', 'diverse'] as const) expect(names(VARIANT_POOLS[pool]).filter((n) => n.startsWith('klatt'))).toEqual([]);
    expect(names(VARIANT_POOLS['klatt-train'])).toEqual(['klatt', 'klatt2', 'klatt3', 'klatt5', 'klatt6']);
    const evaluated = new Set([...heldOut, ...names(HELD_OUT_KLATT)]);
    for (const test of names(DEFAULT_DEMO_CONFIG.testVariants)) expect(evaluated.has(test)).toBe(true);
    expect(names(VARIANT_POOLS['klatt-train'])).not.toContain('klatt4');
    expect(new Set(names(DIVERSE_TRAIN_VARIANTS)).size).toBe(DIVERSE_TRAIN_VARIANTS.length);
    expect(DIVERSE_TRAIN_VARIANTS.length).toBeGreaterThan(names(DEFAULT_DEMO_CONFIG.trainVariants).length + 25);
  });

  it("'diverse-only' is what 'diverse' adds to the corpus's training voices", () => {
    const demo = new Set(names(DEFAULT_DEMO_CONFIG.trainVariants));
    expect(names(VARIANT_POOLS['diverse-only']).filter((n) => demo.has(n))).toEqual([]);
    expect(VARIANT_POOLS['diverse-only'].length + names(DIVERSE_TRAIN_VARIANTS).filter((n) => demo.has(n)).length).toBe(DIVERSE_TRAIN_VARIANTS.length);
  });
});

describe('LID sets from pools', () => {
  it('a training pool speaks train-split words with its own voices; an evaluation pool test-split words', () => {
    const train = planTrainingSet(corpus, DEFAULT_DEMO_CONFIG, { ...DEFAULT_LID_TRAINING_RECIPE, ...WIDE_PROSODY, variants: 'diverse', perLanguage: 200 });
    const pool = new Set(names(DIVERSE_TRAIN_VARIANTS));
    expect(train.filter((j) => !pool.has(j.voice.variant))).toEqual([]);
    expect(Math.max(...train.map((j) => j.voice.speed))).toBeGreaterThan(230);
    const evalSet = planTrainingSet(corpus, DEFAULT_DEMO_CONFIG, { ...DEFAULT_LID_TRAINING_RECIPE, variants: 'held-out-klatt', perLanguage: 50 });
    expect(new Set(evalSet.map((j) => j.voice.variant))).toEqual(new Set(names(HELD_OUT_KLATT)));
    for (const language of DEFAULT_DEMO_CONFIG.lidLanguages) {
      const testWords = new Set(corpus.filter((j) => j.split === 'test' && j.label === language.code).flatMap((j) => j.text.split(/\s+/)));
      for (const job of evalSet.filter((j) => j.label === language.code)) for (const w of job.text.split(' ')) expect(testWords.has(w)).toBe(true);
    }
  });
});

describe('planDigitSet', () => {
  it("never speaks one of the corpus's test digit strings, and draws only the pool's voices", async () => {
    const testTexts = new Set((await planAsr(DEFAULT_DEMO_CONFIG)).filter((j) => j.split === 'test').map((j) => j.text));
    const jobs = await planDigitSet({ variants: 'held-out-voices', count: 400, seed: 3, digits: [1, 3], ranges: WIDE_PROSODY });
    expect(jobs).toHaveLength(400);
    expect(jobs.filter((j) => testTexts.has(j.text))).toEqual([]);
    expect(new Set(jobs.map((j) => j.voice.variant))).toEqual(new Set(names(HELD_OUT_VOICES)));
    expect(new Set(jobs.map((j) => j.id)).size).toBe(400);
  });
});

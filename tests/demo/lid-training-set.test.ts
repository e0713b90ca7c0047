// The extra LID training speech: new sentences from train-split words only, train voice variants only, seeded.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_CONFIG } from '../../scripts/demo/config';
import { planLid } from '../../scripts/demo/lid';
import { DEFAULT_LID_TRAINING_RECIPE, planTrainingSet, recombine } from '../../scripts/demo/lid-training-set';
import { makeRng } from '../../scripts/demo/rng';

const recipe = { ...DEFAULT_LID_TRAINING_RECIPE, perLanguage: 300 };

const corpus = await planLid(DEFAULT_DEMO_CONFIG);
const plan = planTrainingSet(corpus, DEFAULT_DEMO_CONFIG, recipe);
const testTexts = new Set(corpus.filter((j) => j.split === 'test').map((j) => j.text));

describe('planTrainingSet', () => {
  it('plans perLanguage clips per language, never with a test variant, never a test sentence', () => {
    for (const language of DEFAULT_DEMO_CONFIG.lidLanguages) expect(plan.filter((j) => j.label === language.code)).toHaveLength(300);
    const testVariants = new Set(DEFAULT_DEMO_CONFIG.testVariants.map((v) => v.name));
    expect(plan.filter((j) => testVariants.has(j.voice.variant))).toEqual([]);
    expect(plan.filter((j) => testTexts.has(j.text))).toEqual([]);
    expect(new Set(plan.map((j) => j.voice.variant)).size).toBeGreaterThan(40);
  });

  it('speaks only words of the same language train-split sentences, mostly new sentences', () => {
    for (const language of DEFAULT_DEMO_CONFIG.lidLanguages) {
      const trainJobs = corpus.filter((j) => j.split === 'train' && j.label === language.code);
      const trainWords = new Set(trainJobs.flatMap((j) => j.text.split(/\s+/)));
      const testOnlyWords = corpus.filter((j) => j.split === 'test' && j.label === language.code)
        .flatMap((j) => j.text.split(/\s+/)).filter((w) => !trainWords.has(w));
      expect(testOnlyWords.length).toBeGreaterThan(0);
      const jobs = plan.filter((j) => j.label === language.code);
      for (const job of jobs) for (const word of job.text.split(' ')) expect(trainWords.has(word)).toBe(true);
      const trainTexts = new Set(trainJobs.map((j) => j.text));
      expect(jobs.filter((j) => trainTexts.has(j.text)).length).toBeLessThan(jobs.length * 0.1);
    }
  });

  it('draws voices over the recipe ranges and is repeatable for a seed', () => {
    expect(Math.min(...plan.map((j) => j.voice.pitch))).toBe(recipe.pitch[0]);
    expect(Math.max(...plan.map((j) => j.voice.wordGap))).toBe(recipe.wordGap[1]);
    expect(planTrainingSet(corpus, DEFAULT_DEMO_CONFIG, recipe)).toEqual(plan);
    expect(planTrainingSet(corpus, DEFAULT_DEMO_CONFIG, { ...recipe, seed: recipe.seed + 1 })[0]).not.toEqual(plan[0]);
  });
});

describe('recombine', () => {
  it('joins spans of consecutive words to the drawn length', () => {
    const sentences = [['a1', 'a2', 'a3', 'a4'], ['b1', 'b2', 'b3']];
    const rng = makeRng(5);
    for (let i = 0; i < 50; i++) {
      const words = recombine(sentences, { ...recipe, words: [4, 6], spanWords: [2, 3] }, rng).split(' ');
      expect(words.length).toBeGreaterThanOrEqual(4);
      expect(words.length).toBeLessThanOrEqual(6);
      // every adjacent pair within a span follows the source order: a1 a2, b2 b3 ... (a span boundary may break it)
      const follows = words.slice(1).filter((w, k) => w[0] === words[k][0] && Number(w[1]) === Number(words[k][1]) + 1).length;
      expect(follows).toBeGreaterThanOrEqual(Math.floor(words.length / 3));
    }
  });
});

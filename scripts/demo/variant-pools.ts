// The espeak-ng voice variants split for measuring generalisation (issue 16): a diverse training pool, individual
// variants held out whose siblings train (held-out voices), and one whole synthesis family held out (the Klatt
// formant synthesiser: espeak-ng's klatt* variants generate the waveform with a different synthesiser).
import { DEFAULT_DEMO_CONFIG, type VariantWeight } from './config';

const named = (names: string[], weight = 1): VariantWeight[] => names.map((name) => ({ name, weight }));

/** Held out as single voices (each has relatives in the training pool): the corpus's test variants and more. */
export const HELD_OUT_VOICES: VariantWeight[] = named(['m6', 'f2', 'shelby', 'whisper', 'iven3', 'iven4', 'steph3', 'Gene2',
  'edward2', 'RicishayMax3', 'robosoft6', 'robosoft7']);

/** Held out as a whole synthesis family: every Klatt-synthesiser variant (klatt4 is also a corpus test variant). */
export const HELD_OUT_KLATT: VariantWeight[] = named(['klatt', 'klatt2', 'klatt3', 'klatt4', 'klatt5', 'klatt6']);

/**
 * The diverse training pool, 81 variants: every other variant of espeak-ng 1.51 (the corpus's 45 non-Klatt train
 * variants plus 36 it never used), breathy and robotic ones at half weight. Never a held-out voice, never a Klatt
 * variant.
 */
export const DIVERSE_TRAIN_VARIANTS: VariantWeight[] = [
  ...named(['m1', 'm2', 'm3', 'm4', 'm5', 'm7', 'm8', 'f1', 'f3', 'f4', 'f5'], 2),
  ...named(['Alex', 'Andy', 'Annie', 'adam', 'aunty', 'belinda', 'benjamin', 'boris', 'david', 'edward',
    'grandma', 'grandpa', 'iven', 'john', 'linda', 'max', 'michel', 'norbert', 'paul', 'quincy', 'rob',
    'robert', 'steph', 'travis', 'victor', 'zac', 'Denis', 'Hugo', 'Lee', 'Mario', 'Michael', 'Jacky',
    'Alicia', 'Andrea', 'Diogo', 'Gene', 'Henrique', 'Marco', 'Mike', 'Nguyen', 'RicishayMax', 'RicishayMax2',
    'Storm', 'Tweaky', 'anika', 'announcer', 'antonio', 'caleb', 'ed', 'gustave', 'iven2', 'kaukovalta',
    'marcelo', 'miguel', 'pablo', 'pedro', 'sandro', 'steph2', 'AnxiousAndy']),
  ...named(['croak', 'whisperf', 'robosoft', 'robosoft2', 'robosoft3', 'robosoft4', 'robosoft5', 'robosoft8',
    'UniRobot', 'anikaRobot', 'Demonic'], 0.5),
];

/**
 * The variant pools by name, for --variants. 'demo' is the corpus's own train variants (the first shipped recipe);
 * 'demo-no-klatt' the same without the Klatt family, to compare with 'diverse' on it; 'diverse-only' the variants
 * 'diverse' adds to 'demo' (voices that models trained on 'demo' never heard); 'klatt-train' the Klatt variants a
 * shipped model may train on once the family has been measured held out (all but the corpus's test variant klatt4).
 */
export const VARIANT_POOLS = {
  demo: DEFAULT_DEMO_CONFIG.trainVariants,
  'demo-no-klatt': DEFAULT_DEMO_CONFIG.trainVariants.filter((v) => !v.name.startsWith('klatt')),
  diverse: DIVERSE_TRAIN_VARIANTS,
  'held-out-voices': HELD_OUT_VOICES,
  'held-out-klatt': HELD_OUT_KLATT,
  'klatt-train': HELD_OUT_KLATT.filter((v) => !DEFAULT_DEMO_CONFIG.testVariants.some((t) => t.name === v.name)),
  'diverse-only': DIVERSE_TRAIN_VARIANTS.filter((v) => !DEFAULT_DEMO_CONFIG.trainVariants.some((d) => d.name === v.name)),
} as const;
/** A pool's name. */
export type VariantPool = keyof typeof VARIANT_POOLS;
/** Pools that may train a model (the others are for evaluation only). */
export const TRAINING_POOLS: readonly VariantPool[] = ['demo', 'demo-no-klatt', 'diverse', 'klatt-train'];

// What the demo corpus contains and how it is spoken: every number the build and the corpus test share.

/** One language of the LID set: its sentence list and the espeak-ng base voices that speak it. */
export interface LidLanguage {
  /** Label and folder name (ISO 639-1), e.g. 'fi'. */
  code: string;
  /** espeak-ng language voices (accents) chosen from per clip, e.g. ['ru', 'ru-lv']. */
  baseVoices: string[];
}

/** A variant (espeak-ng `+name`) and how often the random voice picker chooses it relative to others. */
export interface VariantWeight {
  /** File name under espeak-ng-data/voices/!v, e.g. 'm3', 'klatt2', 'whisper'. */
  name: string;
  /** Relative weight (1 = normal; whisper and croak are used sparingly). */
  weight: number;
}

/** The ranges a clip's voice is drawn from (drawVoice); the corpus's are in DEFAULT_DEMO_CONFIG. */
export interface VoiceRanges {
  /** espeak-ng speed range, words per minute (corpus [120, 200]). */
  speedWpm: [number, number];
  /** espeak-ng pitch range, 0-99 (corpus [30, 70]). */
  pitch: [number, number];
  /** espeak-ng word gap range in units of 10 ms (corpus [0, 2]). */
  wordGap: [number, number];
  /** Peak level range after normalisation, dBFS (corpus [-30, -4]): amplitude variation. */
  peakDb: [number, number];
}

/** The whole corpus recipe; `DEFAULT_DEMO_CONFIG` is what assets/demo was built from. */
export interface DemoConfig extends VoiceRanges {
  /** Seed of every random choice (voice, speed, pitch, level, split, digit strings). */
  seed: number;
  /** Output sample rate in Hz (16000). */
  sampleRate: number;
  /** Shortest and longest LID clip after trimming, seconds ([1.5, 5]). */
  lidDurationSec: [number, number];
  /** Range of the ASR clip durations after trimming, seconds. */
  asrDurationSec: [number, number];
  /** Fraction of each language's sentences held out for the LID test split (0.2). */
  lidTestFraction: number;
  /** Languages of the LID set. */
  lidLanguages: LidLanguage[];
  /** Variants used for training clips (LID and ASR). */
  trainVariants: VariantWeight[];
  /** Variants never used in training, only for test clips (LID and ASR). */
  testVariants: VariantWeight[];
  /** espeak-ng English accents that speak the ASR set. */
  asrBaseVoices: string[];
  /** Number of distinct ASR digit strings. */
  asrDigitStrings: number;
  /** Digit-string length range ([2, 7]). */
  asrDigitsPerString: [number, number];
  /** Number of ASR sentences taken from text/asr-en.txt (each spoken once). */
  asrSentences: number;
  /** Fraction of ASR utterances spoken by held-out test variants (0.2). */
  asrTestFraction: number;
  /** The single WaveNet voice, e.g. 'en-us+m3'. */
  wavenetVoice: string;
  /** Sustained vowels: espeak-ng phonemes and the file-name stem for each. */
  wavenetVowels: { phonemes: string; name: string }[];
  /** Pitches each sustained vowel is sung at (the same voice, so the model cannot memorise one period). */
  wavenetVowelPitches: number[];
  /** Bytes the data (lid + asr + wavenet) may take; assets/demo as a whole stays under 30 MB with models. */
  dataBudgetBytes: number;
}

/** The espeak-ng English accents (LID en and ASR). */
const ENGLISH_ACCENTS = ['en-us', 'en-gb', 'en-gb-scotland', 'en-gb-x-rp', 'en-gb-x-gbclan', 'en-gb-x-gbcwmd', 'en-029', 'en-us-nyc'];

const named = (names: string[], weight = 1): VariantWeight[] => names.map((name) => ({ name, weight }));

/** The recipe of the committed corpus. Change it, rebuild with `npm run demo:build`, commit the result. */
export const DEFAULT_DEMO_CONFIG: DemoConfig = {
  seed: 20261125,
  sampleRate: 16000,
  lidDurationSec: [1.5, 5],
  asrDurationSec: [0.6, 5],
  speedWpm: [120, 200],
  pitch: [30, 70],
  wordGap: [0, 2],
  peakDb: [-30, -4],
  lidTestFraction: 0.2,
  lidLanguages: [
    { code: 'en', baseVoices: ENGLISH_ACCENTS },
    { code: 'fi', baseVoices: ['fi'] },
    { code: 'it', baseVoices: ['it'] },
    { code: 'ru', baseVoices: ['ru', 'ru-lv'] },
    { code: 'cs', baseVoices: ['cs'] },
  ],
  trainVariants: [
    ...named(['m1', 'm2', 'm3', 'm4', 'm5', 'm7', 'm8', 'f1', 'f3', 'f4', 'f5'], 2),
    ...named(['klatt', 'klatt2', 'klatt3', 'klatt5', 'klatt6']),
    ...named(['Alex', 'Andy', 'Annie', 'adam', 'aunty', 'belinda', 'benjamin', 'boris', 'david', 'edward',
      'grandma', 'grandpa', 'iven', 'john', 'linda', 'max', 'michel', 'norbert', 'paul', 'quincy', 'rob',
      'robert', 'steph', 'travis', 'victor', 'zac', 'Denis', 'Hugo', 'Lee', 'Mario', 'Michael', 'Jacky']),
    ...named(['croak', 'whisperf'], 0.5),
  ],
  testVariants: [...named(['m6', 'f2', 'klatt4', 'shelby']), ...named(['whisper'], 0.25)],
  asrBaseVoices: ENGLISH_ACCENTS,
  asrDigitStrings: 150,
  asrDigitsPerString: [2, 7],
  asrSentences: 40,
  asrTestFraction: 0.2,
  wavenetVoice: 'en-us+m3',
  wavenetVowels: [
    { phonemes: 'A::', name: 'ah' }, { phonemes: 'i::', name: 'ee' }, { phonemes: 'u::', name: 'oo' },
    { phonemes: '3::', name: 'er' }, { phonemes: 'O::', name: 'aw' }, { phonemes: 'a:', name: 'a' },
    { phonemes: 'E:', name: 'eh' }, { phonemes: 'o::', name: 'oh' },
  ],
  wavenetVowelPitches: [30, 38, 46, 54, 62, 70],
  dataBudgetBytes: 24_000_000,
};

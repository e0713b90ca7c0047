/** The registry of `kielo` commands: name -> lazy module, so `kielo --help` loads no TensorFlow.js. */
import type { CliCommand } from '../command';

type Loader = () => Promise<{ command: CliCommand }>;

/** Every command of the CLI contract (docs/ARCHITECTURE.md), in the order `kielo --help` lists them. */
export const commandLoaders: Record<string, Loader> = {
  info: () => import('./info'),
  decode: () => import('./decode'),
  features: () => import('./features'),
  'train lid': () => import('./train-lid'),
  eval: () => import('./eval'),
  classify: () => import('./classify'),
  'train asr': () => import('./train-asr'),
  transcribe: () => import('./transcribe'),
  wer: () => import('./wer'),
  'train wavenet': () => import('./train-wavenet'),
  generate: () => import('./generate'),
  serve: () => import('./serve'),
};

/** One-line summaries for the top-level help, kept here so listing commands loads none of them. */
export const commandSummaries: Record<string, string> = {
  info: 'sample rate, channels, duration and format of audio files',
  decode: 'decode to mono at 16 kHz (or native rate) as WAV or .npy',
  features: 'frames, log-mel or MFCC features of a file, to .npy or JSON',
  'train lid': 'train a language identifier (learned filterbank or MFCC baseline)',
  eval: 'score a language identifier on a labelled folder',
  classify: 'language posteriors per file and over time',
  'train asr': 'train a CTC speech recogniser',
  transcribe: 'transcribe files with a CTC recogniser',
  wer: 'word and character error rates with sclite semantics',
  'train wavenet': 'train a WaveNet-style generator',
  generate: 'generate audio with a WaveNet model',
  serve: 'serve the studio to a browser on 127.0.0.1',
};

/**
 * The registry of `kielo` commands: name -> one-line summary and lazy module. The summary lives only here, so
 * `kielo --help` lists every command without loading any (nor TensorFlow.js), and `kielo NAME --help` shows the same.
 */
import type { CliCommand } from '../command';

/** One registered command. */
export interface CommandEntry {
  /** One line for `kielo --help` and the first line of `kielo NAME --help`. */
  summary: string;
  load: () => Promise<{ command: CliCommand }>;
}

/** Every command of the CLI contract (docs/ARCHITECTURE.md), in the order `kielo --help` lists them. */
export const commands: Record<string, CommandEntry> = {
  info: { summary: 'sample rate, channels, duration and format of audio files', load: () => import('./info') },
  decode: { summary: 'decode to mono at 16 kHz (or native rate) as WAV or .npy', load: () => import('./decode') },
  features: { summary: 'raw frames, log-mel or MFCC features of a file, to .npy or JSON', load: () => import('./features') },
  'train lid': { summary: 'train a language identifier (learned filterbank or MFCC baseline)', load: () => import('./train-lid') },
  eval: { summary: 'score a language identifier on a labelled folder', load: () => import('./eval') },
  crossval: { summary: 'leave-one-speaker/source-out cross-validation of the LID recipe', load: () => import('./crossval') },
  classify: { summary: 'language posteriors per file and over time', load: () => import('./classify') },
  'train asr': { summary: 'train a CTC speech recogniser on transcribed audio', load: () => import('./train-asr') },
  transcribe: { summary: 'transcribe speech with a trained CTC recogniser, with word timings', load: () => import('./transcribe') },
  wer: { summary: 'word (and character) error rates of trn transcripts, as sclite scores them', load: () => import('./wer') },
  'train wavenet': { summary: 'train a WaveNet generator on a folder of audio', load: () => import('./train-wavenet') },
  'train ae': { summary: 'train an autoencoder on log-mel patches of a folder of audio', load: () => import('./train-ae') },
  'train vae': { summary: 'train a variational autoencoder on log-mel patches of a folder of audio', load: () => import('./train-vae') },
  'train gan': { summary: 'train a GAN on log-mel patches of a folder of audio', load: () => import('./train-gan') },
  encode: { summary: 'codes of audio files under an autoencoder or VAE', load: () => import('./encode') },
  reconstruct: { summary: 'a file through an autoencoder or VAE and back to audio (Griffin-Lim)', load: () => import('./reconstruct') },
  generate: { summary: 'generate audio with a trained WaveNet, VAE or GAN', load: () => import('./generate') },
  resynth: { summary: "a file's log-mel back to audio by a WaveNet vocoder and Griffin-Lim, with LSD and MCD", load: () => import('./resynth') },
  serve: { summary: 'serve the studio to a browser on 127.0.0.1', load: () => import('./serve') },
};

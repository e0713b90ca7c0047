/**
 * A waveform corpus for WaveNet training: every audio file under a folder, mono at one rate, silence trimmed,
 * labelled by its top folder when the folder holds several (DIR/<label>/**), split into training and validation
 * by file. Bad files are reported and skipped.
 */
import { relative, sep } from 'node:path';
import { listAudioFiles, loadAudio } from '../audio';
import { InputFileError, messageOf } from '../util/errors';
import { defaultTrimOptions, trimSilence } from './waveform-trim';

/** One usable recording. */
export interface WaveformClip {
  file: string;
  /** Index into the corpus labels, or -1 when the corpus is unlabelled. */
  label: number;
  /** Mono samples in [-1, 1], silence trimmed. */
  samples: Float32Array;
}

/** A loaded corpus. */
export interface WaveformCorpus {
  sampleRate: number;
  /** Label names (top folders), empty when unlabelled. */
  labels: string[];
  train: WaveformClip[];
  validation: WaveformClip[];
  /** Files left out: unreadable, or silent under the threshold (with the reason). */
  skipped: { file: string; reason: string }[];
}

/** Options of loadWaveformCorpus, beside their defaults. */
export interface WaveformCorpusOptions {
  /** Rate to load at (Hz). Default 16000. */
  sampleRate: number;
  /** Frame RMS below which leading/trailing audio is trimmed (see TrimOptions). Default 0.01. */
  silenceThreshold: number;
  /** 'auto': label by top folder when files sit in two or more folders; 'folders': always; 'none': never. Default 'auto'. */
  labels: 'auto' | 'folders' | 'none';
  /** Every n-th file (by sorted path, per label) goes to validation; with one file, its last 10% does. Default 10. */
  validationEvery: number;
  /** Clips shorter than this after trimming are skipped (samples). Default 1000. */
  minSamples: number;
  /** Called for each file skipped, as it happens. */
  onSkip?: (file: string, reason: string) => void;
}

/** Defaults of WaveformCorpusOptions. */
export const defaultWaveformCorpusOptions: Omit<WaveformCorpusOptions, 'onSkip'> = {
  sampleRate: 16000,
  silenceThreshold: defaultTrimOptions.threshold,
  labels: 'auto',
  validationEvery: 10,
  minSamples: 1000,
};

/** The label folder of a file under `dir` ('' for files directly in it). */
function topFolder(dir: string, file: string): string {
  const parts = relative(dir, file).split(sep);
  return parts.length >= 2 ? parts[0] : '';
}

/** Loads every audio file under `dir` (recursive). Throws InputFileError when no file is usable. */
export async function loadWaveformCorpus(dir: string, input: Partial<WaveformCorpusOptions> = {}): Promise<WaveformCorpus> {
  const options = { ...defaultWaveformCorpusOptions, ...input };
  if (!Number.isInteger(options.validationEvery) || options.validationEvery < 2) {
    throw new RangeError(`validationEvery must be an integer >= 2, got ${options.validationEvery}`);
  }
  const files = await listAudioFiles([dir]);
  if (files.length === 0) throw new InputFileError(dir, 'no audio files (wav, flac, mp3, ogg) found');
  const folders = [...new Set(files.map((f) => topFolder(dir, f)))].sort();
  const labelled = options.labels === 'folders' || (options.labels === 'auto' && folders.length >= 2 && !folders.includes(''));
  if (labelled && folders.includes('')) throw new InputFileError(dir, 'labelled by folder, but some files sit directly in it (expected DIR/<label>/*)');
  const labels = labelled ? folders : [];
  const skipped: WaveformCorpus['skipped'] = [];
  const skip = (file: string, reason: string) => {
    skipped.push({ file, reason });
    options.onSkip?.(file, reason);
  };
  const clips: WaveformClip[] = [];
  for (const file of files) {
    try {
      const audio = await loadAudio(file, { sampleRate: options.sampleRate });
      const samples = trimSilence(audio.samples, { threshold: options.silenceThreshold });
      if (samples.length < options.minSamples) {
        skip(file, `only ${samples.length} samples above the silence threshold ${options.silenceThreshold} (lower it with --silence-threshold)`);
        continue;
      }
      clips.push({ file, label: labelled ? labels.indexOf(topFolder(dir, file)) : -1, samples });
    } catch (error) {
      skip(file, error instanceof InputFileError ? error.reason : messageOf(error));
    }
  }
  if (clips.length === 0) throw new InputFileError(dir, `none of ${files.length} audio files is usable (${skipped[0]?.reason})`);
  return { sampleRate: options.sampleRate, labels, ...splitClips(clips, options.validationEvery), skipped };
}

/**
 * Every n-th clip of each label to validation (at least one per label that has two or more clips); a corpus of
 * one clip is split in time instead (its last 10% to validation).
 */
function splitClips(clips: WaveformClip[], every: number): { train: WaveformClip[]; validation: WaveformClip[] } {
  if (clips.length === 1) {
    const [clip] = clips;
    const cut = Math.floor(clip.samples.length * 0.9);
    return { train: [{ ...clip, samples: clip.samples.subarray(0, cut) }], validation: [{ ...clip, samples: clip.samples.subarray(cut) }] };
  }
  const train: WaveformClip[] = [];
  const validation: WaveformClip[] = [];
  for (const label of new Set(clips.map((c) => c.label))) {
    const group = clips.filter((c) => c.label === label);
    const chosen = group.filter((_, i) => i % every === every - 1);
    if (chosen.length === 0 && group.length >= 2) chosen.push(group[group.length - 1]);
    for (const clip of group) (chosen.includes(clip) ? validation : train).push(clip);
  }
  return { train, validation };
}

/**
 * Using a trained LID model: load it (custom layers registered), classify files (posteriors per file and per
 * 1 s segment with a 0.5 s hop, so the app can draw language over time), and evaluate on a labelled folder
 * (accuracy, confusion, per-class precision/recall, EER, Cavg, and the same by duration).
 * Posteriors are calibrated by the model's temperature (metadata.calibration; 1 when absent). A file answers with a
 * label only when the speech detector hears speech (ours, src/features/speech-detector.ts, or with vad 'silero' Silero
 * VAD, src/features/silero-detector.ts) and the top calibrated posterior reaches minConfidence; otherwise label is null
 * and speech / unsure say why.
 */
import { loadAudio } from '../audio';
import { tf } from '../engine';
import { validateFeatureSpec, type FeatureSpec } from '../features';
import { detectSpeech, type SpeechDetectorOptions } from '../features/speech-detector';
import { detectSpeechWith, type VadName } from '../features/vad';
import { answeredAt, calibratePosteriors, expectedCalibrationError, logitsOfPosteriors, nllAt, type Answered } from '../metrics/calibration';
import { featureBatch, fitLength, groupsOf, itemsOfSplit, readLabelledSet, type GroupBy } from '../datasets';
import { classificationReport, reportByDuration, type ClassificationReport, type DurationGroup } from '../metrics/classification';
import '../models/layers';
import { receptiveFrames, resolveLidModelConfig, type LidModelConfig } from '../models/lid';
import { loadModel, MODEL_FILES } from '../models/io';
import { CancelledError, InputFileError, messageOf } from '../util/errors';
import { join } from 'node:path';

/** A loaded LID model with what inference needs from its metadata. */
export interface LoadedLid {
  dir: string;
  model: tf.LayersModel;
  labels: string[];
  spec: FeatureSpec;
  config: LidModelConfig;
  /** Fewest samples the model accepts (shorter input is tiled). */
  minSamples: number;
  /** Posterior temperature from the model's calibration; 1 for models without one. */
  temperature: number;
}

/** Top calibrated posterior below which classify answers "unsure" (label null); CLI --min-confidence. */
export const DEFAULT_MIN_CONFIDENCE = 0.5;

/** Options of classifySamples / classifyFile. */
export interface ClassifyOptions {
  /** Top calibrated posterior a label needs; [0, 1]. Default DEFAULT_MIN_CONFIDENCE (0.5). */
  minConfidence?: number;
  /** Thresholds of our speech detector (vad 'kielo'), or false to skip detection (every file counts as speech). Default its defaults. */
  speechDetector?: SpeechDetectorOptions | false;
  /** Which speech detector classifyFile runs: 'kielo' (ours, default) or 'silero' (Silero VAD v6). */
  vad?: VadName;
  /** The speech decision made already (classifyFile passes the chosen detector's); classifySamples then runs none. */
  speech?: boolean;
}

/** Segment windows for classify: 1 s long, every 0.5 s. */
export const SEGMENT = { seconds: 1, hopSeconds: 0.5 } as const;

/** Loads a model saved by trainLid; InputFileError names the file and reason when it is not a LID model. */
export async function loadLid(dir: string): Promise<LoadedLid> {
  const { model, metadata } = await loadModel<{ model?: unknown }>(dir);
  const file = join(dir, MODEL_FILES.metadata);
  if (!String(metadata.kind).startsWith('lid')) throw new InputFileError(file, `not a language-identification model (kind '${metadata.kind}')`);
  if (!metadata.featureSpec) throw new InputFileError(file, 'no featureSpec');
  let config: LidModelConfig;
  try {
    config = resolveLidModelConfig(metadata.config?.model ?? {});
  } catch (error) {
    throw new InputFileError(file, messageOf(error));
  }
  const spec = validateFeatureSpec(metadata.featureSpec);
  const outputs = (model.outputs[0].shape as number[])[1];
  if (outputs !== metadata.labels.length) throw new InputFileError(file, `${metadata.labels.length} labels for a model with ${outputs} outputs`);
  const minSamples = (receptiveFrames(config) - 1) * Math.round((spec.hopMs * spec.sampleRate) / 1000) + Math.round((spec.windowMs * spec.sampleRate) / 1000);
  const temperature = metadata.calibration?.temperature ?? 1;
  if (!(typeof temperature === 'number' && temperature > 0 && Number.isFinite(temperature))) throw new InputFileError(file, `calibration temperature must be a number > 0, got ${JSON.stringify(temperature)}`);
  return { dir, model, labels: metadata.labels, spec, config, minSamples, temperature };
}

/** The model's own posteriors [rows][labels] of equal-length clips, one predict call (no calibration). */
function rawPosteriorsOf(lid: LoadedLid, clips: Float32Array[]): number[][] {
  const b = featureBatch(clips, clips.map(() => 0), lid.spec);
  return tf.tidy(() => (lid.model.predict(tf.tensor3d(b.data, [b.batch, b.frames, b.dims])) as tf.Tensor2D).arraySync());
}

/** Calibrated posteriors [rows][labels] of equal-length clips: softmax(log p / temperature). */
function posteriorsOf(lid: LoadedLid, clips: Float32Array[]): number[][] {
  return calibratePosteriors(rawPosteriorsOf(lid, clips), lid.temperature);
}

function labelOf(lid: LoadedLid, row: number[]): string {
  return lid.labels[row.indexOf(Math.max(...row))];
}

function named(lid: LoadedLid, row: number[]): Record<string, number> {
  return Object.fromEntries(lid.labels.map((l, i) => [l, row[i]]));
}

/** One classified segment of a file. */
export interface LidSegment {
  start: number;
  end: number;
  label: string;
  posteriors: Record<string, number>;
}

/** The classification of one file. */
export interface LidClassification {
  file: string;
  /** The language, or null when the file holds no speech or the model is unsure. */
  label: string | null;
  /** Whether the speech detector heard speech (true when it was switched off). */
  speech: boolean;
  /** Speech, but the top calibrated posterior is below minConfidence. */
  unsure: boolean;
  /** The label with the top posterior, whatever the decision. */
  bestGuess: string;
  /** The top calibrated posterior. */
  confidence: number;
  /** Calibrated posteriors by label. */
  posteriors: Record<string, number>;
  durationSec: number;
  segments: LidSegment[];
}

/**
 * Classifies samples (at the model's rate): the whole signal, and 1 s segments every 0.5 s. The label is null when
 * there is no speech (options.speech, else our detector's decision, made here) or the top calibrated posterior is
 * below options.minConfidence.
 */
export function classifySamples(lid: LoadedLid, samples: Float32Array, file = '', options: ClassifyOptions = {}): LidClassification {
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  if (!(minConfidence >= 0 && minConfidence <= 1)) throw new RangeError(`minConfidence must be in [0, 1], got ${minConfidence}`);
  const rate = lid.spec.sampleRate;
  const whole = samples.length >= lid.minSamples ? samples : fitLength(samples, lid.minSamples);
  const [row] = posteriorsOf(lid, [whole]);
  const speech = options.speechDetector === false ? true : options.speech ?? detectSpeech(samples, rate, options.speechDetector).speech;
  const bestGuess = labelOf(lid, row);
  const confidence = Math.max(...row);
  const unsure = speech && confidence < minConfidence;
  const win = Math.round(SEGMENT.seconds * rate);
  const hop = Math.round(SEGMENT.hopSeconds * rate);
  const starts: number[] = [];
  for (let s = 0; s + win <= samples.length; s += hop) starts.push(s);
  const segments: LidSegment[] = [];
  if (starts.length === 0) {
    segments.push({ start: 0, end: samples.length / rate, label: labelOf(lid, row), posteriors: named(lid, row) });
  } else {
    const rows = posteriorsOf(lid, starts.map((s) => samples.slice(s, s + win)));
    starts.forEach((s, i) => segments.push({ start: s / rate, end: (s + win) / rate, label: labelOf(lid, rows[i]), posteriors: named(lid, rows[i]) }));
  }
  return {
    file, label: speech && !unsure ? bestGuess : null, speech, unsure, bestGuess, confidence,
    posteriors: named(lid, row), durationSec: samples.length / rate, segments,
  };
}

/**
 * Decodes a file (any format, resampled to the model's rate), decides speech with options.vad's detector and
 * classifies it; InputFileError for bad audio.
 */
export async function classifyFile(lid: LoadedLid, file: string, options: ClassifyOptions = {}): Promise<LidClassification> {
  const audio = await loadAudio(file, { sampleRate: lid.spec.sampleRate });
  if (audio.samples.length === 0) throw new InputFileError(file, 'no audio samples');
  const { speechDetector } = options;
  const speech = speechDetector === false ? true : options.speech ?? (await detectSpeechWith(options.vad ?? 'kielo', audio.samples, lid.spec.sampleRate, speechDetector));
  return classifySamples(lid, audio.samples, file, { ...options, speech });
}

/** The evaluation report of `kielo eval`. */
export interface LidEvaluation {
  n: number;
  accuracy: number;
  labels: string[];
  confusion: number[][];
  eer: number | null;
  cavg: number | null;
  perClass: Record<string, { precision: number | null; recall: number | null; support: number }>;
  byDuration: Partial<Record<DurationGroup, { n: number; accuracy: number; eer: number | null; cavg: number | null }>>;
  /** Which files were scored: the manifest's test split, or all files. */
  split: 'test' | 'all';
  /** Label folders left out because the model does not know their label (skipUnknownLabels), with their file counts. */
  skippedLabels: Record<string, number>;
  /** The grouping of byGroup, when one was asked for. */
  groupBy?: EvalGroupBy;
  /** Where the groups were read from (e.g. "manifest.tsv column 'speaker'"), with groupBy. */
  groupsFrom?: string;
  /** Accuracy per speaker or source (scored files only), with groupBy. */
  byGroup?: Record<string, { n: number; accuracy: number; labels: string[] }>;
  /** The temperature the posteriors were calibrated with (1: the model has no calibration). */
  temperature: number;
  /** Top-label expected calibration error (15 equal-width bins) of the calibrated posteriors; null for no files. */
  ece: number | null;
  /** Mean negative log-likelihood (nats) of the true labels under the calibrated posteriors; null for no files. */
  nll: number | null;
  /** ECE and NLL of the model's own posteriors (temperature 1), to compare with; null for no files. */
  uncalibrated: { ece: number | null; nll: number | null };
  /** Scored files the speech detector took for speech. */
  speechFiles: number;
  /** What classify answers (speech, top posterior >= minConfidence): coverage and accuracy on those files. */
  answered: Answered;
  /** Files that could not be read, with the reason. */
  failed: { file: string; reason: string }[];
  /** Every scored file, in order: its true label, the top label and that label's calibrated posterior. */
  files: { file: string; label: string; predicted: string; confidence: number }[];
}

/** The groupings evaluation reports accuracy by. */
export type EvalGroupBy = Exclude<GroupBy, 'file'>;

/** Options of evaluateLid. */
export interface EvaluateLidOptions {
  /** 'auto' scores the manifest's test split when DIR has one, 'all' every file. Default 'auto'. */
  split?: 'auto' | 'all';
  /**
   * Score only the label folders whose label the model has, and count the others in skippedLabels. Default false:
   * a label the model does not have is an error, raised before any file is decoded.
   */
  skipUnknownLabels?: boolean;
  /** Also report accuracy per speaker or source (groups read as src/datasets/groups.ts says). Default none. */
  groupBy?: EvalGroupBy;
  /** A regular expression whose first capture group, matched against a file's path under DIR, is its group. */
  groupPattern?: string;
  /** Threshold of `answered` (as classify's). Default DEFAULT_MIN_CONFIDENCE. */
  minConfidence?: number;
  /** The speech detector of `answered` and speechFiles (as classify's vad). Default 'kielo'. */
  vad?: VadName;
  signal?: AbortSignal;
  onBadFile?: (file: string, reason: string) => void;
  onProgress?: (done: number, total: number) => void;
  /** How the files are classified (the eval job spreads them over threads). Default: one by one with `lid`, here. */
  classifyFiles?: ClassifyFiles;
}

/** One file's classification, or why it failed. */
export type ClassifyOutcome = { value: LidClassification } | { error: Error };

/**
 * Classifies `files` with `options`, handing each outcome to `onFile` in input order; throws CancelledError when
 * cancelled.
 */
export type ClassifyFiles = (files: string[], options: ClassifyOptions, onFile: (index: number, outcome: ClassifyOutcome) => void) => Promise<void>;

/** ClassifyFiles in this thread, one file after another. */
function classifyHere(lid: LoadedLid, signal: AbortSignal | undefined): ClassifyFiles {
  return async (files, options, onFile) => {
    for (const [i, file] of files.entries()) {
      if (signal?.aborted) throw new CancelledError(`evaluation cancelled after ${i} of ${files.length} files`);
      let outcome: ClassifyOutcome;
      try {
        outcome = { value: await classifyFile(lid, file, options) };
      } catch (error) {
        outcome = { error: error instanceof Error ? error : new Error(String(error)) };
      }
      onFile(i, outcome);
    }
  };
}

/** `ar (312 files), be (1 file)`. */
function countsText(counts: Record<string, number>): string {
  return Object.entries(counts).map(([l, n]) => `${l} (${n} file${n === 1 ? '' : 's'})`).join(', ');
}

/**
 * Evaluates on DIR/<label>/**: the manifest's test split when DIR has one (split 'auto'), else every file. Labels of
 * the set that the model does not have are checked before any file is decoded: an InputFileError, or with
 * skipUnknownLabels their folders are left out and counted in skippedLabels. Bad files are reported via onBadFile.
 */
export async function evaluateLid(lid: LoadedLid, data: string, options: EvaluateLidOptions = {}): Promise<LidEvaluation> {
  const set = await readLabelledSet(data);
  const split = options.split !== 'all' && set.hasSplit ? 'test' : 'all';
  const chosen = itemsOfSplit(set, split);
  const skippedLabels: Record<string, number> = {};
  for (const item of chosen) if (!lid.labels.includes(item.label)) skippedLabels[item.label] = (skippedLabels[item.label] ?? 0) + 1;
  const items = chosen.filter((item) => lid.labels.includes(item.label));
  if (Object.keys(skippedLabels).length > 0 && (!options.skipUnknownLabels || items.length === 0)) {
    const what = items.length === 0 ? `none of the labels ${countsText(skippedLabels)} is` : `labels ${countsText(skippedLabels)} are not`;
    const hint = items.length === 0 ? '' : ': --skip-unknown-labels scores only the folders the model knows';
    throw new InputFileError(data, `${what} among the model's (${lid.labels.join(', ')})${hint}`);
  }
  const grouping = options.groupBy ? await groupsOf(data, items, options.groupBy, options.groupPattern) : null;
  const posteriors: number[][] = [];
  const actual: number[] = [];
  const durations: number[] = [];
  const speech: boolean[] = [];
  const scored: number[] = [];
  const minConfidence = options.minConfidence ?? DEFAULT_MIN_CONFIDENCE;
  const failed: LidEvaluation['failed'] = [];
  const files: LidEvaluation['files'] = [];
  const classifyFiles = options.classifyFiles ?? classifyHere(lid, options.signal);
  await classifyFiles(items.map((item) => item.file), { minConfidence, vad: options.vad }, (i, outcome) => {
    const item = items[i];
    if ('value' in outcome) {
      const c = outcome.value;
      posteriors.push(lid.labels.map((l) => c.posteriors[l]));
      speech.push(c.speech);
      actual.push(lid.labels.indexOf(item.label));
      durations.push(c.durationSec);
      scored.push(i);
      files.push({ file: item.file, label: item.label, predicted: c.bestGuess, confidence: c.confidence });
    } else {
      const reason = outcome.error instanceof InputFileError ? outcome.error.reason : messageOf(outcome.error);
      failed.push({ file: item.file, reason });
      options.onBadFile?.(item.file, reason);
    }
    options.onProgress?.(i + 1, items.length);
  });
  const report = classificationReport(lid.labels, posteriors, actual);
  const brief = (r: ClassificationReport) => ({ n: r.n, accuracy: r.accuracy, eer: r.eer, cavg: r.cavg });
  const byDuration = Object.fromEntries(Object.entries(reportByDuration(lid.labels, posteriors, actual, durations)).map(([g, r]) => [g, brief(r)]));
  return {
    n: report.n, accuracy: report.accuracy, labels: report.labels, confusion: report.confusion, eer: report.eer, cavg: report.cavg,
    perClass: Object.fromEntries(lid.labels.map((l, c) => [l, { precision: report.precision[c], recall: report.recall[c], support: report.support[c] }])),
    byDuration, split, skippedLabels,
    ...(grouping && options.groupBy ? { groupBy: options.groupBy, groupsFrom: grouping.origin, byGroup: accuracyByGroup(grouping.groups, scored, lid.labels, posteriors, actual) } : {}),
    ...calibrationReport(lid, posteriors, actual),
    speechFiles: speech.filter(Boolean).length,
    answered: answeredAt(posteriors, actual, minConfidence, speech),
    failed,
    files,
  };
}

/** ECE and NLL of calibrated posteriors, and of the model's own (softmax(logits), the temperature undone). */
function calibrationReport(lid: LoadedLid, posteriors: number[][], actual: number[]): Pick<LidEvaluation, 'temperature' | 'ece' | 'nll' | 'uncalibrated'> {
  const finite = (x: number) => (Number.isFinite(x) ? x : null);
  const logits = logitsOfPosteriors(posteriors);
  const raw = lid.temperature === 1 ? posteriors : calibratePosteriors(posteriors, 1 / lid.temperature);
  return {
    temperature: lid.temperature,
    ece: finite(expectedCalibrationError(posteriors, actual)),
    nll: finite(nllAt(logits, actual)),
    uncalibrated: { ece: finite(expectedCalibrationError(raw, actual)), nll: finite(nllAt(logits, actual, 1 / lid.temperature)) },
  };
}

/** Accuracy of each group over the scored items (scored[k] is the item of posteriors[k]), groups sorted by name. */
function accuracyByGroup(groups: string[], scored: number[], labels: string[], posteriors: number[][], actual: number[]): NonNullable<LidEvaluation['byGroup']> {
  const out: NonNullable<LidEvaluation['byGroup']> = {};
  scored.forEach((i, k) => {
    const g = (out[groups[i]] ??= { n: 0, accuracy: 0, labels: [] });
    const row = posteriors[k];
    g.n += 1;
    g.accuracy += row.indexOf(Math.max(...row)) === actual[k] ? 1 : 0;
    if (!g.labels.includes(labels[actual[k]])) g.labels.push(labels[actual[k]]);
  });
  for (const g of Object.values(out)) {
    g.accuracy /= g.n;
    g.labels.sort();
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

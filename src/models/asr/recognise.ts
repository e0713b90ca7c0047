/** Running a recogniser on features: posteriors, decoding (greedy or beam, optional word list) and timings. */
import { tf } from '../../engine';
import type { FeatureMatrix } from '../../features';
import { beamSearch, forcedAlign, greedyDecode, makeWordConstraint, type LogProbMatrix, type WordConstraint } from '../ctc';
import { decodeLabels, encodeText, SPACE_CLASS } from './alphabet';
import type { AsrModel } from './build';

/** When one character or word is spoken, in seconds from the start of the file. */
export interface TokenTiming {
  text: string;
  start: number;
  end: number;
}

/** What the recogniser heard in one utterance. */
export interface Recognition {
  text: string;
  /** Word timings from the CTC forced alignment of `text`. */
  words: TokenTiming[];
  /** Character timings (spaces excluded). */
  chars: TokenTiming[];
  /** Per-frame log-posteriors [frames x classes] (class 0 blank) and the seconds per output frame. */
  posteriorgram: LogProbMatrix & { data: Float32Array; frameSeconds: number };
}

/** How to decode. */
export interface DecodeOptions {
  /** 1 = greedy; > 1 = prefix beam search of this width. Default 1. */
  beamWidth?: number;
  /** Restrict the output to these words (normalised text, no spaces). Default none. */
  words?: string[];
}

const roundMs = (seconds: number) => Math.round(seconds * 1000) / 1000;

/** A word constraint for the ASR alphabet from normalised words. */
export function wordListConstraint(words: string[]): WordConstraint {
  return makeWordConstraint(words.filter(Boolean).map(encodeText), SPACE_CLASS);
}

/** Log-posteriors [batch][frames x classes] of a batch of features [batch, frames, dims]. */
export function logPosteriors(model: AsrModel, features: tf.Tensor3D): Float32Array {
  return tf.tidy(() => tf.logSoftmax(model.apply(features))).dataSync() as Float32Array;
}

/** Decodes log-posteriors and aligns the result: text, word and character timings. */
export function decodePosteriors(lp: LogProbMatrix, frameSeconds: number, options: DecodeOptions = {}, constraint?: WordConstraint): Omit<Recognition, 'posteriorgram'> {
  const beamWidth = options.beamWidth ?? 1;
  const wordConstraint = constraint ?? (options.words ? wordListConstraint(options.words) : undefined);
  const labels = beamWidth <= 1 && !wordConstraint ? greedyDecode(lp).labels : (beamSearch(lp, { beamWidth: Math.max(beamWidth, 1), constraint: wordConstraint })[0]?.labels ?? []);
  const text = decodeLabels(labels);
  const alignment = forcedAlign(lp, labels);
  const chars: TokenTiming[] = [];
  const words: TokenTiming[] = [];
  if (alignment) {
    let word: TokenTiming | null = null;
    labels.forEach((k, i) => {
      const span = alignment.spans[i];
      if (k === SPACE_CLASS) {
        word = null;
        return;
      }
      const timing = { text: decodeLabels([k]), start: roundMs(span.start * frameSeconds), end: roundMs(span.end * frameSeconds) };
      chars.push(timing);
      if (!word) {
        word = { ...timing };
        words.push(word);
      } else {
        word.text += timing.text;
        word.end = timing.end;
      }
    });
  }
  return { text, words, chars };
}

/** Recognises one utterance's features [frames x dims] (hop `hopMs`). */
export function recogniseFeatures(model: AsrModel, features: FeatureMatrix, hopMs: number, options: DecodeOptions = {}, constraint?: WordConstraint): Recognition {
  const data = tf.tidy(() => logPosteriors(model, tf.tensor3d(features.data, [1, features.frames, features.dims])));
  const frameSeconds = (hopMs * model.config.subsample) / 1000;
  const lp = { data, frames: model.outputFrames(features.frames), classes: model.config.classes };
  return { ...decodePosteriors(lp, frameSeconds, options, constraint), posteriorgram: { ...lp, frameSeconds } };
}

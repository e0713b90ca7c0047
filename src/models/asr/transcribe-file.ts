/** Transcribing audio files with a loaded recogniser: decode, the model's own front end, recognition. */
import { loadAudio } from '../../audio';
import { extractFeatures } from '../../features';
import type { WordConstraint } from '../ctc';
import type { LoadedAsrModel } from './io';
import { recogniseFeatures, wordListConstraint, type DecodeOptions, type Recognition } from './recognise';

/** The transcript of one file. */
export interface FileTranscript extends Omit<Recognition, 'posteriorgram'> {
  file: string;
  durationSec: number;
  /** Present when asked for: per-frame log-posteriors, row-major [frames x classes], rounded to 1e-3. */
  posteriorgram?: { frames: number; classes: number; frameSeconds: number; logProbs: number[] };
}

/** Options of transcribeFile. */
export interface TranscribeOptions extends DecodeOptions {
  /** Include the posteriorgram in the result. Default false. */
  posteriorgram?: boolean;
}

/** Transcribes one file (any format loadAudio reads); throws InputFileError for unreadable audio. */
export async function transcribeFile(loaded: LoadedAsrModel, file: string, options: TranscribeOptions = {}, constraint?: WordConstraint): Promise<FileTranscript> {
  const spec = loaded.info.featureSpec;
  const audio = await loadAudio(file, { sampleRate: spec.sampleRate });
  const features = extractFeatures(audio.samples, spec);
  const wordConstraint = constraint ?? (options.words ? wordListConstraint(options.words) : undefined);
  const { posteriorgram, ...result } = recogniseFeatures(loaded.model, features, spec.hopMs, options, wordConstraint);
  const out: FileTranscript = { file, durationSec: audio.durationSec, ...result };
  if (options.posteriorgram) {
    out.posteriorgram = {
      frames: posteriorgram.frames,
      classes: posteriorgram.classes,
      frameSeconds: posteriorgram.frameSeconds,
      logProbs: Array.from(posteriorgram.data, (v) => Math.round(v * 1000) / 1000),
    };
  }
  return out;
}

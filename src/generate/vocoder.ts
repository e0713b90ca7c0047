/**
 * A 'mel' WaveNet used as a vocoder: log-mel frames in, a waveform sample-aligned with the audio the frames came from.
 *
 * Alignment: generateAudio feeds one silence sample first, as model position 0, and its output sample n is the
 * model's position n + 1 (conditioned on frame floor((n + 1) / hop)). The original's sample n is position n, so the
 * vocoder's waveform is that silence sample followed by the generated ones: sample n then belongs to frame
 * floor(n / hop), the frame whose hop holds it, as in training (../models/wavenet/conditioning).
 *
 * Frames from elsewhere (a file, a VAE) must have the vocoder's log-mel front end; a vocoder trained on
 * per-utterance normalised frames (melSpec.cmvn 'utterance') gets raw log-mel normalised here (toVocoderFrames).
 * Such a vocoder never sees the level (the mean the normalisation removes) and renders near its training data's
 * typical loudness; vocodeLogMel puts the raw frames' level back with one gain (./level-match).
 */
import { cmvn, hopSamples, type FeatureMatrix, type FeatureSpec } from '../features';
import { mulawTable, type WavenetConfig, type WavenetWeights } from '../models/wavenet';
import { UsageError } from '../util/errors';
import { generateAudio, type GenerateOptions } from './generate';
import { matchLevel } from './level-match';

/** The log-mel FeatureSpec of a vocoder; a UsageError naming `model` when it is not one. */
export function vocoderMelSpec(config: WavenetConfig, model: string): FeatureSpec {
  if (config.condition !== 'mel' || !config.melSpec) throw new UsageError(`${model} is not a vocoder: trained with --condition ${config.condition} (train one with kielo train wavenet --condition mel)`);
  return config.melSpec;
}

/** The FeatureSpec fields that must agree for frames to mean the same to a vocoder (normalisation is converted). */
const FRONT_END_FIELDS = ['kind', 'sampleRate', 'hopMs', 'windowMs', 'nMels', 'fftSize', 'window', 'preemphasis', 'fMin', 'fMax', 'melScale', 'melNorm', 'deltas'] as const;

/**
 * Throws a UsageError naming `what` (e.g. 'VAE runs/x/model') and each field where its log-mel front end `spec`
 * differs from the vocoder's (rate, hop, bands, ...), so frames computed another way are never vocoded as if they
 * were the vocoder's.
 */
export function checkSameFrontEnd(vocoder: FeatureSpec, spec: FeatureSpec, what: string, model: string): void {
  const differ = FRONT_END_FIELDS.filter((field) => vocoder[field] !== spec[field]).map((field) => `${field} ${JSON.stringify(spec[field])} (the vocoder's: ${JSON.stringify(vocoder[field])})`);
  if (differ.length) throw new UsageError(`${what} has another log-mel front end than the vocoder ${model}: ${differ.join(', ')}`);
}

/** Raw log-mel (cmvn 'none', the vocoder's front end otherwise) as the vocoder's conditioning: a copy, normalised per utterance when its spec says so. */
export function toVocoderFrames(rawLogMel: FeatureMatrix, vocoder: FeatureSpec): FeatureMatrix {
  const copy = { data: rawLogMel.data.slice(), frames: rawLogMel.frames, dims: rawLogMel.dims };
  return vocoder.cmvn === 'utterance' ? cmvn(copy) : copy;
}

/**
 * Log-mel computed elsewhere (a .npy from kielo features, with the FeatureSpec it was made with) as the vocoder's
 * conditioning: the front end must be the vocoder's (checkSameFrontEnd), the matrix [frames >= 1, nMels]; raw frames
 * are normalised as the vocoder wants, frames normalised per utterance are taken as they are when the vocoder wants
 * that too. Errors are UsageErrors naming `what`.
 */
export function framesForVocoder(matrix: FeatureMatrix, spec: FeatureSpec, vocoder: FeatureSpec, what: string, model: string): FeatureMatrix {
  checkSameFrontEnd(vocoder, spec, what, model);
  if (matrix.dims !== vocoder.nMels || matrix.frames < 1 || matrix.data.length !== matrix.frames * matrix.dims) {
    throw new UsageError(`${what}: expected a [frames >= 1, ${vocoder.nMels}] log-mel matrix, got [${matrix.frames}, ${matrix.dims}]`);
  }
  if (spec.cmvn === 'none') return toVocoderFrames(matrix, vocoder);
  if (vocoder.cmvn === 'utterance') return matrix;
  throw new UsageError(`${what}: its frames are normalised per utterance (cmvn 'utterance'); the vocoder ${model} was trained on raw log-mel, which they no longer hold`);
}

/** Options of vocode: generateAudio's, less the ones that make no sense for a vocoder. */
export type VocodeOptions = Partial<Omit<GenerateOptions, 'samples' | 'prime' | 'mel' | 'label'>> & {
  /** Samples wanted (>= 1); default frames x hop. Past the last frame's hop the last frame holds. */
  samples?: number;
};

/** The waveform of vocoder-ready frames (toVocoderFrames), sample-aligned with the frames' audio (see the file's note). */
export async function vocode(weights: WavenetWeights, mel: FeatureMatrix, options: VocodeOptions = {}): Promise<{ samples: Float32Array; samplesPerSecond: number }> {
  const hop = hopSamples(vocoderMelSpec(weights.config, 'this model'));
  const total = options.samples ?? mel.frames * hop;
  if (!Number.isInteger(total) || total < 1) throw new RangeError(`samples must be a positive integer, got ${total}`);
  const { classes } = weights.config;
  const out = new Float32Array(total);
  // the silence sample generateAudio feeds first is position 0
  out[0] = mulawTable(classes)[classes >> 1];
  if (total === 1) return { samples: out, samplesPerSecond: Infinity };
  const { samples: _samples, ...rest } = options;
  const onProgress = options.onProgress;
  const generated = await generateAudio(weights, { ...rest, samples: total - 1, mel, ...(onProgress ? { onProgress: (done: number) => onProgress(done + 1, total) } : {}) });
  out.set(generated.samples, 1);
  return { samples: out, samplesPerSecond: generated.samplesPerSecond };
}

/**
 * The waveform of raw log-mel frames (cmvn 'none', the vocoder's front end otherwise) at their level: normalised as
 * the vocoder was trained (toVocoderFrames), vocoded, and, for a vocoder trained on per-utterance normalised frames,
 * brought to the frames' level by one gain (gainDb; 0 for a vocoder that saw raw frames).
 */
export async function vocodeLogMel(weights: WavenetWeights, raw: FeatureMatrix, options: VocodeOptions = {}): Promise<{ samples: Float32Array; samplesPerSecond: number; gainDb: number }> {
  const spec = vocoderMelSpec(weights.config, 'this model');
  const generated = await vocode(weights, toVocoderFrames(raw, spec), options);
  if (spec.cmvn !== 'utterance') return { ...generated, gainDb: 0 };
  const levelled = matchLevel(generated.samples, raw, spec);
  return { samples: levelled.samples, samplesPerSecond: generated.samplesPerSecond, gainDb: levelled.gainDb };
}

/**
 * Local conditioning of a 'mel' WaveNet: log-mel frames (10 ms hop) brought to the sample rate by repetition.
 *
 * Alignment: sample n uses frame floor(n / hop), the frame whose hop [k*hop, (k+1)*hop) contains n (its analysis
 * window starts at n's hop and looks 15 ms ahead, which a vocoder given the whole spectrogram may). Samples past
 * the last frame's hop (the tail the framing leaves out) hold the last frame. The model's logits at position t
 * predict sample t + 1, so position t is conditioned on the frame of sample t + 1: melFrameOfPosition.
 *
 * Repetition, not a learned transposed convolution: the fast generator's per-sample cost stays one lookup (each
 * frame's projections are computed once per frame), and it is matmuls and slices only, so it trains on every engine
 * (wasm has no conv gradient kernels).
 */
import { hopSamples, type FeatureMatrix } from '../../features';
import type { WavenetConfig } from './config';

/**
 * The frame (of `frames`) that conditions model position t: the frame of the predicted sample t + 1. Positions
 * before the utterance (negative: a training crop padded in front) use the first frame.
 */
export function melFrameOfPosition(position: number, hop: number, frames: number): number {
  return Math.max(0, Math.min(frames - 1, Math.floor((position + 1) / hop)));
}

/** Throws unless `mel` is given exactly for a 'mel' model and is then a [frames >= 1, nMels] matrix. */
export function checkMelFrames(config: WavenetConfig, mel: FeatureMatrix | undefined, where: string): void {
  if (config.condition !== 'mel') {
    if (mel) throw new Error(`${where}: this model is not conditioned on log-mel frames (condition '${config.condition}'); pass none`);
    return;
  }
  const bands = config.melSpec!.nMels;
  if (!mel) throw new Error(`${where}: this model is a log-mel vocoder (condition 'mel'); pass the log-mel frames`);
  if (mel.dims !== bands || mel.frames < 1 || mel.data.length !== mel.frames * mel.dims) {
    throw new Error(`${where}: log-mel frames must be a [frames >= 1, ${bands}] matrix, got [${mel.frames}, ${mel.dims}] with ${mel.data.length} values`);
  }
}

/**
 * The per-position conditioning rows of a forward pass over `length` positions starting at model position `start`
 * (row j = frame melFrameOfPosition(start + j)), row-major [length, nMels], for `forward(..., mel)`.
 */
export function melConditioningRows(config: WavenetConfig, mel: FeatureMatrix, start: number, length: number): Float32Array {
  checkMelFrames(config, mel, 'wavenet conditioning');
  const hop = hopSamples(config.melSpec!);
  const dims = mel.dims;
  const rows = new Float32Array(length * dims);
  for (let j = 0; j < length; j++) {
    const k = melFrameOfPosition(start + j, hop, mel.frames);
    rows.set(mel.data.subarray(k * dims, k * dims + dims), j * dims);
  }
  return rows;
}

/**
 * Connectionist temporal classification loss (Graves et al. 2006), written here because TensorFlow.js has no CTC
 * op. The forward-backward recursions run in log space on the host (float64), which works identically on every
 * engine; the gradient w.r.t. the logits (softmax minus the expected class occupancy) enters the tape through
 * tf.customGrad.
 */
import { tf } from '../../engine';
import { logAddExp } from './logspace';
import { BLANK, type LogProbMatrix } from './types';

/** The negative log-likelihood of one label sequence and the posterior class occupancy of every frame. */
export interface CtcPosterior {
  /** -log p(label | x); Infinity when no alignment fits in the frames. */
  nll: number;
  /** Row-major [frames x classes]: sum over alignments of p(class k at frame t | label, x). Rows sum to 1. */
  occupancy: Float64Array;
}

/** The label with blanks interleaved: [blank, l1, blank, l2, ..., blank], length 2L+1. */
function extendLabel(label: ArrayLike<number>, blank: number): Int32Array {
  const ext = new Int32Array(2 * label.length + 1).fill(blank);
  for (let i = 0; i < label.length; i++) ext[2 * i + 1] = label[i];
  return ext;
}

/** Whether state s may be entered from s-2 (skipping a blank): only between two different non-blank labels. */
function canSkip(ext: Int32Array, s: number, blank: number): boolean {
  return s >= 2 && ext[s] !== blank && ext[s] !== ext[s - 2];
}

/**
 * Log-space CTC forward-backward over one utterance. `lp` holds log-probabilities (log-softmax output) of shape
 * [frames x classes]; `label` the class indices (no blanks) of the target.
 */
export function ctcForwardBackward(lp: LogProbMatrix, label: ArrayLike<number>, blank = BLANK): CtcPosterior {
  const { frames: T, classes: C, data } = lp;
  for (let i = 0; i < label.length; i++) {
    const k = label[i];
    if (!Number.isInteger(k) || k < 0 || k >= C || k === blank) throw new Error(`CTC label ${i} is ${k}: expected a non-blank class in [0, ${C})`);
  }
  const occupancy = new Float64Array(T * C);
  if (T === 0) return { nll: label.length === 0 ? 0 : Infinity, occupancy };
  const ext = extendLabel(label, blank);
  const S = ext.length;
  const alpha = new Float64Array(T * S).fill(-Infinity);
  const beta = new Float64Array(T * S).fill(-Infinity);
  alpha[0] = data[ext[0]];
  if (S > 1) alpha[1] = data[ext[1]];
  for (let t = 1; t < T; t++) {
    const prev = (t - 1) * S;
    for (let s = 0; s < S; s++) {
      let a = alpha[prev + s];
      if (s >= 1) a = logAddExp(a, alpha[prev + s - 1]);
      if (canSkip(ext, s, blank)) a = logAddExp(a, alpha[prev + s - 2]);
      alpha[t * S + s] = a === -Infinity ? a : a + data[t * C + ext[s]];
    }
  }
  const last = (T - 1) * S;
  beta[last + S - 1] = data[(T - 1) * C + ext[S - 1]];
  if (S > 1) beta[last + S - 2] = data[(T - 1) * C + ext[S - 2]];
  for (let t = T - 2; t >= 0; t--) {
    const next = (t + 1) * S;
    for (let s = 0; s < S; s++) {
      let b = beta[next + s];
      if (s + 1 < S) b = logAddExp(b, beta[next + s + 1]);
      if (s + 2 < S && canSkip(ext, s + 2, blank)) b = logAddExp(b, beta[next + s + 2]);
      beta[t * S + s] = b === -Infinity ? b : b + data[t * C + ext[s]];
    }
  }
  const logLik = S > 1 ? logAddExp(alpha[last + S - 1], alpha[last + S - 2]) : alpha[last];
  if (logLik === -Infinity) return { nll: Infinity, occupancy };
  for (let t = 0; t < T; t++) {
    for (let s = 0; s < S; s++) {
      const joint = alpha[t * S + s] + beta[t * S + s];
      if (joint === -Infinity) continue;
      // alpha and beta both include frame t's emission: remove one copy.
      occupancy[t * C + ext[s]] += Math.exp(joint - data[t * C + ext[s]] - logLik);
    }
  }
  return { nll: -logLik, occupancy };
}

/** Options of ctcLoss. */
export interface CtcLossOptions {
  /** Class index of the blank. Default 0. */
  blank?: number;
  /** Replace infinite losses (label cannot fit in the frames) by 0 with zero gradient. Default true. */
  zeroInfinity?: boolean;
}

/**
 * CTC negative log-likelihood per utterance, differentiable w.r.t. `logits`.
 * @param logits unnormalised scores of shape [batch, frames, classes] (log-softmax is applied inside).
 * @param labels per utterance, the target class indices (no blanks).
 * @param inputLengths per utterance, the number of valid frames (default: all); later frames get zero gradient.
 * @returns losses of shape [batch].
 */
export function ctcLoss(logits: tf.Tensor3D, labels: ArrayLike<number>[], inputLengths?: number[], options: CtcLossOptions = {}): tf.Tensor1D {
  const blank = options.blank ?? BLANK;
  const zeroInfinity = options.zeroInfinity ?? true;
  const [B, T, C] = logits.shape;
  if (labels.length !== B) throw new Error(`ctcLoss: ${labels.length} labels for a batch of ${B}`);
  if (inputLengths && inputLengths.length !== B) throw new Error(`ctcLoss: ${inputLengths.length} input lengths for a batch of ${B}`);
  const lossOf = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [x, save] = inputs as [tf.Tensor3D, tf.GradSaveFunc];
    const logProbs = tf.tidy(() => tf.logSoftmax(x));
    const lp = logProbs.dataSync();
    logProbs.dispose();
    const losses = new Float32Array(B);
    const grad = new Float32Array(B * T * C);
    for (let b = 0; b < B; b++) {
      const frames = inputLengths ? inputLengths[b] : T;
      if (!Number.isInteger(frames) || frames < 0 || frames > T) throw new Error(`ctcLoss: input length ${frames} outside [0, ${T}]`);
      const offset = b * T * C;
      const rows = lp.subarray(offset, offset + frames * C);
      const { nll, occupancy } = ctcForwardBackward({ data: rows, frames, classes: C }, labels[b], blank);
      if (!Number.isFinite(nll)) {
        if (!zeroInfinity) throw new Error(`ctcLoss: label ${b} (length ${labels[b].length}) cannot be aligned to ${frames} frames`);
        continue;
      }
      losses[b] = nll;
      for (let i = 0; i < frames * C; i++) grad[offset + i] = Math.exp(rows[i]) - occupancy[i];
    }
    save([tf.tensor3d(grad, [B, T, C])]);
    return {
      value: tf.tensor1d(losses),
      gradFunc: (dy: tf.Tensor1D, saved: tf.Tensor[]) => saved[0].mul(dy.reshape([B, 1, 1])),
    };
  });
  return lossOf(logits);
}

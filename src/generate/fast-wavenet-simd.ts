/** The fast generator on the WebAssembly SIMD kernel: same contract as FastWavenet, several times faster. */
import { validateWavenetWeights, type WavenetConfig, type WavenetWeights } from '../models/wavenet';
import { buildWavenetKernel, type WavenetKernel } from './wasm/kernel';

/** The cached-queue WaveNet recurrence, run by a kernel compiled for this model. */
export class FastWavenetSimd {
  readonly config: WavenetConfig;
  /** Logits of the next sample (length classes), valid after step(). */
  readonly logits: Float32Array;
  private readonly kernel: WavenetKernel;

  /** `label`: index into config.labels (required when the model is conditioned). */
  constructor(weights: WavenetWeights, label?: number) {
    const { config, tensors } = validateWavenetWeights(weights);
    checkLabel(config, label);
    if (config.condition !== 'none') {
      throw new Error(`fast wavenet (SIMD): models with local conditioning (condition '${config.condition}') are not supported yet; use the JavaScript generator (FastWavenet)`);
    }
    this.config = config;
    this.kernel = buildWavenetKernel(config, tensors, label);
    this.logits = this.kernel.logits;
  }

  /** Empties every queue: the next step sees only zeros before it. */
  reset(): void {
    this.kernel.reset();
  }

  /** Feeds one input class (the sample at time t); returns the logits for t + 1 (this.logits, reused). */
  step(input: number): Float32Array {
    this.kernel.step(input);
    return this.logits;
  }
}

/** Throws unless `label` is a valid label index for a conditioned model. */
export function checkLabel(config: WavenetConfig, label: number | undefined): void {
  const count = config.labels.length;
  if (count && (label === undefined || !Number.isInteger(label) || label < 0 || label >= count)) {
    throw new Error(`fast wavenet: this model needs a label index in 0..${count - 1}, got ${label}`);
  }
}

/** The fast generator on the WebAssembly SIMD kernel: same contract as FastWavenet, several times faster. */
import type { FeatureMatrix } from '../features';
import { checkMelFrames, dilationsOf, validateWavenetWeights, type WavenetConfig, type WavenetWeights } from '../models/wavenet';
import { MelGateBias } from './mel-gate-bias';
import { buildWavenetKernel, type WavenetKernel } from './wasm/kernel';

/** The cached-queue WaveNet recurrence, run by a kernel compiled for this model. */
export class FastWavenetSimd {
  readonly config: WavenetConfig;
  /** Logits of the next sample (length classes), valid after step(). */
  readonly logits: Float32Array;
  private readonly kernel: WavenetKernel;
  /** 'mel' models: writes the current frame's projection into the kernel's gate biases; null otherwise. */
  private readonly melBias: MelGateBias | null;

  /** `label` and `mel` as FastWavenet's. */
  constructor(weights: WavenetWeights, label?: number, mel?: FeatureMatrix) {
    const { config, tensors } = validateWavenetWeights(weights);
    checkLabel(config, label);
    checkMelFrames(config, mel, 'fast wavenet');
    this.config = config;
    this.kernel = buildWavenetKernel(config, tensors, label);
    this.logits = this.kernel.logits;
    const biases = this.kernel.gateBiases;
    const fixed = biases.map((bias) => bias.slice());
    this.melBias = mel ? new MelGateBias(config, mel, fixed, dilationsOf(config).map((_, i) => tensors.get(`layer${i}/mel`)!), biases) : null;
  }

  /** Empties every queue: the next step sees only zeros before it. */
  reset(): void {
    this.kernel.reset();
    this.melBias?.reset();
  }

  /** Feeds one input class (the sample at time t); returns the logits for t + 1 (this.logits, reused). */
  step(input: number): Float32Array {
    this.melBias?.beforeStep();
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

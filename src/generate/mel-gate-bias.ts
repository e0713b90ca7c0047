/**
 * The log-mel conditioning of the fast generators: before each step, the gate bias of every layer becomes its fixed
 * bias (gateB + label embedding) plus the current frame's 1x1 projection. A frame's projection is computed once,
 * when the step reaches the frame (../models/wavenet/conditioning: step t uses the frame of sample t + 1).
 */
import { hopSamples, type FeatureMatrix } from '../features';
import { checkMelFrames, melFrameOfPosition, type WavenetConfig } from '../models/wavenet';

export class MelGateBias {
  private readonly width: number;
  private readonly hop: number;
  /** Steps since the last reset (the model position of the next step). */
  private time = 0;
  /** The frame whose projections the targets hold (-1: none yet). */
  private frame = -1;

  /**
   * `fixed[i]`: layer i's bias without the frame (at least 2R values); `melWeights[i]`: its [nMels, 2R] projection;
   * `targets[i]`: where the step reads layer i's gate bias (written here; entries past 2R are left alone).
   */
  constructor(
    config: WavenetConfig,
    private readonly mel: FeatureMatrix,
    private readonly fixed: Float32Array[],
    private readonly melWeights: Float32Array[],
    private readonly targets: Float32Array[],
  ) {
    checkMelFrames(config, mel, 'fast wavenet');
    this.width = 2 * config.residualChannels;
    this.hop = hopSamples(config.melSpec!);
  }

  /** Call before every step: makes the targets hold the bias of this step's frame. */
  beforeStep(): void {
    const k = melFrameOfPosition(this.time++, this.hop, this.mel.frames);
    if (k !== this.frame) this.load(k);
  }

  /** The next step is position 0 again. */
  reset(): void {
    this.time = 0;
  }

  private load(k: number): void {
    const { width, mel } = this;
    const frame = mel.data.subarray(k * mel.dims, (k + 1) * mel.dims);
    this.targets.forEach((bias, i) => {
      const w = this.melWeights[i];
      const fixed = this.fixed[i];
      for (let j = 0; j < width; j++) bias[j] = fixed[j];
      for (let m = 0; m < mel.dims; m++) {
        const v = frame[m];
        const row = m * width;
        for (let j = 0; j < width; j++) bias[j] += v * w[row + j];
      }
    });
    this.frame = k;
  }
}

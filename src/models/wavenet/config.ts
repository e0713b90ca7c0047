/** WaveNet configuration: the shape of the network, beside its defaults. */
import { resolveFeatureSpec, type FeatureSpec } from '../../features';

/** Local conditioning: 'none' (an unconditional or label-conditioned model) or 'mel' (a vocoder on log-mel frames). */
export type WavenetCondition = 'none' | 'mel';

/** The shape of a WaveNet (van den Oord et al. 2016) as Kielo builds it. */
export interface WavenetConfig {
  /** Dilated layers per stack; dilations run 1, 2, 4 ... 2^(layersPerStack-1). Default 10, range 1-14. */
  layersPerStack: number;
  /** How many times the dilation pattern repeats. Default 2, range 1-8. */
  stacks: number;
  /** Channels of the residual stream (also the gate width: tanh and sigmoid halves each this wide). Default 32. */
  residualChannels: number;
  /** Channels of the skip connections and of the hidden output layer. Default 64. */
  skipChannels: number;
  /** Mu-law quantisation levels = softmax classes (mu = classes - 1). Default 256, range 2-65536. */
  classes: number;
  /** Labels for global conditioning (an embedding per label added in each gate); empty = unconditioned. Default []. */
  labels: string[];
  /** Sample rate the model is trained and generates at, in Hz. Default 16000. */
  sampleRate: number;
  /** Local conditioning; default 'none' (models saved before it existed load as 'none'). See ./conditioning. */
  condition: WavenetCondition;
  /**
   * The log-mel FeatureSpec of the conditioning frames, present exactly when condition is 'mel'. Default: the
   * features module's log-mel (40 bands, 25 ms window, 10 ms hop) at the model's rate, with per-utterance mean and
   * variance normalisation (cmvn 'utterance', as the MFCC front end does), so loudness and channel offsets of an
   * utterance do not shift the conditioning.
   */
  melSpec?: FeatureSpec;
}

/** Defaults: 2 stacks x 10 layers, 32 residual, 64 skip channels, 256 classes, 16 kHz, no labels. */
export const defaultWavenetConfig: WavenetConfig = {
  layersPerStack: 10,
  stacks: 2,
  residualChannels: 32,
  skipChannels: 64,
  classes: 256,
  labels: [],
  sampleRate: 16000,
  condition: 'none',
};

/** Merges user options over the defaults and checks every field; throws naming the bad field and value. */
export function resolveWavenetConfig(options: Partial<WavenetConfig> = {}): WavenetConfig {
  const { melSpec, ...rest } = options;
  const config: WavenetConfig = { ...defaultWavenetConfig, ...rest, labels: [...(options.labels ?? defaultWavenetConfig.labels)] };
  const integerIn = (name: keyof WavenetConfig, lo: number, hi: number) => {
    const value = config[name] as number;
    if (!Number.isInteger(value) || value < lo || value > hi) {
      throw new Error(`wavenet config: ${name} must be an integer in ${lo}..${hi}, got ${value}`);
    }
  };
  integerIn('layersPerStack', 1, 14);
  integerIn('stacks', 1, 8);
  integerIn('residualChannels', 1, 1024);
  integerIn('skipChannels', 1, 1024);
  integerIn('classes', 2, 65536);
  integerIn('sampleRate', 1000, 192000);
  if (new Set(config.labels).size !== config.labels.length) {
    throw new Error(`wavenet config: labels must be distinct, got ${JSON.stringify(config.labels)}`);
  }
  if (config.condition === 'none') {
    if (melSpec !== undefined) throw new Error("wavenet config: melSpec is only for condition 'mel' (condition is 'none')");
    return config;
  }
  if (config.condition !== 'mel') throw new Error(`wavenet config: condition must be 'none' or 'mel', got ${JSON.stringify(config.condition)}`);
  return { ...config, melSpec: resolveMelSpec(melSpec, config.sampleRate) };
}

/** The conditioning spec of a 'mel' model: defaults filled, checked to be plain log-mel at the model's rate. */
function resolveMelSpec(partial: Partial<FeatureSpec> | undefined, sampleRate: number): FeatureSpec {
  let spec: FeatureSpec;
  try {
    spec = resolveFeatureSpec({ kind: 'logmel', sampleRate, cmvn: 'utterance', ...partial });
  } catch (error) {
    throw new Error(`wavenet config: melSpec: ${(error as Error).message}`);
  }
  if (spec.kind !== 'logmel') throw new Error(`wavenet config: melSpec.kind must be 'logmel', got '${spec.kind}'`);
  if (spec.deltas !== 0) throw new Error(`wavenet config: melSpec.deltas must be 0, got ${spec.deltas}`);
  if (spec.sampleRate !== sampleRate) throw new Error(`wavenet config: melSpec.sampleRate ${spec.sampleRate} differs from the model's ${sampleRate} Hz`);
  return spec;
}

/** The dilation of every layer in order: [1, 2, ... 2^(k-1)] repeated `stacks` times. */
export function dilationsOf(config: WavenetConfig): number[] {
  const out: number[] = [];
  for (let s = 0; s < config.stacks; s++) {
    for (let l = 0; l < config.layersPerStack; l++) out.push(2 ** l);
  }
  return out;
}

/** Samples of context one prediction sees: 1 + the sum of all dilations (2047 for the default). */
export function receptiveFieldOf(config: WavenetConfig): number {
  return 1 + dilationsOf(config).reduce((a, b) => a + b, 0);
}

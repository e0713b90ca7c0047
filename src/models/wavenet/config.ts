/** WaveNet configuration: the shape of the network, beside its defaults. */

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
};

/** Merges user options over the defaults and checks every field; throws naming the bad field and value. */
export function resolveWavenetConfig(options: Partial<WavenetConfig> = {}): WavenetConfig {
  const config = { ...defaultWavenetConfig, ...options, labels: [...(options.labels ?? defaultWavenetConfig.labels)] };
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
  return config;
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

/** Configuration of the CTC recogniser, types beside their defaults. */

/** The shape of the temporal CNN. */
export interface AsrModelConfig {
  /** Feature dimensions per 10 ms input frame (e.g. 40 log-mel bands). Required; >= 1. */
  inputDims: number;
  /** Output classes including the blank. Default 29 (blank, space, a-z, apostrophe). */
  classes: number;
  /** Input frames stacked into one model frame (temporal subsampling: 2 = 20 ms outputs). Default 2; 1..4. */
  subsample: number;
  /** Channels of every hidden layer. Default 128; 8..1024. */
  hidden: number;
  /** Frames of context of the input layer (after subsampling). Default 3; odd, >= 1. */
  inputContext: number;
  /** Dilations of the residual blocks (kernel 3 each, centred, "same" length). Default [1, 2, 4, 1, 2]. */
  dilations: number[];
  /** Dropout rate in training. Default 0.1; [0, 1). */
  dropout: number;
}

/** Defaults of every field but inputDims: about 280k parameters (1.1 MB) for 40 log-mel bands. */
export const defaultAsrModelConfig: Omit<AsrModelConfig, 'inputDims'> = {
  classes: 29,
  subsample: 2,
  hidden: 128,
  inputContext: 3,
  dilations: [1, 2, 4, 1, 2],
  dropout: 0.1,
};

/** A user's config: inputDims plus any subset of the rest. */
export type AsrModelConfigInput = Pick<AsrModelConfig, 'inputDims'> & Partial<AsrModelConfig>;

/** Merges defaults and checks every field; errors name the field and the bad value. */
export function resolveAsrModelConfig(input: AsrModelConfigInput): AsrModelConfig {
  const c: AsrModelConfig = { ...defaultAsrModelConfig, ...input };
  const check = (ok: boolean, field: string, expected: string) => {
    if (!ok) throw new Error(`AsrModelConfig.${field}: expected ${expected}, got ${JSON.stringify(c[field as keyof AsrModelConfig])}`);
  };
  const int = (v: unknown, lo: number, hi: number) => Number.isInteger(v) && (v as number) >= lo && (v as number) <= hi;
  check(int(c.inputDims, 1, 4096), 'inputDims', 'an integer 1..4096');
  check(int(c.classes, 2, 4096), 'classes', 'an integer 2..4096');
  check(int(c.subsample, 1, 4), 'subsample', 'an integer 1..4');
  check(int(c.hidden, 8, 1024), 'hidden', 'an integer 8..1024');
  check(int(c.inputContext, 1, 15) && c.inputContext % 2 === 1, 'inputContext', 'an odd integer 1..15');
  check(Array.isArray(c.dilations) && c.dilations.every((d) => int(d, 1, 64)), 'dilations', 'an array of integers 1..64');
  check(typeof c.dropout === 'number' && c.dropout >= 0 && c.dropout < 1, 'dropout', 'a number in [0, 1)');
  return c;
}

/** The LID model's configuration: types beside their defaults, and validation of user/JSON input. */
import { ACTIVATIONS, type Activation } from '../layers';

/** Front ends: free learned filters, SincNet band-pass filters (both over raw frames), or MFCC features. */
export const FRONTENDS = ['learned', 'sinc', 'mfcc'] as const;
/** One LID front end. */
export type Frontend = (typeof FRONTENDS)[number];

/** Everything buildLidModel needs besides the labels. */
export interface LidModelConfig {
  /** Front end. Default 'learned'. 'learned'/'sinc' take raw frames [time, 400]; 'mfcc' takes [time, inputDims]. */
  frontend: Frontend;
  /** Samples per frame for raw front ends (25 ms at 16 kHz). Default 400. */
  frameSamples: number;
  /** Sample rate in Hz. Default 16000. */
  sampleRate: number;
  /** Feature dimensions per frame for the 'mfcc' front end (from its FeatureSpec). Default 13. */
  inputDims: number;
  /** Filters of a learned/sinc front end. Default 40; 1..512. */
  filters: number;
  /** Floor of the raw front ends' band energies before the log (a unit-amplitude in-band sine has energy 1).
   * Default 1e-10: 1e-6 floored quiet bands (-60 dB) and cost held-out accuracy. (0, 1). */
  logFloor: number;
  /** Output channels of each TDNN layer. Default [96, 96, 96] (the demo models' recipe). */
  channels: number[];
  /** Dilation of each TDNN layer (same length as channels). Default [1, 2, 3]. */
  dilations: number[];
  /** Context frames (kernel size) of each TDNN layer. Default 3. */
  context: number;
  /** Renormalise each TDNN layer's output per frame to unit RMS (Kaldi relu-renorm). Default false (on the demo
   * corpus it slowed early training: 25% vs 54% validation accuracy after 4-5 epochs). */
  renorm: boolean;
  /** Size of the embedding after statistics pooling. Default 64. */
  embedding: number;
  /** Dropout rate after pooling and after the embedding. Default 0.1; 0..0.9. */
  dropout: number;
  /** Hidden nonlinearity. Default 'relu'. */
  activation: Activation;
  /** Weight initialisation scale (1 = He for ReLU, LeCun for tanh/sigmoid). Default 1; > 0. */
  initScale: number;
  /** Seed for weight init and dropout. Default 1. */
  seed: number;
}

/** Defaults of every LidModelConfig field. */
export const defaultLidModelConfig: LidModelConfig = {
  frontend: 'learned',
  frameSamples: 400,
  sampleRate: 16000,
  inputDims: 13,
  filters: 40,
  logFloor: 1e-10,
  channels: [96, 96, 96],
  dilations: [1, 2, 3],
  context: 3,
  renorm: false,
  embedding: 64,
  dropout: 0.1,
  activation: 'relu',
  initScale: 1,
  seed: 1,
};

/** Frames a model with this config consumes before its first output: 1 + (context - 1) * sum(dilations). */
export function receptiveFrames(config: LidModelConfig): number {
  return 1 + (config.context - 1) * config.dilations.reduce((a, b) => a + b, 0);
}

function fail(field: string, value: unknown, expected: string): never {
  throw new Error(`LID model config: ${field} must be ${expected}, got ${JSON.stringify(value)}`);
}

function intIn(field: string, value: unknown, min: number, max: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) fail(field, value, `an integer ${min}..${max}`);
  return value;
}

/** Merges `partial` (user options or saved JSON) over the defaults and validates every field, naming a bad one. */
export function resolveLidModelConfig(partial: unknown = {}): LidModelConfig {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) fail('config', partial, 'an object');
  const c = { ...defaultLidModelConfig, ...(partial as Partial<LidModelConfig>) };
  if (!(FRONTENDS as readonly unknown[]).includes(c.frontend)) fail('frontend', c.frontend, `one of ${FRONTENDS.join(', ')}`);
  if (!(ACTIVATIONS as readonly unknown[]).includes(c.activation)) fail('activation', c.activation, `one of ${ACTIVATIONS.join(', ')}`);
  intIn('frameSamples', c.frameSamples, 16, 8192);
  intIn('sampleRate', c.sampleRate, 1000, 192000);
  intIn('inputDims', c.inputDims, 1, 4096);
  intIn('filters', c.filters, 1, 512);
  intIn('context', c.context, 1, 15);
  intIn('embedding', c.embedding, 1, 4096);
  intIn('seed', c.seed, 0, 2 ** 31 - 1);
  if (typeof c.logFloor !== 'number' || !(c.logFloor > 0 && c.logFloor < 1)) fail('logFloor', c.logFloor, 'a number in (0, 1)');
  if (typeof c.renorm !== 'boolean') fail('renorm', c.renorm, 'true or false');
  if (!Array.isArray(c.channels) || c.channels.length < 1) fail('channels', c.channels, 'a non-empty array');
  c.channels.forEach((u, i) => intIn(`channels[${i}]`, u, 1, 4096));
  if (!Array.isArray(c.dilations) || c.dilations.length !== c.channels.length) fail('dilations', c.dilations, `an array of ${c.channels.length} (one per channel entry)`);
  c.dilations.forEach((d, i) => intIn(`dilations[${i}]`, d, 1, 64));
  if (typeof c.dropout !== 'number' || !(c.dropout >= 0 && c.dropout <= 0.9)) fail('dropout', c.dropout, 'a number 0..0.9');
  if (typeof c.initScale !== 'number' || !(c.initScale > 0 && c.initScale <= 100)) fail('initScale', c.initScale, 'a number in (0, 100]');
  return c;
}

/**
 * The one recipe shape. A recipe (lid.ts, asr.ts, wavenet.ts) loads a folder, trains with the generic loop and saves
 * a model: `train(options, hooks)`, with a documented defaults object. Every recipe takes the options below under
 * these names, and sends the same events; the jobs' tasks are thin delegates, and the CLI and the service build the
 * recipe's options type directly.
 */
import type { EngineName } from '../engine';
import type { OptimizerName, TrainConfigInput } from './config';
import { defaultThreads } from './parallel/threads';
import type { TrainEvent } from './types';

/** How a gradient constraint is applied: by global L2 norm, or elementwise. */
export const CLIP_MODES = ['norm', 'value'] as const;

/** Options every recipe takes (each recipe's defaults object gives its defaults). */
export interface RecipeOptions {
  /** Training data folder. Required. */
  data: string;
  /** Output model directory. Required. */
  out: string;
  /** Epochs to run; integer >= 1. */
  epochs?: number;
  /** Seed of weights, split, batch order, crops and augmentation; integer >= 0. */
  seed?: number;
  /** Engine: 'auto' takes the fastest that loads. */
  engine?: EngineName | 'auto';
  /** Update rule. */
  optimizer?: OptimizerName;
  /** Step size; > 0. */
  learningRate?: number;
  /** Examples (clips, utterances, crops) per step; integer >= 1. */
  batchSize?: number;
  /** Gradient constraint threshold; 0 = off. */
  clip?: number;
  /** How `clip` applies. */
  clipMode?: (typeof CLIP_MODES)[number];
  /** Epochs without a better validation score before stopping; 0 = never. */
  patience?: number;
  /** Fraction of the training data held out for validation; [0, 0.5]. */
  valFraction?: number;
  /** Checkpoint directory (each epoch); enables resume. */
  checkpointDir?: string;
  /** Continue from the checkpoint in checkpointDir. */
  resume?: boolean;
  /** Threads computing each step's gradients, data-parallel (src/train/parallel); integer >= 1, 1 = one thread as
   * before. Default: KIELO_THREADS, else the machine's cores, at most 8 and at most the batch size (defaultThreads). */
  threads?: number;
}

/** The defaults every recipe gives for the shared options (data, out and checkpointDir have none here; threads
 * follows the machine and the batch size). */
export type RecipeDefaults = Required<Omit<RecipeOptions, 'data' | 'out' | 'checkpointDir' | 'threads'>>;

/** Events every recipe sends: the loop's TrainEvents, human log lines, and input files left out (with the reason). */
export type RecipeEvent = TrainEvent | { type: 'log'; message: string } | { type: 'skipped'; file: string; reason: string };

/** Callbacks and cancellation of one recipe run. */
export interface RecipeHooks {
  /** Receives every event, in order. */
  onEvent?: (event: RecipeEvent) => void;
  /** Aborting stops training after a checkpoint (CancelledError). */
  signal?: AbortSignal;
}

/** A recipe: its defaults and its train (load -> train -> save). */
export interface Recipe<O extends RecipeOptions, D extends RecipeDefaults, R> {
  defaults: D;
  train(options: O, hooks?: RecipeHooks): Promise<R>;
}

/** Options with every defaulted field present. */
export type WithDefaults<D, O> = Omit<O, keyof D> & { [K in keyof D]-?: K extends keyof O ? Exclude<O[K], undefined> | D[K] : D[K] };

/** `options` over `defaults`, ignoring fields given as undefined. */
export function withDefaults<D extends object, O extends object>(defaults: D, options: O): WithDefaults<D, O> {
  const given = Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined));
  return { ...defaults, ...given } as WithDefaults<D, O>;
}

/** The loop's configuration from the shared options (the recipe adds its monitor and checkpoint directory). */
export function loopConfigOf(o: Required<Omit<RecipeOptions, 'checkpointDir' | 'threads'>> & { checkpointDir?: string | null; threads?: number }): TrainConfigInput {
  return {
    threads: Math.min(o.threads ?? defaultThreads(o.batchSize), o.batchSize),
    epochs: o.epochs,
    seed: o.seed,
    optimizer: { name: o.optimizer, learningRate: o.learningRate },
    clip: o.clip > 0 ? { mode: o.clipMode, value: o.clip } : { mode: 'none' },
    patience: o.patience,
    checkpointDir: o.checkpointDir ?? null,
    resume: o.resume,
  };
}

/** The shared options as a saved model records them (what it was trained on and with; no engine or checkpoint paths). */
export function recipeRecord(o: Required<Omit<RecipeOptions, 'checkpointDir' | 'threads'>>): Record<string, string | number> {
  const { data, epochs, seed, optimizer, learningRate, batchSize, clip, clipMode, patience, valFraction } = o;
  return { data, epochs, seed, optimizer, learningRate, batchSize, clip, clipMode, patience, valFraction };
}

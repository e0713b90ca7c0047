/**
 * The --engine option of the commands that run TensorFlow.js. Kept apart from options.ts because it reads the engine
 * names from src/engine, which loads TensorFlow.js: commands that never touch an engine (info, decode, wer) start
 * without it.
 */
import { ENGINES, type EngineName } from '../engine';
import type { OptionSpec } from './command';
import { enumOption, type OptionValues } from './options';

/** What --engine accepts: a named engine, or auto (the fastest that loads, or KIELO_ENGINE's). */
export const ENGINE_CHOICES = ['auto', ...ENGINES] as const;

/** The parseArgs spec of --engine. */
export const engineSpec = { engine: { type: 'string' } } satisfies OptionSpec;

/** Its help line. */
export const engineHelp = `  --engine E        ${ENGINE_CHOICES.join('|')} (default auto: KIELO_ENGINE, else the fastest that loads)`;

/** The --engine value, 'auto' when absent. */
export function engineOption(values: OptionValues): EngineName | 'auto' {
  return enumOption(values, 'engine', ENGINE_CHOICES) ?? 'auto';
}

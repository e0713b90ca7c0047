/**
 * The option parsers every `kielo` command shares. Each takes the values parseArgs gave and an option's long name,
 * returns undefined when the option is absent, and throws a UsageError naming the option and the bad value
 * (`--epochs must be an integer >= 1, got 'many'`), which the CLI turns into exit code 1.
 */
import { UsageError } from '../util/errors';

/** Option values by long name, as parseArgs gives them (strings for string options, true for flags). */
export type OptionValues = Readonly<Record<string, unknown>>;

/** The values a numeric option may take. */
export interface NumberRange {
  /** Whole numbers only. */
  integer?: boolean;
  /** Smallest value allowed. */
  min?: number;
  /** Every allowed value is greater than this (an open lower bound, e.g. a learning rate above 0). */
  above?: number;
  /** Largest value allowed. */
  max?: number;
  /** Said after the range in errors, e.g. '0 = off'. */
  note?: string;
}

/** The range in words: 'an integer in 1..1024', 'a number in (0, 10]', 'an integer >= 0 (0 = off)'. */
export function describeRange(range: NumberRange): string {
  const kind = range.integer ? 'an integer' : 'a number';
  const { min, above, max } = range;
  let bounds = '';
  if (above !== undefined) bounds = max !== undefined ? ` in (${above}, ${max}]` : ` > ${above}`;
  else if (min !== undefined) bounds = max !== undefined ? ` in ${min}..${max}` : ` >= ${min}`;
  else if (max !== undefined) bounds = ` <= ${max}`;
  return `${kind}${bounds}${range.note ? ` (${range.note})` : ''}`;
}

function inRange(n: number, range: NumberRange): boolean {
  return (
    Number.isFinite(n) &&
    (!range.integer || Number.isInteger(n)) &&
    (range.min === undefined || n >= range.min) &&
    (range.above === undefined || n > range.above) &&
    (range.max === undefined || n <= range.max)
  );
}

/** The raw text of a string option, or undefined when absent or empty. */
export function stringOption(values: OptionValues, name: string): string | undefined {
  const raw = values[name];
  return typeof raw === 'string' && raw !== '' ? raw : undefined;
}

/**
 * The value of an option that must be given; `option` names it with its placeholder ('--data DIR'), and `hint` may
 * say more: `required(stringOption(values, 'data'), '--data DIR')` throws '--data DIR is required' when absent.
 */
export function required<T>(value: T | undefined, option: string, hint?: string): T {
  if (value === undefined) throw new UsageError(`${option} is required${hint ? ` (${hint})` : ''}`);
  return value;
}

/** True when a boolean flag was given. */
export function flagOption(values: OptionValues, name: string): boolean {
  return values[name] === true;
}

/** A number within `range`, or undefined when absent. */
export function numberOption(values: OptionValues, name: string, range: NumberRange): number | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (raw.trim() === '' || !inRange(n, range)) throw new UsageError(`--${name} must be ${describeRange(range)}, got '${raw}'`);
  return n;
}

/** A comma-separated list of numbers each within `range` (e.g. --channels 96,96,96), or undefined when absent. */
export function numberListOption(values: OptionValues, name: string, range: NumberRange): number[] | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  const parts = raw.split(',').map((part) => part.trim());
  const list = parts.map(Number);
  if (parts.some((part) => part === '') || !list.every((n) => inRange(n, range))) {
    const each = describeRange(range).replace(/^an? (integer|number)/, '$1s');
    throw new UsageError(`--${name} must be comma-separated ${each}, got '${raw}'`);
  }
  return list;
}

/** One of `allowed`, or undefined when absent. */
export function enumOption<T extends string>(values: OptionValues, name: string, allowed: readonly T[]): T | undefined {
  const raw = stringOption(values, name);
  if (raw === undefined) return undefined;
  if (!(allowed as readonly string[]).includes(raw)) throw new UsageError(`--${name} must be one of ${allowed.join(', ')}, got '${raw}'`);
  return raw as T;
}

/** A path whose name ends in one of `extensions` (e.g. ['.wav', '.npy']; case-insensitive), or undefined when absent. */
export function pathOption(values: OptionValues, name: string, extensions: readonly string[]): string | undefined {
  const raw = values[name];
  if (raw === undefined) return undefined;
  const path = typeof raw === 'string' ? raw : '';
  if (!extensions.some((ext) => path.toLowerCase().endsWith(ext.toLowerCase()))) {
    throw new UsageError(`--${name} must end in ${extensions.join(' or ')}, got '${path}'`);
  }
  return path;
}

/** The command's positional arguments when it takes none (its inputs come in options); UsageError otherwise. */
export function noPositionals(positionals: readonly string[], hint?: string): void {
  if (positionals.length) throw new UsageError(`unexpected argument '${positionals[0]}'${hint ? ` (${hint})` : ''}`);
}

/** The one input file of a command that takes exactly one. */
export function oneFile(positionals: readonly string[]): string {
  if (positionals.length !== 1) throw new UsageError(`give exactly one input file (got ${positionals.length})`);
  return positionals[0];
}

/** The input files and folders of a command that takes one or more. */
export function someFiles(positionals: readonly string[]): string[] {
  if (positionals.length === 0) throw new UsageError('give at least one audio file');
  return [...positionals];
}

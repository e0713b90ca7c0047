/** The shape of one `kielo` command, and what it is handed when it runs. */
import type { ParseArgsConfig } from 'node:util';
import type { Progress } from './progress';

/** Option definitions in node:util parseArgs form. */
export type OptionSpec = NonNullable<ParseArgsConfig['options']>;

/** Values parsed from the command line. */
export interface ParsedArgs {
  /** Option values by long name (strings, booleans, or arrays for `multiple`). */
  values: Record<string, string | boolean | (string | boolean)[] | undefined>;
  /** Positional arguments (files). */
  positionals: string[];
}

/** What a running command may use: arguments, output channels and a way to report bad inputs. */
export interface CommandContext {
  args: ParsedArgs;
  /** True when `--json` was given: stdout carries exactly one JSON document. */
  json: boolean;
  /** Progress on stderr (never stdout): a bar on a terminal, plain lines elsewhere. */
  progress: Progress;
  /** Reports one bad input on stderr and marks the run as partially failed (exit code 2). */
  reportBadInput(file: string, reason: string): void;
  /** Writes the result: as JSON with --json, else through `human` (or as JSON when absent). */
  output(result: unknown, human?: (result: never) => string): void;
  /** Aborted on SIGINT. */
  signal: AbortSignal;
}

/** One `kielo` command. */
export interface CliCommand {
  /** Words that name it, e.g. 'info' or 'train lid' (its key in the registry, which holds its one-line summary). */
  name: string;
  /** Usage line(s) after `kielo NAME`, e.g. 'FILE... [--json]'. */
  usage: string;
  /** Longer help: option descriptions, examples. */
  help: string;
  options: OptionSpec;
  /** Runs the command; throws UsageError for bad arguments. */
  run(ctx: CommandContext): Promise<void>;
}

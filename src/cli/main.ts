/**
 * The `kielo` entry point: finds the command, parses its options, runs it, and maps the outcome to the exit
 * codes of the CLI contract: 0 success, 1 usage error, 2 when any input failed.
 */
import { parseArgs } from 'node:util';
import type { CliCommand, CommandContext } from './command';
import { commands } from './commands';
import { formatCommandHelp, formatTopHelp } from './help';
import { createProgress } from './progress';
import { CancelledError, UsageError, messageOf } from '../util/errors';
import { onAudioWarning } from '../audio/warnings';

/** Exit codes of the CLI contract. */
export const EXIT = { ok: 0, usage: 1, inputFailed: 2 } as const;

/** Where the CLI writes; tests pass their own. */
export interface CliStreams {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** stderr is a terminal: progress is drawn as a bar there (else it is plain lines). */
  stderrIsTTY?: boolean;
}

const processStreams: CliStreams = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stderrIsTTY: process.stderr.isTTY === true,
};

/** Splits argv into the command's name (one or two words) and the rest. */
export function resolveCommandName(argv: string[]): { name: string; rest: string[] } | null {
  const two = argv.slice(0, 2).join(' ');
  if (argv.length >= 2 && two in commands) return { name: two, rest: argv.slice(2) };
  if (argv.length >= 1 && argv[0] in commands) return { name: argv[0], rest: argv.slice(1) };
  return null;
}

/** Runs the CLI on argv (without node and script) and returns the exit code. */
export async function main(argv: string[], streams: CliStreams = processStreams): Promise<number> {
  if (argv.length === 0 || argv[0] === '--help' || argv[0] === '-h' || argv[0] === 'help') {
    streams.stdout(formatTopHelp(commands));
    return argv.length === 0 ? EXIT.usage : EXIT.ok;
  }
  if (argv[0] === '--version') {
    streams.stdout(`${await packageVersion()}\n`);
    return EXIT.ok;
  }
  const resolved = resolveCommandName(argv);
  if (!resolved) {
    const group = Object.keys(commands).filter((name) => name.startsWith(`${argv[0]} `));
    const hint = group.length ? ` (did you mean ${group.map((g) => `'${g}'`).join(' or ')}?)` : '';
    streams.stderr(`kielo: unknown command '${argv.slice(0, 2).join(' ')}'${hint}; see kielo --help\n`);
    return EXIT.usage;
  }
  const entry = commands[resolved.name];
  const { command } = await entry.load();
  return runCommand(command, entry.summary, resolved.rest, streams);
}

async function runCommand(command: CliCommand, summary: string, argv: string[], streams: CliStreams): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    streams.stdout(formatCommandHelp(command, summary));
    return EXIT.ok;
  }
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      options: { ...command.options, json: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } },
      allowPositionals: true,
      strict: true,
    });
  } catch (error) {
    streams.stderr(`kielo ${command.name}: ${messageOf(error)}\nusage: kielo ${command.name} ${command.usage}\n`);
    return EXIT.usage;
  }
  const json = parsed.values.json === true;
  let inputFailed = false;
  const abort = new AbortController();
  const onSigint = () => abort.abort(new CancelledError('interrupted'));
  process.once('SIGINT', onSigint);
  const progress = createProgress({
    write: (text: string) => streams.stderr(text),
    isTTY: streams.stderrIsTTY === true,
    get columns() {
      return streams.stderrIsTTY ? process.stderr.columns : undefined;
    },
  });
  const ctx: CommandContext = {
    args: { values: parsed.values, positionals: parsed.positionals },
    json,
    progress,
    reportBadInput: (file, reason) => {
      inputFailed = true;
      progress.log(`kielo ${command.name}: ${file}: ${reason}`);
    },
    output: (result, human) => {
      progress.stop();
      if (json || !human) streams.stdout(`${JSON.stringify(result, null, json ? 0 : 2)}\n`);
      else streams.stdout(`${(human as (r: unknown) => string)(result)}\n`);
    },
    signal: abort.signal,
  };
  // a file read with a caveat (e.g. an Ogg stream without its end page) is said once on stderr; it does not fail
  const stopAudioWarnings = onAudioWarning(({ file, message }) => progress.log(`kielo ${command.name}: warning: ${file}: ${message}`));
  try {
    await command.run(ctx);
  } catch (error) {
    progress.stop();
    if (error instanceof UsageError) {
      streams.stderr(`kielo ${command.name}: ${error.message}\nusage: kielo ${command.name} ${command.usage}\n`);
      return EXIT.usage;
    }
    if (error instanceof CancelledError) {
      streams.stderr(`kielo ${command.name}: ${error.message}\n`);
      return EXIT.inputFailed;
    }
    streams.stderr(`kielo ${command.name}: ${messageOf(error)}\n`);
    return EXIT.inputFailed;
  } finally {
    progress.stop();
    stopAudioWarnings();
    process.off('SIGINT', onSigint);
  }
  return inputFailed ? EXIT.inputFailed : EXIT.ok;
}

async function packageVersion(): Promise<string> {
  const { readFile } = await import('node:fs/promises');
  const pkg = JSON.parse(await readFile(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

/** Help texts of the `kielo` command. */
import type { CliCommand } from './command';
import type { CommandEntry } from './commands';

/** The top-level help: usage and one line per command. */
export function formatTopHelp(commands: Record<string, CommandEntry>): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  const lines = Object.entries(commands).map(([name, { summary }]) => `  ${name.padEnd(width)}  ${summary}`);
  return [
    'kielo: deep learning on speech and audio',
    '',
    'usage: kielo COMMAND [options] [--json] [--help]',
    '',
    'commands:',
    ...lines,
    '',
    'Every command takes --help and --json (one JSON document on stdout; progress on stderr).',
    'Exit codes: 0 success, 1 usage error, 2 some input failed (the others were still processed).',
    '',
  ].join('\n');
}

/** The help of one command: usage, its registry summary, description, and the options its description does not explain. */
export function formatCommandHelp(command: CliCommand, summary: string): string {
  const explained = (name: string) => new RegExp(`--${name}(?![\\w-])`).test(command.help);
  const options = Object.entries(command.options)
    .filter(([name]) => !explained(name))
    .map(([name, spec]) => `  --${name}${spec.type === 'string' ? ` ${name.toUpperCase()}` : ''}`);
  return [
    `usage: kielo ${command.name} ${command.usage}`,
    '',
    summary,
    ...(command.help ? ['', command.help] : []),
    '',
    'options:',
    ...options,
    '  --json       one JSON document on stdout',
    '  --help       this help',
    '',
  ].join('\n');
}

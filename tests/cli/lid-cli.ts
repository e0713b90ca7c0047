/** Helpers for the LID CLI tests: run `kielo` in-process and capture its streams. */
import { main } from '../../src/cli/main';

/** Runs `kielo ARGV` and returns the exit code and both streams. */
export async function kielo(...argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await main(argv, { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

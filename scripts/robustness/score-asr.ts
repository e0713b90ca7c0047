// Scores recognisers on held-out digit sets (scripts/demo/asr-digit-set.ts) and prints one markdown table: WER and
// CER greedy, and WER with beam 16 + the digit word list (the documented decoding), per model and set.
// Usage: tsx scripts/robustness/score-asr.ts --model M [--model M2 ...] --set NAME=DIR [--set ...] [--words LIST]
import { execFile } from 'node:child_process';
import { mkdtemp, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const KIELO = path.join(REPO_ROOT, 'bin/kielo.mjs');
const run = promisify(execFile);

async function kielo(args: string[]): Promise<unknown> {
  const { stdout } = await run('node', [KIELO, ...args, '--json'], { maxBuffer: 64 << 20 });
  return JSON.parse(stdout);
}

/** WER and CER of `model` on the set in `dir` (its ref.trn), decoding with `decode` options. */
async function score(model: string, dir: string, decode: string[]): Promise<{ wer: number; cer: number }> {
  const files = (await readdir(dir)).filter((f) => f.endsWith('.flac')).map((f) => path.join(dir, f));
  const hyp = path.join(await mkdtemp(path.join(tmpdir(), 'kielo-score-asr-')), 'hyp.trn');
  await kielo(['transcribe', '--model', model, ...decode, '--trn', hyp, ...files]);
  const ref = path.join(dir, 'ref.trn');
  const scored = await kielo(['wer', '--ref', ref, '--hyp', hyp, '--cer']) as { wer: number; cer: { cer: number } };
  return { wer: scored.wer, cer: scored.cer.cer };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { model: { type: 'string', multiple: true }, set: { type: 'string', multiple: true },
    words: { type: 'string', default: path.join(REPO_ROOT, 'assets/demo/models/asr/digits.txt') } } });
  if (!values.model?.length || !values.set?.length) throw new Error('--model M and --set NAME=DIR are required');
  const pct = (x: number): string => `${(100 * x).toFixed(2)}%`;
  console.log('| model | set | WER greedy | CER greedy | WER beam 16 + word list |');
  console.log('|---|---|---|---|---|');
  for (const model of values.model) {
    for (const spec of values.set) {
      const at = spec.indexOf('=');
      const [name, dir] = [spec.slice(0, at), spec.slice(at + 1)];
      const greedy = await score(model, dir, []);
      const beam = await score(model, dir, ['--beam', '16', '--words', values.words]);
      console.log(`| ${path.basename(model)} | ${name} | ${pct(greedy.wer)} | ${pct(greedy.cer)} | ${pct(beam.wer)} |`);
    }
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}

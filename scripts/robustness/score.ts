// Scores LID models on held-out sets and prints one markdown table: accuracy, balanced accuracy (mean per-class
// recall: the sets are not balanced), ECE, and coverage/accuracy of the answered clips, per set; for a set with a
// manifest source column, also per source. Each score is `kielo eval --json` (a manifest split column limits it to the test split).
// Usage: tsx scripts/robustness/score.ts --model M [--model M2 ...] --set NAME=DIR [--set ...] [--json OUT.json]
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { readManifest } from '../../src/datasets/manifest';

const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const run = promisify(execFile);

interface EvalJson {
  n: number;
  accuracy: number;
  perClass: Record<string, { recall: number; support: number }>;
  ece: number;
  answered: { coverage: number; accuracy: number };
  byGroup?: Record<string, { n: number; accuracy: number }>;
}

/** One model on one set. */
export interface SetScore {
  model: string;
  set: string;
  n: number;
  accuracy: number;
  balancedAccuracy: number;
  ece: number;
  coverage: number;
  answeredAccuracy: number;
  bySource?: Record<string, { n: number; accuracy: number }>;
}

/** Mean recall over the classes the set has. */
export function balancedAccuracy(perClass: EvalJson['perClass']): number {
  const present = Object.values(perClass).filter((c) => c.support > 0);
  return present.reduce((sum, c) => sum + c.recall, 0) / present.length;
}

async function score(model: string, set: string, dir: string): Promise<SetScore> {
  const bySource = (await readManifest(dir))?.columns.includes('source') ?? false;
  const args = [path.join(REPO_ROOT, 'bin/kielo.mjs'), 'eval', '--model', model, '--data', dir, '--split', 'auto', '--json',
    ...(bySource ? ['--group-by', 'source'] : [])];
  const { stdout } = await run('node', args, { maxBuffer: 64 << 20 });
  const e = JSON.parse(stdout) as EvalJson;
  return { model, set, n: e.n, accuracy: e.accuracy, balancedAccuracy: balancedAccuracy(e.perClass), ece: e.ece,
    coverage: e.answered.coverage, answeredAccuracy: e.answered.accuracy,
    bySource: e.byGroup && Object.keys(e.byGroup).length > 1 ? e.byGroup : undefined };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { model: { type: 'string', multiple: true }, set: { type: 'string', multiple: true }, json: { type: 'string' } } });
  if (!values.model?.length || !values.set?.length) throw new Error('--model M and --set NAME=DIR are required');
  const sets = values.set.map((s) => {
    const at = s.indexOf('=');
    if (at < 1) throw new Error(`--set ${s}: expected NAME=DIR`);
    return { name: s.slice(0, at), dir: s.slice(at + 1) };
  });
  const scores: SetScore[] = [];
  const pct = (x: number): string => `${(100 * x).toFixed(1)}%`;
  console.log('| model | set | n | accuracy | balanced | ECE | answered (coverage, accuracy) | by source |');
  console.log('|---|---|---|---|---|---|---|---|');
  for (const model of values.model) {
    for (const set of sets) {
      const s = await score(model, set.name, set.dir);
      scores.push(s);
      const sources = s.bySource ? Object.entries(s.bySource).map(([k, v]) => `${k} ${pct(v.accuracy)} (${v.n})`).join(', ') : '';
      console.log(`| ${path.basename(model)} | ${set.name} | ${s.n} | ${pct(s.accuracy)} | ${pct(s.balancedAccuracy)} | ${s.ece.toFixed(3)} | ${pct(s.coverage)}, ${pct(s.answeredAccuracy)} | ${sources} |`);
    }
  }
  if (values.json) await writeFile(values.json, JSON.stringify(scores, null, 2));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error: unknown) => {
    console.error((error as Error).message);
    process.exit(1);
  });
}

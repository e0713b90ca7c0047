/** `kielo eval --model MODEL --data DIR`: scores a LID model on a labelled folder. */
import type { CliCommand } from '../command';
import { initEngine, parseEngineName } from '../../engine';
import { evaluateLid, loadLid, type LidEvaluation } from '../../train/lid-infer';
import { UsageError } from '../../util/errors';

function pct(x: number | null): string {
  return x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`;
}

function human(r: LidEvaluation): string {
  const lines = [`${r.n} files (${r.split === 'test' ? "the manifest's test split" : 'all files'}): accuracy ${pct(r.accuracy)}, EER ${pct(r.eer)}, Cavg ${r.cavg?.toFixed(3) ?? 'n/a'}`];
  const width = Math.max(...r.labels.map((l) => l.length), 6);
  lines.push(`${'actual'.padEnd(width)}  ${r.labels.map((l) => l.padStart(5)).join(' ')}   recall  precision`);
  r.confusion.forEach((row, i) => {
    const c = r.perClass[r.labels[i]];
    lines.push(`${r.labels[i].padEnd(width)}  ${row.map((v) => String(v).padStart(5)).join(' ')}   ${pct(c.recall).padStart(6)}  ${pct(c.precision).padStart(9)}`);
  });
  for (const [group, g] of Object.entries(r.byDuration)) lines.push(`${group}: ${g.n} files, accuracy ${pct(g.accuracy)}`);
  return lines.join('\n');
}

export const command: CliCommand = {
  name: 'eval',
  summary: 'score a language identifier on a labelled folder',
  usage: '--model MODEL --data DIR [--split auto|all] [--engine wasm|cpu|node]',
  help: [
    'Classifies every file of DIR/<label>/* (whole files) and reports accuracy, the confusion matrix (rows: actual),',
    "per-class precision and recall, pooled EER and closed-set Cavg (NIST LRE, Cmiss = Cfa = 1, Ptarget = 0.5, argmax",
    "decisions), overall and by duration (<=3 s, 3-10 s, >10 s). With --split auto (default) a DIR/manifest.tsv split",
    'column limits scoring to its test files. A file that cannot be read is reported (exit 2); the rest are scored.',
    '',
    'JSON: {n, accuracy, labels, confusion, eer, cavg, perClass: {label: {precision, recall, support}}, byDuration, split}',
  ].join('\n'),
  options: { model: { type: 'string' }, data: { type: 'string' }, split: { type: 'string' }, engine: { type: 'string' } },
  async run(ctx) {
    const { model, data, split, engine } = ctx.args.values as Record<string, string | undefined>;
    if (!model) throw new UsageError('--model MODEL is required');
    if (!data) throw new UsageError('--data DIR is required');
    if (split !== undefined && split !== 'auto' && split !== 'all') throw new UsageError(`--split must be auto or all, got '${split}'`);
    await initEngine(engine === undefined || engine === 'auto' ? 'auto' : parseEngineName(engine));
    const lid = await loadLid(model);
    const report = await evaluateLid(lid, data, {
      split: split as 'auto' | 'all' | undefined,
      onBadFile: (file, reason) => ctx.reportBadInput(file, reason),
      onProgress: (done, total) => {
        if (done % 50 === 0 || done === total) ctx.progress(`scored ${done}/${total}`);
      },
    });
    const { failed: _failed, ...result } = report;
    ctx.output(result, human as (r: never) => string);
  },
};

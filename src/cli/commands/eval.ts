/** `kielo eval --model MODEL --data DIR`: scores a LID model on a labelled folder (src/jobs 'eval', in a worker). */
import type { CliCommand } from '../command';
import { engineHelp, engineOption, engineSpec } from '../engine-option';
import { groupOptions } from '../group-options';
import { enumOption, flagOption, noPositionals, numberOption, required, stringOption } from '../options';
import { threadsHelp, threadsOption, threadsSpec } from '../threads-option';
import { vadHelp, vadOption, vadSpec } from '../vad-option';
import { runJob, type TaskParams } from '../../jobs';
import { DEFAULT_MIN_CONFIDENCE, type LidEvaluation } from '../../train/lid-infer';

/** Groups listed one per line in the human report (the worst first); --json has them all. */
const GROUP_LINES = 20;

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
  const num = (x: number | null) => x?.toFixed(3) ?? 'n/a';
  lines.push(
    `calibration (temperature ${r.temperature.toFixed(3)}${r.temperature === 1 ? ': the model has none' : ''}): ECE ${num(r.ece)}, NLL ${num(r.nll)}` +
      `${r.temperature === 1 ? '' : ` (uncalibrated: ECE ${num(r.uncalibrated.ece)}, NLL ${num(r.uncalibrated.nll)})`}`,
  );
  lines.push(
    `answered (speech, top posterior >= ${r.answered.minConfidence}): ${r.answered.n} of ${r.n} files (coverage ${pct(r.answered.coverage)}), ` +
      `accuracy ${pct(r.answered.accuracy)}; ${r.n - r.speechFiles} file${r.n - r.speechFiles === 1 ? '' : 's'} taken for no speech`,
  );
  if (r.byGroup) {
    const groups = Object.entries(r.byGroup).sort(([, a], [, b]) => a.accuracy - b.accuracy);
    const mean = groups.reduce((sum, [, g]) => sum + g.accuracy, 0) / (groups.length || 1);
    lines.push(`by ${r.groupBy} (${r.groupsFrom}): ${groups.length} ${r.groupBy}s, mean accuracy ${pct(mean)}${groups.length > GROUP_LINES ? `; the ${GROUP_LINES} lowest:` : ''}`);
    for (const [name, g] of groups.slice(0, GROUP_LINES)) lines.push(`  ${name} (${g.labels.join(', ')}): ${g.n} file${g.n === 1 ? '' : 's'}, accuracy ${pct(g.accuracy)}`);
  }
  const skipped = Object.entries(r.skippedLabels);
  if (skipped.length) lines.push(`skipped ${skipped.length} label folders the model does not know: ${skipped.map(([l, n]) => `${l} (${n})`).join(', ')}`);
  return lines.join('\n');
}

export const command: CliCommand = {
  name: 'eval',
  usage: '--model MODEL --data DIR [--split auto|all] [--skip-unknown-labels] [--group-by speaker|source] [--min-confidence P] [--vad kielo|silero] [--engine E] [--threads N]',
  help: [
    'Classifies every file of DIR/<label>/* (whole files) and reports accuracy, the confusion matrix (rows: actual),',
    "per-class precision and recall, pooled EER and closed-set Cavg (NIST LRE, Cmiss = Cfa = 1, Ptarget = 0.5, argmax",
    "decisions), overall and by duration (<=3 s, 3-10 s, >10 s). With --split auto (default) a DIR/manifest.tsv split",
    'column limits scoring to its test files. A file that cannot be read is reported (exit 2); the rest are scored.',
    "Label folders the model does not know are an error before anything is decoded, unless --skip-unknown-labels.",
    'Posteriors are calibrated by the model\'s temperature (1 when it has none); ece is the top-label expected',
    'calibration error (15 equal-width bins), nll the mean negative log-likelihood, and uncalibrated the same for',
    "the model's own posteriors. answered: the files classify gives a label to (speech, top posterior >=",
    '--min-confidence), their share (coverage) and accuracy. Files are classified in worker threads (--threads).',
    '',
    '  --model MODEL     model directory (from kielo train lid)',
    '  --data DIR        labelled folder DIR/<label>/*',
    '  --split S         auto (the manifest\'s test split when there is one; default) or all',
    "  --skip-unknown-labels  score only the label folders the model knows; the others are listed as skipped",
    '  --group-by G      also report accuracy per speaker or source: the group of a file is --group-pattern\'s',
    "                    capture, else DIR/manifest.tsv's speaker (or voice) / source column, else DIR/<label>/<group>/",
    '  --group-pattern RE  regular expression matched against the path under DIR; its first (...) is the group',
    `  --min-confidence P  threshold of answered, 0..1 (default ${DEFAULT_MIN_CONFIDENCE}, as classify's)`,
    vadHelp.replace('speech detector,', 'speech detector of answered,'),
    engineHelp,
    threadsHelp,
    '',
    'JSON: {n, accuracy, labels, confusion, eer, cavg, perClass: {label: {precision, recall, support}}, byDuration, split,',
    '       skippedLabels: {label: files}, temperature, ece, nll, uncalibrated: {ece, nll}, speechFiles,',
    '       answered: {minConfidence, n, coverage, accuracy}, failed: [{file, reason}],',
    '       files: [{file, label, predicted, confidence}] (every scored file),',
    '       with --group-by also groupBy, groupsFrom, byGroup: {group: {n, accuracy, labels}}}',
  ].join('\n'),
  options: {
    model: { type: 'string' },
    data: { type: 'string' },
    split: { type: 'string' },
    'skip-unknown-labels': { type: 'boolean' },
    'group-by': { type: 'string' },
    'group-pattern': { type: 'string' },
    'min-confidence': { type: 'string' },
    ...vadSpec,
    ...engineSpec,
    ...threadsSpec,
  },
  async run(ctx) {
    const { values, positionals } = ctx.args;
    noPositionals(positionals, 'give the folder with --data');
    const params: TaskParams<'eval'> = {
      model: required(stringOption(values, 'model'), '--model MODEL'),
      data: required(stringOption(values, 'data'), '--data DIR'),
      split: enumOption(values, 'split', ['auto', 'all'] as const),
      skipUnknownLabels: flagOption(values, 'skip-unknown-labels') || undefined,
      ...groupOptions(values, ['speaker', 'source'] as const),
      minConfidence: numberOption(values, 'min-confidence', { min: 0, max: 1 }),
      vad: vadOption(values),
      engine: engineOption(values),
      threads: threadsOption(values),
    };
    const report = await runJob('eval', params, {
      signal: ctx.signal,
      onEvent: (event) => {
        if (event.type === 'skipped') ctx.reportBadInput(event.file, event.reason);
        else ctx.progress.update(event.done, event.total, `scored ${event.done}/${event.total}`, { lineEvery: 50 });
      },
    });
    const { failed: _failed, ...result } = report;
    ctx.output(result, human as (r: never) => string);
  },
};

/**
 * `kielo crossval --data DIR --group-by speaker|source`: leave-one-group-out cross-validation of the LID recipe. Each
 * fold trains on the other groups (src/jobs 'train-lid' with holdOut) and scores the held-out ones (src/jobs 'eval'),
 * so a model that learnt speakers or channels instead of languages shows as a gap between held-out and seen accuracy.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { CliCommand, CommandContext } from '../command';
import { noPositionals, numberOption, stringOption } from '../options';
import { trainHelp, trainProgress, trainSpec, type TrainCommandInfo } from '../train-options';
import { describeValidation, lidHelp, lidSpec, trainLidOptions } from './train-lid';
import { groupsOf, itemsOfSplit, readLabelledSet } from '../../datasets';
import { runJob } from '../../jobs';
import { defaultTrainLidOptions as defaults } from '../../train/lid';
import type { LidEvaluation } from '../../train/lid-infer';
import { UsageError } from '../../util/errors';

/** Folds without --folds: one per group, up to this many (more groups are dealt round-robin into them). */
export const DEFAULT_MAX_FOLDS = 10;

const info: TrainCommandInfo = {
  data: 'a folder of DIR/<label>/*.wav|flac|mp3|ogg',
  out: "keep each fold's model in MODEL/fold-K (default: a temporary folder, removed at the end)",
  checkpointDefault: 'MODEL/fold-K/checkpoint',
};

/** One fold's outcome. */
export interface CrossvalFold {
  fold: number;
  /** The groups held out of training and scored. */
  heldOut: string[];
  /** Held-out files scored, and the accuracy on them (null when none could be scored). */
  n: number;
  accuracy: number | null;
  /** Accuracy on the training groups' files (the model has seen their speakers or sources), for the gap. */
  seenAccuracy: number | null;
  trainFiles: number;
  valFiles: number;
  epochs: number;
  /** The fold's model folder with --out, else null (removed). */
  model: string | null;
}

/** The command's result (its --json). */
export interface CrossvalResult {
  groupBy: 'speaker' | 'source';
  groupsFrom: string;
  groups: number;
  folds: CrossvalFold[];
  /** Mean, sample standard deviation, min and max of the folds' held-out accuracies (folds with none scored left out). */
  mean: number | null;
  std: number | null;
  min: number | null;
  max: number | null;
  /** Mean accuracy on the training groups, over the folds. */
  seenMean: number | null;
}

/** The groups dealt into `k` folds: sorted, group i into fold i mod k. */
export function foldsOf(groups: readonly string[], k: number): string[][] {
  const sorted = [...new Set(groups)].sort();
  const folds: string[][] = Array.from({ length: Math.min(k, sorted.length) }, () => []);
  sorted.forEach((g, i) => folds[i % folds.length].push(g));
  return folds;
}

/** Files and accuracy over some groups of an evaluation's byGroup (weighted by files). */
function pooled(byGroup: LidEvaluation['byGroup'], groups: (g: string) => boolean): { n: number; accuracy: number | null } {
  const chosen = Object.entries(byGroup ?? {}).filter(([g]) => groups(g));
  const n = chosen.reduce((sum, [, v]) => sum + v.n, 0);
  return { n, accuracy: n ? chosen.reduce((sum, [, v]) => sum + v.accuracy * v.n, 0) / n : null };
}

function stats(xs: number[]): Pick<CrossvalResult, 'mean' | 'std' | 'min' | 'max'> {
  if (xs.length === 0) return { mean: null, std: null, min: null, max: null };
  const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
  const std = xs.length > 1 ? Math.sqrt(xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1)) : 0;
  return { mean, std, min: Math.min(...xs), max: Math.max(...xs) };
}

const pct = (x: number | null) => (x === null ? 'n/a' : `${(x * 100).toFixed(1)}%`);

function human(r: CrossvalResult): string {
  const lines = [`${r.folds.length} folds over ${r.groups} ${r.groupBy}s (${r.groupsFrom}):`];
  for (const f of r.folds) {
    lines.push(`  fold ${f.fold}, held out ${f.heldOut.join(', ')}: ${f.n} files, accuracy ${pct(f.accuracy)} (seen ${r.groupBy}s ${pct(f.seenAccuracy)}; trained on ${f.trainFiles} files)`);
  }
  lines.push(`held-out accuracy: mean ${pct(r.mean)}, std ${pct(r.std)} (min ${pct(r.min)}, max ${pct(r.max)}); seen ${r.groupBy}s: mean ${pct(r.seenMean)}`);
  if (r.mean !== null && r.seenMean !== null && r.seenMean - r.mean > 0.1) {
    lines.push(`the gap says the models learnt the ${r.groupBy}s more than the labels: more ${r.groupBy}s per label, or augmentation, should narrow it`);
  }
  return lines.join('\n');
}

export const command: CliCommand = {
  name: 'crossval',
  usage: '--data DIR --group-by speaker|source [--group-pattern RE] [--folds N] [--out DIR] [kielo train lid options]',
  help: [
    'Leave-one-group-out cross-validation of the LID recipe: for each fold, trains a model on every other speaker or',
    'source (as kielo train lid does, its validation also held out by --group-by) and scores it on all files of the',
    "fold's groups (as kielo eval --split all). Reports per fold the held-out accuracy beside the accuracy on the",
    "training groups' own files, and the mean and spread over folds: a large gap means the model learnt who is talking",
    'or over which channel rather than the language. With a manifest split column, training uses its train split only.',
    `Without --folds, one fold per group up to ${DEFAULT_MAX_FOLDS}; more groups are dealt round-robin (sorted by name) into the folds.`,
    'Runs in worker threads; progress on stderr.',
    '',
    `  --folds N              folds, 2..the number of groups (default: the number of groups, at most ${DEFAULT_MAX_FOLDS})`,
    '  --group-by G           speaker|source (required): what a fold holds out',
    '',
    ...trainHelp(defaults, info),
    '',
    ...lidHelp,
    '',
    'JSON: {groupBy, groupsFrom, groups, folds: [{fold, heldOut, n, accuracy, seenAccuracy, trainFiles, valFiles, epochs, model}],',
    '       mean, std, min, max, seenMean}',
  ].join('\n'),
  options: { ...trainSpec, ...lidSpec, folds: { type: 'string' } },
  async run(ctx) {
    const { values, positionals } = ctx.args;
    noPositionals(positionals, 'give the data folder with --data');
    const folds = numberOption(values, 'folds', { integer: true, min: 2, max: 1000 });
    const out = stringOption(values, 'out');
    const base = trainLidOptions({ ...values, out: out ?? 'MODEL' });
    const groupBy = base.groupBy;
    if (groupBy !== 'speaker' && groupBy !== 'source') throw new UsageError('--group-by speaker|source is required: it is what each fold holds out');
    const set = await readLabelledSet(base.data);
    const items = itemsOfSplit(set, 'all');
    const { groups, origin } = await groupsOf(base.data, items, groupBy, base.groupPattern);
    const distinct = [...new Set(groups)];
    if (distinct.length < 2) throw new UsageError(`cross-validation needs at least 2 ${groupBy}s, ${base.data} has ${distinct.length} (${origin})`);
    if (folds !== undefined && folds > distinct.length) throw new UsageError(`--folds ${folds} is more than the ${distinct.length} ${groupBy}s`);
    const plan = foldsOf(distinct, folds ?? Math.min(distinct.length, DEFAULT_MAX_FOLDS));

    // a file that cannot be read is reported once, not by every fold's training and scoring
    const reported = new Set<string>();
    const fctx: CommandContext = {
      ...ctx,
      reportBadInput: (file, reason) => {
        if (!reported.has(file)) ctx.reportBadInput(file, reason);
        reported.add(file);
      },
    };
    const root = out ?? (await mkdtemp(join(tmpdir(), 'kielo-crossval-')));
    const results: CrossvalFold[] = [];
    try {
      for (const [k, heldOut] of plan.entries()) {
        const fold = k + 1;
        const held = new Set(heldOut);
        for (const label of set.labels) {
          if (items.every((item, i) => item.label !== label || held.has(groups[i]))) ctx.progress.log(`warning: fold ${fold} holds out every ${groupBy} of ${label}, so its model cannot learn ${label}`);
        }
        ctx.progress.log(`fold ${fold}/${plan.length}: holding out ${groupBy} ${heldOut.join(', ')}`);
        const model = join(root, `fold-${fold}`);
        const trained = await runJob(
          'train-lid',
          { ...base, out: model, holdOut: heldOut, checkpointDir: base.checkpointDir === undefined ? undefined : join(base.checkpointDir, `fold-${fold}`) },
          { signal: ctx.signal, onEvent: trainProgress(fctx, describeValidation) },
        );
        const report = await runJob(
          'eval',
          { model, data: base.data, split: 'all', groupBy, groupPattern: base.groupPattern, engine: base.engine },
          {
            signal: ctx.signal,
            onEvent: (event) => {
              if (event.type === 'skipped') fctx.reportBadInput(event.file, event.reason);
              else ctx.progress.update(event.done, event.total, `fold ${fold}: scored ${event.done}/${event.total}`, { lineEvery: 0 });
            },
          },
        );
        const scored = pooled(report.byGroup, (g) => held.has(g));
        const seen = pooled(report.byGroup, (g) => !held.has(g));
        const result: CrossvalFold = {
          fold, heldOut, n: scored.n, accuracy: scored.accuracy, seenAccuracy: seen.accuracy,
          trainFiles: trained.trainFiles, valFiles: trained.valFiles, epochs: trained.epochs, model: out === undefined ? null : model,
        };
        ctx.progress.log(`fold ${fold}: held-out accuracy ${pct(result.accuracy)} on ${result.n} files, seen ${groupBy}s ${pct(result.seenAccuracy)}`);
        results.push(result);
      }
    } finally {
      if (out === undefined) await rm(root, { recursive: true, force: true });
    }
    const accuracies = results.map((f) => f.accuracy).filter((a): a is number => a !== null);
    const seenAccuracies = results.map((f) => f.seenAccuracy).filter((a): a is number => a !== null);
    const result: CrossvalResult = {
      groupBy, groupsFrom: origin, groups: distinct.length, folds: results, ...stats(accuracies), seenMean: stats(seenAccuracies).mean,
    };
    ctx.output(result, human as (r: never) => string);
  },
};

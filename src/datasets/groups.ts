/**
 * Groups of a labelled set's files (speakers, sources) and the validation split that holds out whole groups.
 *
 * A file's group comes from, in this order: a pattern (a regular expression with a capture group, matched against
 * the file's path relative to DIR, e.g. `^[^/]+/([^_]+)_` for DIR/<label>/<speaker>_*.wav); else DIR/manifest.tsv's
 * column of that name (speaker: `speaker`, else `voice`; source: `source`); else the first folder below the label
 * folder (DIR/<label>/<group>/...). A group name is one group across labels: a source or speaker found in several
 * label folders is held out of training in all of them.
 */
import { shuffleInPlace, type Rng } from '../util/random';
import { UsageError } from '../util/errors';
import type { LabelledItem } from './labelled';
import { MANIFEST_FILE, manifestKey, readManifest } from './manifest';

/** What validation holds out whole: single files (a random split), speakers, or sources. */
export const GROUP_BY = ['file', 'speaker', 'source'] as const;
/** One way of grouping files for the validation split. */
export type GroupBy = (typeof GROUP_BY)[number];

/** The manifest columns a grouping reads, the first present wins. */
export const GROUP_COLUMNS: Record<Exclude<GroupBy, 'file'>, readonly string[]> = { speaker: ['speaker', 'voice'], source: ['source'] };

/** The groups of a set's items, and where they were read from (for logs and reports). */
export interface ItemGroups {
  /** groups[i] is items[i]'s group. */
  groups: string[];
  /** Where the groups came from, e.g. "manifest column 'speaker'". */
  origin: string;
}

/** Compiles a group pattern; UsageError when it is not a regular expression with a capture group. */
export function compileGroupPattern(pattern: string): RegExp {
  let re: RegExp;
  try {
    re = new RegExp(pattern);
  } catch (error) {
    throw new UsageError(`group pattern ${pattern}: ${(error as Error).message}`);
  }
  if (new RegExp(`${pattern}|`).exec('')!.length < 2) throw new UsageError(`group pattern ${pattern} has no capture group: put the speaker or source part of the path in (...)`);
  return re;
}

/** The first folder below the label folder: 'en/spk1/a.wav' -> 'spk1'; undefined for a file directly in it. */
function firstFolder(rel: string): string | undefined {
  const parts = rel.split('/');
  return parts.length >= 3 ? parts[1] : undefined;
}

/**
 * The group of each item of the set in `dir` (see the file's doc for where it is read). groupBy 'file' makes each
 * file its own group. UsageError naming how many files have no group, with an example and the ways to give one.
 */
export async function groupsOf(dir: string, items: LabelledItem[], groupBy: GroupBy, pattern?: string): Promise<ItemGroups> {
  const rels = items.map((item) => manifestKey(dir, item.file));
  if (groupBy === 'file') return { groups: rels, origin: 'each file' };
  let of: (rel: string) => string | undefined;
  let origin: string;
  if (pattern !== undefined) {
    const re = compileGroupPattern(pattern);
    of = (rel) => re.exec(rel)?.slice(1).find((g) => g !== undefined && g !== '');
    origin = `pattern ${pattern}`;
  } else {
    const manifest = await readManifest(dir);
    const column = GROUP_COLUMNS[groupBy].find((c) => manifest?.columns.includes(c));
    if (manifest && column) {
      of = (rel) => manifest.rows.get(rel)?.[column] || undefined;
      origin = `${MANIFEST_FILE} column '${column}'`;
    } else {
      of = firstFolder;
      origin = 'the first folder below each label folder';
    }
  }
  const groups = rels.map(of);
  const missing = rels.filter((_, i) => groups[i] === undefined);
  if (missing.length > 0) {
    throw new UsageError(
      `${missing.length} of ${rels.length} files have no ${groupBy} in ${origin} (e.g. ${missing[0]}): ` +
        `give a ${MANIFEST_FILE} column '${GROUP_COLUMNS[groupBy][0]}', a group pattern with a capture group, or DIR/<label>/<${groupBy}>/ folders`,
    );
  }
  return { groups: groups as string[], origin };
}

/** A validation split by whole groups. */
export interface GroupedSplit {
  train: LabelledItem[];
  val: LabelledItem[];
  /** Groups held out for validation, sorted. */
  valGroups: string[];
  /** Groups in the set. */
  groupCount: number;
  /** Labels whose groups did not allow a validation part, worded for a log. */
  warnings: string[];
}

/**
 * Splits items into train and validation by whole groups (groups[i] is items[i]'s group), stratified by label as far
 * as the groups allow: groups are taken in a random order (`rng`) when they bring each label's validation share
 * nearer to `fraction` of its files, and each label with two or more groups gets at least one; no group is taken
 * that would leave a label nothing to train on. A label whose files are all one group only trains (a warning says
 * so). `noun` names a group in the warnings ('speaker').
 */
export function groupedSplit(items: LabelledItem[], groups: string[], fraction: number, rng: Rng, noun = 'group'): GroupedSplit {
  if (!(fraction >= 0 && fraction < 1)) throw new RangeError(`validation fraction must be in [0, 1), got ${fraction}`);
  if (groups.length !== items.length) throw new RangeError(`${groups.length} groups for ${items.length} items`);
  const labels = [...new Set(items.map((i) => i.label))].sort();
  const total = new Map(labels.map((l) => [l, 0]));
  const byGroup = new Map<string, Map<string, number>>();
  items.forEach((item, i) => {
    total.set(item.label, total.get(item.label)! + 1);
    const counts = byGroup.get(groups[i]) ?? new Map<string, number>();
    counts.set(item.label, (counts.get(item.label) ?? 0) + 1);
    byGroup.set(groups[i], counts);
  });
  const target = new Map(labels.map((l) => [l, total.get(l)! * fraction]));
  const trainGroups = new Map(labels.map((l) => [l, 0]));
  for (const counts of byGroup.values()) for (const l of counts.keys()) trainGroups.set(l, trainGroups.get(l)! + 1);
  const valFiles = new Map(labels.map((l) => [l, 0]));
  const held = new Set<string>();
  const order = shuffleInPlace([...byGroup.keys()].sort(), rng);
  const canHold = (g: string) => [...byGroup.get(g)!.keys()].every((l) => trainGroups.get(l)! >= 2);
  /** How much holding g out changes the distance of every label's validation files from its target. */
  const change = (g: string) =>
    [...byGroup.get(g)!].reduce((sum, [l, c]) => sum + Math.abs(valFiles.get(l)! + c - target.get(l)!) - Math.abs(valFiles.get(l)! - target.get(l)!), 0);
  const hold = (g: string) => {
    held.add(g);
    for (const [l, c] of byGroup.get(g)!) {
      valFiles.set(l, valFiles.get(l)! + c);
      trainGroups.set(l, trainGroups.get(l)! - 1);
    }
  };
  const warnings: string[] = [];
  if (fraction > 0) {
    for (const g of order) if (canHold(g) && change(g) < 0) hold(g);
    for (const l of labels) {
      if (valFiles.get(l)! > 0) continue;
      const mine = order.filter((g) => byGroup.get(g)!.has(l));
      if (mine.length < 2) {
        warnings.push(`label ${l}: all ${total.get(l)} files are one ${noun} (${mine[0]}), so none of them validate`);
        continue;
      }
      const candidates = mine.filter((g) => !held.has(g) && canHold(g));
      if (candidates.length === 0) {
        warnings.push(`label ${l}: no ${noun} can be held out without leaving another label none to train on, so none of its files validate`);
        continue;
      }
      hold(candidates.reduce((best, g) => (change(g) < change(best) ? g : best)));
    }
  }
  const train: LabelledItem[] = [];
  const val: LabelledItem[] = [];
  items.forEach((item, i) => (held.has(groups[i]) ? val : train).push(item));
  return { train, val, valGroups: [...held].sort(), groupCount: byGroup.size, warnings };
}

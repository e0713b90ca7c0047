/**
 * Labelled classification sets (DIR/<label>/**): listing with an optional manifest split, and a validation split
 * by file, stratified by label.
 */
import { listLabelledFiles } from '../audio';
import { shuffleInPlace, type Rng } from '../util/random';
import { InputFileError } from '../util/errors';
import { manifestKey, readManifest } from './manifest';

/** One file of a labelled set. */
export interface LabelledItem {
  /** Path of the audio file. */
  file: string;
  /** Its class (the folder name under DIR). */
  label: string;
  /** 'train' | 'test' from DIR/manifest.tsv's split column, when the set has one. */
  split?: string;
}

/** A labelled set: its files, and its labels sorted (the model's output order). */
export interface LabelledSet {
  dir: string;
  items: LabelledItem[];
  labels: string[];
  /** Whether DIR/manifest.tsv gave a split for the files. */
  hasSplit: boolean;
}

/** Lists DIR/<label>/** (at least two labels), attaching manifest.tsv's split column when present. */
export async function readLabelledSet(dir: string): Promise<LabelledSet> {
  const files = await listLabelledFiles(dir);
  const labels = [...new Set(files.map((f) => f.label))].sort();
  if (labels.length < 2) throw new InputFileError(dir, `a labelled set needs at least 2 label folders with audio, found ${labels.length}`);
  const manifest = await readManifest(dir, ['split']);
  const rows = manifest?.columns.includes('split') ? manifest.rows : null;
  const items = files.map(({ file, label }): LabelledItem => {
    const split = rows?.get(manifestKey(dir, file))?.split;
    return split ? { file, label, split } : { file, label };
  });
  return { dir, items, labels, hasSplit: items.some((i) => i.split !== undefined) };
}

/** The items of one manifest split ('train' or 'test'); all items when the set has no split. */
export function itemsOfSplit(set: LabelledSet, split: 'train' | 'test' | 'all'): LabelledItem[] {
  if (split === 'all' || !set.hasSplit) return set.items;
  return set.items.filter((i) => i.split === split);
}

/**
 * Splits items by file into train and validation, stratified by label: each label keeps round(n * fraction)
 * files for validation (at least 1 when it has 2 or more files and fraction > 0), chosen by `rng`.
 */
export function stratifiedSplit(items: LabelledItem[], fraction: number, rng: Rng): { train: LabelledItem[]; val: LabelledItem[] } {
  if (!(fraction >= 0 && fraction < 1)) throw new RangeError(`validation fraction must be in [0, 1), got ${fraction}`);
  const byLabel = new Map<string, LabelledItem[]>();
  for (const item of items) byLabel.set(item.label, [...(byLabel.get(item.label) ?? []), item]);
  const train: LabelledItem[] = [];
  const val: LabelledItem[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const group = shuffleInPlace([...byLabel.get(label)!], rng);
    const nVal = fraction === 0 || group.length < 2 ? 0 : Math.min(group.length - 1, Math.max(1, Math.round(group.length * fraction)));
    val.push(...group.slice(0, nVal));
    train.push(...group.slice(nVal));
  }
  return { train, val };
}

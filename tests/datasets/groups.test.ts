/** Grouped validation splits (whole speakers or sources held out), where groups are read from, and duplicate files. */
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWav } from '../../src/audio';
import { compileGroupPattern, findDuplicates, groupedSplit, groupsOf, readLabelledSet, type LabelledItem } from '../../src/datasets';
import { makeRng } from '../../src/util/random';

/** `perGroup` items of each label for each of its groups: {label: [group, ...]}. */
function itemsOf(spec: Record<string, string[]>, perGroup: number): { items: LabelledItem[]; groups: string[] } {
  const items: LabelledItem[] = [];
  const groups: string[] = [];
  for (const [label, names] of Object.entries(spec)) {
    for (const g of names) {
      for (let k = 0; k < perGroup; k++) {
        items.push({ file: `${label}/${g}/${k}.wav`, label });
        groups.push(g);
      }
    }
  }
  return { items, groups };
}

describe('groupedSplit', () => {
  it('holds out whole groups, none on both sides, stratified by label as far as the groups allow', () => {
    const { items, groups } = itemsOf({ en: ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'], fr: ['k', 'l', 'm', 'n', 'o'] }, 4);
    const split = groupedSplit(items, groups, 0.2, makeRng(3), 'speaker');
    const valGroups = new Set(split.val.map((i) => i.file.split('/')[1]));
    const trainGroups = new Set(split.train.map((i) => i.file.split('/')[1]));
    expect([...valGroups].filter((g) => trainGroups.has(g))).toEqual([]);
    expect(split.valGroups).toEqual([...valGroups].sort());
    expect(split.groupCount).toBe(15);
    // 20% of en's 10 speakers is 2, of fr's 5 is 1
    expect(split.val.filter((i) => i.label === 'en')).toHaveLength(8);
    expect(split.val.filter((i) => i.label === 'fr')).toHaveLength(4);
    expect(split.train.length + split.val.length).toBe(60);
    expect(split.warnings).toEqual([]);
    expect(groupedSplit(items, groups, 0.2, makeRng(3), 'speaker')).toEqual(split);
    expect(groupedSplit(items, groups, 0.2, makeRng(4), 'speaker').valGroups).not.toEqual(split.valGroups);
  });

  it('gives each label with two or more groups at least one, and says when a label has a single group', () => {
    const { items, groups } = itemsOf({ en: ['a', 'b'], fi: ['solo'], ru: ['x', 'y', 'z'] }, 3);
    const split = groupedSplit(items, groups, 0.1, makeRng(1), 'speaker');
    expect(split.val.filter((i) => i.label === 'en')).toHaveLength(3);
    expect(split.val.filter((i) => i.label === 'ru')).toHaveLength(3);
    expect(split.val.filter((i) => i.label === 'fi')).toHaveLength(0);
    expect(split.warnings).toEqual(['label fi: all 3 files are one speaker (solo), so none of them validate']);
    expect(groupedSplit(items, groups, 0, makeRng(1)).val).toEqual([]);
  });

  it('holds a group found in several labels out of all of them, and never takes a label\'s last training group', () => {
    // source 'radio' speaks en and fr; fr has only one other source
    const items: LabelledItem[] = [];
    const groups: string[] = [];
    const add = (label: string, group: string, n: number) => {
      for (let k = 0; k < n; k++) {
        items.push({ file: `${label}/${group}${k}.wav`, label });
        groups.push(group);
      }
    };
    add('en', 'radio', 5);
    add('fr', 'radio', 5);
    add('en', 'tv', 5);
    add('en', 'web', 5);
    add('fr', 'tv', 5);
    for (let seed = 1; seed <= 10; seed++) {
      const split = groupedSplit(items, groups, 0.3, makeRng(seed), 'source');
      const sides = (g: string) => new Set([...split.train.filter((i) => i.file.includes(`/${g}`)).map(() => 't'), ...split.val.filter((i) => i.file.includes(`/${g}`)).map(() => 'v')]);
      for (const g of ['radio', 'tv', 'web']) expect(sides(g).size).toBe(1);
      expect(split.train.some((i) => i.label === 'fr')).toBe(true);
      expect(split.train.some((i) => i.label === 'en')).toBe(true);
      expect(split.val.length).toBeGreaterThan(0);
    }
  });

  it('refuses a bad fraction', () => {
    expect(() => groupedSplit([], [], 1, makeRng(1))).toThrow(/fraction must be in \[0, 1\), got 1/);
  });
});

describe('groupsOf', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kielo-groups-'));
    const tone = Float32Array.from({ length: 800 }, (_, i) => 0.3 * Math.sin(i / 3));
    let level = 0;
    for (const label of ['en', 'fi']) {
      for (const speaker of ['s1', 's2']) {
        await mkdir(join(dir, label, speaker), { recursive: true });
        for (let k = 0; k < 2; k++) await writeWav(join(dir, label, speaker, `${speaker}_${k}.wav`), tone.map((x) => x * (1 + 0.1 * level++)), 16000);
      }
    }
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('reads the first folder below the label folder by default, a pattern\'s capture, or the manifest\'s column', async () => {
    const set = await readLabelledSet(dir);
    const folders = await groupsOf(dir, set.items, 'speaker');
    expect(folders.origin).toBe('the first folder below each label folder');
    expect(folders.groups).toEqual(set.items.map((i) => i.file.split('/').at(-2)));
    const pattern = await groupsOf(dir, set.items, 'speaker', '^([^/]+)/[^/]+/s\\d_(\\d)');
    expect(pattern.groups).toEqual(set.items.map((i) => i.label));
    expect(pattern.origin).toBe('pattern ^([^/]+)/[^/]+/s\\d_(\\d)');
    const rows = set.items.map((i, k) => `${i.file.slice(dir.length + 1)}\t${i.label}\tspk${k % 3}`);
    await writeFile(join(dir, 'manifest.tsv'), `file\tlabel\tspeaker\n${rows.join('\n')}\n`);
    const manifest = await groupsOf(dir, set.items, 'speaker');
    expect(manifest).toEqual({ groups: set.items.map((_, k) => `spk${k % 3}`), origin: "manifest.tsv column 'speaker'" });
    // no source column: back to folders
    expect((await groupsOf(dir, set.items, 'source')).origin).toBe('the first folder below each label folder');
    expect((await groupsOf(dir, set.items, 'file')).groups).toHaveLength(8);
    await rm(join(dir, 'manifest.tsv'));
  });

  it('says how many files have no group and how to give one', async () => {
    const flat = await mkdtemp(join(tmpdir(), 'kielo-flat-'));
    for (const label of ['a', 'b']) {
      await mkdir(join(flat, label));
      await writeWav(join(flat, label, 'x.wav'), new Float32Array(800).fill(0.1), 16000);
    }
    const set = await readLabelledSet(flat);
    await expect(groupsOf(flat, set.items, 'speaker')).rejects.toThrow(/2 of 2 files have no speaker in the first folder below each label folder \(e\.g\. a\/x\.wav\): give a manifest\.tsv column 'speaker'/);
    await expect(groupsOf(flat, set.items, 'speaker', 'nomatch(\\d)')).rejects.toThrow(/2 of 2 files have no speaker in pattern/);
    await rm(flat, { recursive: true, force: true });
  });

  it('refuses a pattern that is not a regular expression or has no capture group', () => {
    expect(() => compileGroupPattern('([a-z')).toThrow(/group pattern \(\[a-z: Invalid regular expression/);
    expect(() => compileGroupPattern('^[a-z]+/')).toThrow(/has no capture group/);
    expect(compileGroupPattern('^[^/]+/([^_]+)_').exec('en/anna_1.wav')?.[1]).toBe('anna');
  });

  it('finds byte-identical files, reading only files of equal size', async () => {
    const a = join(dir, 'en', 's1', 's1_0.wav');
    const copy = join(dir, 'fi', 's2', 'copy.wav');
    await copyFile(a, copy);
    const big = join(dir, 'big.bin');
    const big2 = join(dir, 'big2.bin');
    const bytes = Buffer.alloc(200_000, 7);
    await writeFile(big, bytes);
    bytes[150_000] = 8; // same size and same first 16 KiB, different later
    await writeFile(big2, bytes);
    const set = await readLabelledSet(dir);
    const dups = await findDuplicates([...set.items.map((i) => i.file), big, big2, join(dir, 'missing.wav')]);
    expect(dups).toEqual([[a, copy]]);
    await rm(copy);
  });
});

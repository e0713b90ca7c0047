/** splitFiles: the rows of one split of a manifest, as paths under its folder, in row order. */
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readManifest, splitFiles } from '../../src/datasets/manifest';

describe('splitFiles', () => {
  it("lists the demo corpus's test split (110 files) and train split (440), under the folder, none in both", async () => {
    const manifest = (await readManifest('assets/demo/lid', ['split']))!;
    const test = splitFiles(manifest, 'assets/demo/lid', 'test');
    const train = splitFiles(manifest, 'assets/demo/lid', 'train');
    expect([test.length, train.length]).toEqual([110, 440]);
    expect(test[0]).toBe(join('assets/demo/lid', [...manifest.rows.values()].find((r) => r.split === 'test')!.file));
    expect(test.some((f) => train.includes(f))).toBe(false);
    expect(splitFiles(manifest, 'assets/demo/lid', 'nope')).toEqual([]);
  });
});

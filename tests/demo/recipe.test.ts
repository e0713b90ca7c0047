// The corpus build's parts: seeded choices, text helpers, manifests, ordered pooling, re-speaking to fit a range.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFlacInfo } from '../../scripts/demo/flac-info';
import { mapPool } from '../../scripts/demo/pool';
import { deriveSeed, makeRng } from '../../scripts/demo/rng';
import { speakWithin, type SpeechParams } from '../../scripts/demo/synth';
import { ASR_TRANSCRIPT, digitsToWords } from '../../scripts/demo/text';
import { readTsv, writeTsv } from '../../scripts/demo/tsv';

let tmp: string;
beforeAll(async () => {
  tmp = await mkdtemp(path.join(os.tmpdir(), 'kielo-demo-recipe-'));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe('makeRng', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const a = makeRng(7), b = makeRng(7), c = makeRng(8);
    const seqA = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(seqA);
    expect(deriveSeed(1, 'lid/en')).not.toBe(deriveSeed(1, 'lid/fi'));
  });

  it('draws integers over the whole inclusive range, roughly uniformly', () => {
    const rng = makeRng(3);
    const counts = new Map<number, number>();
    for (let i = 0; i < 7000; i++) {
      const v = rng.int(2, 8);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect([...counts.keys()].sort()).toEqual([2, 3, 4, 5, 6, 7, 8]);
    for (const n of counts.values()) expect(Math.abs(n - 1000)).toBeLessThan(150);
  });

  it('picks in proportion to weight and never picks weight 0', () => {
    const rng = makeRng(5);
    const items = [{ name: 'a', w: 3 }, { name: 'b', w: 1 }, { name: 'never', w: 0 }];
    const picks = Array.from({ length: 4000 }, () => rng.pick(items, (i) => i.w).name);
    expect(picks).not.toContain('never');
    expect(picks.filter((p) => p === 'a').length / 4000).toBeCloseTo(0.75, 1);
  });

  it('shuffles into a permutation', () => {
    const shuffled = makeRng(9).shuffle([1, 2, 3, 4, 5, 6]);
    expect([...shuffled].sort()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(shuffled).not.toEqual([1, 2, 3, 4, 5, 6]);
  });
});

describe('text helpers', () => {
  it('spells digits as words in the transcript alphabet', () => {
    expect(digitsToWords('3140')).toBe('three one four zero');
    expect(ASR_TRANSCRIPT.test(digitsToWords('9876543'))).toBe(true);
    expect(() => digitsToWords('3x')).toThrow(/'x' is not a digit/);
  });

  it('accepts lowercase words with apostrophes and nothing else', () => {
    expect(ASR_TRANSCRIPT.test("it's cold outside")).toBe(true);
    for (const bad of ['Open the door', 'one  two', ' one', 'two.', 'tschüss']) expect(ASR_TRANSCRIPT.test(bad), bad).toBe(false);
  });
});

describe('manifests', () => {
  it('round-trip rows and refuse tabs in values or short rows', async () => {
    const file = path.join(tmp, 'm.tsv');
    await writeTsv(file, ['file', 'text'], [{ file: 'a.flac', text: 'Привет, мир' }, { file: 'b.flac', text: 'ciao' }]);
    expect((await readTsv(file)).rows).toEqual([{ file: 'a.flac', text: 'Привет, мир' }, { file: 'b.flac', text: 'ciao' }]);
    await expect(writeTsv(file, ['text'], [{ text: 'a\tb' }])).rejects.toThrow(/tab or newline/);
    await writeFile(file, 'file\ttext\na.flac\n');
    await expect(readTsv(file)).rejects.toThrow(/m\.tsv:2: 1 fields, header has 2/);
  });

  it('reject a file that is not FLAC, naming it', async () => {
    const file = path.join(tmp, 'not.flac');
    await writeFile(file, 'RIFF....WAVEfmt '.repeat(4));
    await expect(readFlacInfo(file)).rejects.toThrow(/not\.flac: no fLaC marker/);
  });
});

describe('mapPool', () => {
  it('keeps input order and never runs more than the limit at once', async () => {
    let running = 0, most = 0;
    const out = await mapPool([30, 5, 20, 1, 10], 2, async (ms, i) => {
      most = Math.max(most, ++running);
      await new Promise((resolve) => setTimeout(resolve, ms));
      running--;
      return i * 10;
    });
    expect(out).toEqual([0, 10, 20, 30, 40]);
    expect(most).toBe(2);
  });
});

describe('speakWithin', () => {
  const text = 'The quick brown fox jumps over the lazy dog near the river bank.';
  const voice = { voice: 'en-us+m3', pitch: 50, wordGap: 0, peakDb: -6 };
  /** A stand-in for espeak-ng + sox: a clip of 500 / speed seconds (4.17 s at 120 wpm), a file standing for it. */
  const spoken: number[] = [];
  const standIn = async (_text: string, params: SpeechParams, outFile: string): Promise<number> => {
    spoken.push(params.speed);
    await writeFile(outFile, `clip at ${params.speed} wpm`);
    return 500 / params.speed;
  };

  it('re-speaks a clip that is too long at a faster speed until it fits', async () => {
    spoken.length = 0;
    const out = path.join(tmp, 'fit.flac');
    const clip = await speakWithin(text, { ...voice, speed: 120 }, out, 16000, [1.5, 3.2], [120, 260], standIn);
    // 4.17 s at 120 wpm is too long: aim at 3.2 - 0.3 s, so 120 * 4.17 / 2.9 = 172 wpm, 2.91 s
    expect(spoken).toEqual([120, 172]);
    expect(clip).toEqual({ speed: 172, durationSec: 500 / 172 });
    expect(await readFile(out, 'utf8')).toBe('clip at 172 wpm');
  });

  it('gives up (and leaves no file) when no speed in range can fit', async () => {
    spoken.length = 0;
    const out = path.join(tmp, 'nofit.flac');
    expect(await speakWithin(text, { ...voice, speed: 150 }, out, 16000, [0.5, 1.0], [120, 200], standIn)).toBeNull();
    // 3.33 s at 150 wpm: the fastest speed in range, 200 wpm, still gives 2.5 s, so it stops there
    expect(spoken).toEqual([150, 200]);
    await expect(readFile(out)).rejects.toThrow(/ENOENT/);
  });

  it('slows down a clip that is too short, within the speed range', async () => {
    spoken.length = 0;
    const out = path.join(tmp, 'slow.flac');
    const clip = await speakWithin(text, { ...voice, speed: 250 }, out, 16000, [2.5, 4], [120, 260], standIn);
    // 2 s at 250 wpm is too short: aim at 2.5 + 0.3 s, so 250 * 2 / 2.8 = 179 wpm, 2.79 s
    expect(spoken).toEqual([250, 179]);
    expect(clip).toEqual({ speed: 179, durationSec: 500 / 179 });
  });
});

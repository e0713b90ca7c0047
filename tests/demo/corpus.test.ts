// The committed demo corpus (assets/demo) meets its spec: counts, formats, durations, splits, transcripts, size.
// What soxi and espeak-ng said about it is in tests/fixtures/demo.json (scripts/make-test-fixtures.ts remakes it).
import { execFileSync } from 'node:child_process';
import { copyFile, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_DEMO_CONFIG as config } from '../../scripts/demo/config';
import { readFlacInfo } from '../../scripts/demo/flac-info';
import { planLid } from '../../scripts/demo/lid';
import { DATA_DIRS, dirBytes } from '../../scripts/demo/sizes';
import { speak, type ToolRunner } from '../../scripts/demo/synth';
import { readFixtureJson } from '../fixtures/catalog';
import { ASR_TRANSCRIPT, DIGIT_WORDS } from '../../scripts/demo/text';
import { sustainedVowelSsml } from '../../scripts/demo/wavenet';
import { readTsv } from '../../scripts/demo/tsv';

const DEMO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../assets/demo');
type Row = Record<string, string>;

/** soxi's rate, channels, bits and samples of some clips; espeak-ng's phonemes of each vowel's SSML; the commands
 * (espeak-ng, sox) that rebuilt the first LID clip byte for byte when the fixtures were made. */
const SAID = readFixtureJson<{
  soxi: Record<string, number[]>;
  vowels: Record<string, { ssml: string; phonemes: string }>;
  rebuild: { file: string; synth: string; commands: string[][] };
}>('demo.json');

/** Whether the tools that built the corpus are here (then the checks that need them also run live). */
const hasTools = ['espeak-ng', 'sox'].every((tool) => {
  try {
    execFileSync(tool, ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
});

/** Paths (relative to `dir`) of the files under it ending in `ext`, sorted. */
async function filesUnder(dir: string, ext: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile() && e.name.endsWith(ext))
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name))).sort();
}

/** Checks every clip of a manifest: 16 kHz mono 16-bit FLAC, duration in range and as the manifest says. */
async function expectClips(dir: string, rows: Row[], range: [number, number]): Promise<void> {
  for (const row of rows) {
    const info = await readFlacInfo(path.join(dir, row.file));
    expect({ file: row.file, rate: info.sampleRate, channels: info.channels, bits: info.bitsPerSample })
      .toEqual({ file: row.file, rate: 16000, channels: 1, bits: 16 });
    expect(info.durationSec, row.file).toBeGreaterThanOrEqual(range[0]);
    expect(info.durationSec, row.file).toBeLessThanOrEqual(range[1]);
    expect(Math.abs(info.durationSec - Number(row.durationSec)), row.file).toBeLessThan(0.001);
  }
}

const variantsOf = (rows: Row[], split: string): Set<string> => new Set(rows.filter((r) => r.split === split).map((r) => r.variant));
const intersection = <T>(a: Set<T>, b: Set<T>): T[] => [...a].filter((x) => b.has(x));

describe('LID set (assets/demo/lid)', () => {
  let rows: Row[];
  beforeAll(async () => {
    rows = (await readTsv(path.join(DEMO, 'lid/manifest.tsv'))).rows;
  });

  it('has at least 100 distinct sentences in each language, in its own script', () => {
    const scripts: Record<string, RegExp> = { en: /^[A-Za-z ,.'?!-]+$/, fi: /^[A-Za-zÄÖäö ,.'?!-]+$/,
      it: /^[A-Za-zÀÈÉÌÒÙàèéìòù ,.'?!-]+$/, ru: /^[А-Яа-яЁё ,.?!-]+$/, cs: /^[A-Za-zÁČĎÉĚÍŇÓŘŠŤÚŮÝŽáčďéěíňóřšťúůýž ,.?!-]+$/ };
    const marks: Record<string, RegExp> = { fi: /[äö]/, it: /[àèéìòù]/, cs: /[čřšžěů]/, ru: /[а-я]/ };
    for (const { code } of config.lidLanguages) {
      const mine = rows.filter((r) => r.label === code);
      expect(new Set(mine.map((r) => r.sentenceId)).size, code).toBeGreaterThanOrEqual(100);
      expect(new Set(mine.map((r) => r.text)).size, code).toBeGreaterThanOrEqual(100);
      for (const r of mine) expect(r.text, `${code} ${r.sentenceId}`).toMatch(scripts[code]);
      if (marks[code]) expect(mine.filter((r) => marks[code].test(r.text)).length, code).toBeGreaterThan(30);
    }
  });

  it('lists exactly the files on disk, each under its label', async () => {
    const listed = rows.map((r) => r.file).sort();
    expect(new Set(listed).size).toBe(listed.length);
    expect(await filesUnder(path.join(DEMO, 'lid'), '.flac')).toEqual(listed);
    for (const r of rows) {
      expect(r.file.startsWith(`${r.label}/`), r.file).toBe(true);
      expect(r.voice.endsWith(`+${r.variant}`), r.file).toBe(true);
      expect(r.synth).toMatch(/^espeak-ng \d+\.\d+/);
    }
  });

  it('holds out sentences and voices: test shares neither with train, in every language', () => {
    expect(intersection(variantsOf(rows, 'train'), variantsOf(rows, 'test'))).toEqual([]);
    for (const { code } of config.lidLanguages) {
      const mine = rows.filter((r) => r.label === code);
      const train = new Set(mine.filter((r) => r.split === 'train').map((r) => r.sentenceId));
      const test = new Set(mine.filter((r) => r.split === 'test').map((r) => r.sentenceId));
      expect(intersection(train, test), code).toEqual([]);
      expect(test.size, code).toBeGreaterThanOrEqual(15);
      expect(train.size, code).toBeGreaterThanOrEqual(60);
      expect(mine.every((r) => r.split === 'train' || r.split === 'test'), code).toBe(true);
    }
  });

  it('varies the voice: many variants, speeds and pitches within the recipe ranges', () => {
    expect(variantsOf(rows, 'train').size).toBeGreaterThanOrEqual(20);
    expect(new Set(rows.map((r) => r.voice.split('+')[0])).size).toBeGreaterThanOrEqual(8);
    for (const r of rows) {
      expect(Number(r.speed), r.file).toBeGreaterThanOrEqual(config.speedWpm[0]);
      expect(Number(r.speed), r.file).toBeLessThanOrEqual(config.speedWpm[1]);
      expect(Number(r.pitch), r.file).toBeGreaterThanOrEqual(config.pitch[0]);
      expect(Number(r.pitch), r.file).toBeLessThanOrEqual(config.pitch[1]);
    }
  });

  it('is 16 kHz mono 16-bit FLAC of 1.5-5 s, as the manifest records', async () => {
    await expectClips(path.join(DEMO, 'lid'), rows, config.lidDurationSec);
  });

  it('matches the recipe: the planned voices and splits are the ones in the manifest', async () => {
    const planned = new Map((await planLid(config)).map((job) => [job.file, job]));
    for (const r of rows) {
      const job = planned.get(r.file);
      expect(job, r.file).toBeDefined();
      expect([job!.text, job!.split, job!.voice.voice, job!.voice.pitch], r.file).toEqual([r.text, r.split, r.voice, Number(r.pitch)]);
    }
  });

  it('agrees with soxi on a few files (the FLAC header reader is right)', async () => {
    const sampled = rows.filter((_, i) => i % 97 === 0);
    expect(Object.keys(SAID.soxi), 'the clips soxi read: run scripts/make-test-fixtures.ts').toEqual(sampled.map((r) => r.file));
    for (const r of sampled) {
      const info = await readFlacInfo(path.join(DEMO, 'lid', r.file));
      expect(SAID.soxi[r.file], r.file).toEqual([info.sampleRate, info.channels, info.bitsPerSample, info.totalSamples]);
    }
  });

  it('rebuilds a clip from its manifest row (byte-identical with the recorded espeak-ng version)', async () => {
    const row = rows[0];
    const params = { voice: row.voice, speed: Number(row.speed), pitch: Number(row.pitch), wordGap: Number(row.wordGap), peakDb: Number(row.peakDb) };
    const clip = path.join(DEMO, 'lid', row.file);
    const tmp = await mkdtemp(path.join(os.tmpdir(), 'kielo-demo-'));
    try {
      // the recipe issues the commands that rebuilt this clip byte for byte when the fixtures were made
      const out = path.join(tmp, 'clip.flac');
      const commands: string[][] = [];
      const recording: ToolRunner = async (tool, args) => {
        commands.push([tool, ...args.map((a) => a.split(tmp).join('$TMP'))]);
        if (tool === 'sox') await copyFile(clip, out);
      };
      expect(await speak(row.text, params, out, config.sampleRate, recording)).toBeCloseTo(Number(row.durationSec), 3);
      expect([row.file, row.synth, ...commands]).toEqual([SAID.rebuild.file, SAID.rebuild.synth, ...SAID.rebuild.commands]);
      if (hasTools) {
        const live = path.join(tmp, 'live.flac');
        const durationSec = await speak(row.text, params, live, config.sampleRate);
        const version = execFileSync('espeak-ng', ['--version'], { encoding: 'utf8' });
        if (version.includes(`text-to-speech: ${row.synth.replace('espeak-ng ', '')} `)) {
          expect(await readFile(live)).toEqual(await readFile(clip));
        } else {
          expect(Math.abs(durationSec - Number(row.durationSec)) / Number(row.durationSec)).toBeLessThan(0.15);
        }
      }
    } finally {
      await rm(tmp, { recursive: true, force: true });
    }
  });
});

describe('ASR set (assets/demo/asr)', () => {
  let rows: Row[];
  const root = path.join(DEMO, 'asr');
  beforeAll(async () => {
    rows = (await readTsv(path.join(root, 'manifest.tsv'))).rows;
  });

  it('has the planned digit strings (2-7 digit words, all distinct) and sentences', () => {
    const digits = rows.filter((r) => r.kind === 'digits');
    expect(digits.length).toBe(config.asrDigitStrings);
    expect(new Set(digits.map((r) => r.text)).size).toBe(digits.length);
    for (const r of digits) {
      const words = r.text.split(' ');
      expect(words.length, r.file).toBeGreaterThanOrEqual(2);
      expect(words.length, r.file).toBeLessThanOrEqual(7);
      for (const w of words) expect(DIGIT_WORDS as readonly string[], r.file).toContain(w);
    }
    expect(rows.filter((r) => r.kind === 'sentences').length).toBe(config.asrSentences);
  });

  it('has a same-named transcript in the allowed alphabet beside every clip, and nothing unlisted', async () => {
    const listed = rows.map((r) => r.file).sort();
    expect(await filesUnder(root, '.flac')).toEqual(listed);
    expect(await filesUnder(root, '.txt')).toEqual(listed.map((f) => f.replace(/\.flac$/, '.txt')));
    for (const r of rows) {
      const transcript = await readFile(path.join(root, r.file.replace(/\.flac$/, '.txt')), 'utf8');
      expect(transcript, r.file).toBe(`${r.text}\n`);
      expect(r.text, r.file).toMatch(ASR_TRANSCRIPT);
    }
  });

  it('holds out voices: test variants never speak in train, test files live under test/', async () => {
    expect(intersection(variantsOf(rows, 'train'), variantsOf(rows, 'test'))).toEqual([]);
    for (const r of rows) expect(r.file.startsWith(`${r.split}/`), r.file).toBe(true);
    for (const split of ['train', 'test']) {
      const ref = (await readFile(path.join(root, split, 'ref.trn'), 'utf8')).trim().split('\n');
      expect(ref.sort()).toEqual(rows.filter((r) => r.split === split).map((r) => `${r.text} (${r.id})`).sort());
    }
  });

  it('is 16 kHz mono 16-bit FLAC within the recipe duration range', async () => {
    await expectClips(root, rows, config.asrDurationSec);
  });
});

describe('WaveNet set (assets/demo/wavenet)', () => {
  it('speaks each sustained vowel as that phoneme alone (espeak-ng reads no SSML tag aloud)', () => {
    expect(Object.keys(SAID.vowels), 'the vowels espeak-ng read: run scripts/make-test-fixtures.ts').toEqual(config.wavenetVowels.map((v) => v.name));
    for (const vowel of config.wavenetVowels) {
      const ssml = sustainedVowelSsml(vowel.phonemes);
      expect(SAID.vowels[vowel.name].ssml, vowel.name).toBe(ssml);
      const said = [SAID.vowels[vowel.name].phonemes];
      if (hasTools) said.push(execFileSync('espeak-ng', ['-q', '-x', '-m', '-v', config.wavenetVoice, ssml], { encoding: 'utf8' }).trim());
      for (const phonemes of said) expect(phonemes.replace(/^'/, '').replace(/:+$/, ''), vowel.name).toBe(vowel.phonemes.replace(/:+$/, ''));
    }
  });

  it('is one voice, sustained vowels and phrases, 60-90 s in all', async () => {
    const root = path.join(DEMO, 'wavenet');
    const { rows } = await readTsv(path.join(root, 'manifest.tsv'));
    expect(new Set(rows.map((r) => r.voice))).toEqual(new Set([config.wavenetVoice]));
    expect(new Set(rows.map((r) => r.kind))).toEqual(new Set(['vowels', 'phrases']));
    expect(await filesUnder(root, '.flac')).toEqual(rows.map((r) => r.file).sort());
    await expectClips(root, rows, [0.5, 5]);
    const total = rows.reduce((sum, r) => sum + Number(r.durationSec), 0);
    expect(total).toBeGreaterThanOrEqual(60);
    expect(total).toBeLessThanOrEqual(90);
  });
});

describe('size', () => {
  it('keeps the data within its budget and assets/demo (models included) under 30 MB', async () => {
    let data = 0;
    for (const dir of DATA_DIRS) data += await dirBytes(path.join(DEMO, dir));
    expect(data).toBeGreaterThan(5_000_000);
    expect(data).toBeLessThanOrEqual(config.dataBudgetBytes);
    expect(await dirBytes(DEMO), 'assets/demo with the trained models').toBeLessThanOrEqual(30_000_000);
    expect(existsSync(path.join(DEMO, 'README.md'))).toBe(true);
  });
});

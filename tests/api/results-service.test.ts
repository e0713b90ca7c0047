import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { KieloService } from '../../src/api/service';
import type { TaskContext, TaskRunner } from '../../src/api/tasks';
import { toneWav } from '../audio/fixtures';

let dir: string;
let service: KieloService;
const calls: { task: string; params: Record<string, unknown> }[] = [];

/** Canned task results: classify-batch fails on files named bad*, transcribe hears "one two". */
const runner = (async (task: string, params: Record<string, unknown>, _ctx: TaskContext) => {
  calls.push({ task, params });
  if (task === 'classify-batch') {
    return (params.files as string[]).map((file) => (file.includes('bad')
      ? { file, error: 'not a supported format' }
      : { file, label: 'fi', speech: true, unsure: false, bestGuess: 'fi', confidence: 0.8, posteriors: { fi: 0.8, en: 0.2 }, durationSec: 0.5, segments: [] }));
  }
  if (task === 'transcribe') return [{ file: (params.files as string[])[0], text: 'one two', words: [], posteriorgram: { frames: 2, classes: 3, frameSeconds: 0.02, logProbs: [0, -9, -9, -9, 0, -9] } }];
  if (task === 'eval') {
    return {
      n: 2, accuracy: 0.5, labels: ['en', 'fi'], confusion: [[1, 0], [1, 0]], eer: 0.5, cavg: 0.5, split: 'all', skippedLabels: {},
      perClass: { en: { precision: 0.5, recall: 1, support: 1 }, fi: { precision: null, recall: 0, support: 1 } }, byDuration: { '<=3s': { n: 2, accuracy: 0.5, eer: 0.5, cavg: 0.5 } },
      temperature: 1.2, ece: 0.1, nll: 0.6, uncalibrated: { ece: 0.2, nll: 0.7 }, speechFiles: 2, answered: { minConfidence: 0.5, n: 1, coverage: 0.5, accuracy: 1 },
      failed: [], files: [{ file: '/s/en/a.wav', label: 'en', predicted: 'en', confidence: 0.9 }, { file: '/s/fi/b.wav', label: 'fi', predicted: 'en', confidence: 0.6 }],
      ...(params.groupBy ? { groupBy: params.groupBy, groupsFrom: 'DIR/<label>/<group>/', byGroup: { s1: { n: 2, accuracy: 0.5, labels: ['en', 'fi'] } } } : {}),
    };
  }
  throw new Error(`unexpected task ${task}`);
}) as TaskRunner;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'kielo-results-'));
  process.env.KIELO_HOME = join(dir, 'home');
  calls.length = 0;
  service = await KieloService.open(join(dir, 'project'), { runner });
});
afterEach(async () => {
  await service.close();
  delete process.env.KIELO_HOME;
  await rm(dir, { recursive: true, force: true });
});

const add = async (name: string, hz: number) => {
  await writeFile(join(dir, name), toneWav({ rate: 8000, seconds: 0.5, frequencies: [hz], amplitude: 0.5 }));
  return (await service.addFiles([join(dir, name)])).added[0];
};

describe('classifyFiles', () => {
  it('classifies many files in one task, in order, each with its duration; a failing file carries its error', async () => {
    const a = await add('a.wav', 440);
    const b = await add('b.wav', 660);
    await writeFile(join(dir, 'bad.wav'), 'x');
    const results = await service.classifyFiles([b.id, a.id]);
    expect(calls.filter((c) => c.task === 'classify-batch')).toHaveLength(1);
    expect(results.map((r) => [r.id, r.result?.label, r.result?.durationSec, r.error])).toEqual([[b.id, 'fi', 0.5, null], [a.id, 'fi', 0.5, null]]);
    await expect(service.classifyFiles(['nope'])).rejects.toThrow("no file with id 'nope'");
  });
});

describe('transcribe', () => {
  it('scores against a typed reference, with the beam width and the bundled word list it was asked for', async () => {
    const f = await add('d.wav', 440);
    const models = await service.models();
    expect(models.find((m) => m.id === 'demo-asr')?.wordLists).toEqual(['digits.txt']);
    const r = await service.transcribe(f.id, { beamWidth: 16, wordList: 'digits.txt', reference: '  One  THREE ' });
    const params = calls.find((c) => c.task === 'transcribe')!.params;
    expect(params.beamWidth).toBe(16);
    expect(params.words).toEqual(expect.arrayContaining(['one', 'two', 'nine', 'zero']));
    expect([r.reference, r.referenceFrom, r.beamWidth, r.wordList, r.wer, r.cer]).toEqual(['one three', 'typed', 16, 'digits.txt', 0.5, 4 / 8]);
    expect(r.alignment.map((w) => w.op)).toEqual(['C', 'S']);
  });

  it("scores against the file's paired transcript when no reference is typed, and says when there is none", async () => {
    const f = await add('e.wav', 440);
    expect((await service.transcribe(f.id)).referenceFrom).toBeNull();
    await writeFile(join(dir, 'e.txt'), 'one two');
    await service.addFiles([join(dir, 'e.txt')]);
    const r = await service.transcribe(f.id, { reference: ' ' });
    expect([r.reference, r.referenceFrom, r.wer, r.beamWidth, r.wordList]).toEqual(['one two', 'transcript', 0, 1, null]);
    await expect(service.transcribe(f.id, { wordList: '../../etc/passwd' })).rejects.toThrow("demo asr has no word list '../../etc/passwd' (it has: digits.txt)");
  });
});

describe('evaluate', () => {
  it("carries everything kielo eval reports, and accuracy by speaker or source when asked", async () => {
    const plain = await service.evaluate('demo-lid', join(dir, 'set'));
    expect(plain).toMatchObject({ split: 'all', temperature: 1.2, nll: 0.6, uncalibrated: { ece: 0.2, nll: 0.7 }, speechFiles: 2, answered: { n: 1, coverage: 0.5 } });
    expect(plain.perClass.fi).toEqual({ precision: null, recall: 0, support: 1 });
    expect(plain.byDuration['<=3s'].accuracy).toBe(0.5);
    expect(plain.byGroup).toBeUndefined();
    const grouped = await service.evaluate('demo-lid', join(dir, 'set'), 'source');
    expect(calls.at(-1)!.params).toMatchObject({ groupBy: 'source', skipUnknownLabels: true });
    expect(grouped.byGroup).toEqual({ groupBy: 'source', groupsFrom: 'DIR/<label>/<group>/', groups: { s1: { n: 2, accuracy: 0.5, labels: ['en', 'fi'] } } });
  });
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { availableEngines, initEngine } from '../../src/engine';
import { loadAsrModel, transcribeFile } from '../../src/models/asr';
import { scoreTranscripts } from '../../src/metrics/wer';
import { trainAsr } from '../../src/train/asr';
import { speakTranscribedSet } from './asr-fixture';

const root = mkdtempSync(join(tmpdir(), 'kielo-train-asr-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('trainAsr', () => {
  it('learns espeak-ng words, keeps held-out files out, reports bad files and saves a loadable model', async () => {
    const [engine] = await availableEngines();
    await initEngine(engine);
    const data = join(root, 'data');
    speakTranscribedSet(data, ['one', 'two', 'six', 'one two'], ['en-us', 'en-gb', 'en-us+f3', 'en-gb+m3']);
    writeFileSync(join(data, 'broken.wav'), 'not audio');
    writeFileSync(join(data, 'broken.txt'), 'one');
    writeFileSync(join(data, 'manifest.tsv'), 'file\tsplit\nu0_3.wav\ttest\n');
    const bad: string[] = [];
    const losses: number[] = [];
    const result = await trainAsr(
      { data, out: join(root, 'model'), epochs: 60, batchSize: 4, learningRate: 0.005, valFraction: 0.2, augment: null, model: { hidden: 48, dilations: [1, 2] } },
      { onBadInput: (file) => bad.push(file), onEvent: (e) => e.type === 'epoch' && losses.push(e.record.trainLoss) },
    );
    expect(bad).toEqual([join(data, 'broken.wav')]);
    expect(result).toMatchObject({ model: join(root, 'model'), epochs: 60, engine, heldOut: 1, trainUtterances: 12, valUtterances: 3 });
    expect(losses[losses.length - 1]).toBeLessThan(0.25 * losses[0]);
    const loaded = await loadAsrModel(join(root, 'model'));
    expect(loaded.info.training).toMatchObject({ epochs: 60, trainUtterances: 12 });
    // the trained model reads its own training speech
    const texts = ['one', 'two', 'six', 'one two'];
    const hyps = [];
    for (const [i, text] of texts.entries()) {
      const t = await transcribeFile(loaded, join(data, `u${i}_0.wav`));
      hyps.push({ id: text, words: t.text.split(' ').filter(Boolean) });
      for (const w of t.words) expect(w.end).toBeGreaterThan(w.start);
    }
    const refs = texts.map((text) => ({ id: text, words: text.split(' ') }));
    expect(scoreTranscripts(refs, hyps, 'char').errorRate).toBeLessThanOrEqual(0.34);
    expect(result.valCer).toBeLessThan(0.5);
    loaded.model.dispose();
  });
});

import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
    writeFileSync(join(data, 'manifest.tsv'), 'file\tsplit\nu0_3.flac\ttest\n');
    const bad: string[] = [];
    const losses: number[] = [];
    const result = await trainAsr(
      { data, out: join(root, 'model'), epochs: 60, batchSize: 4, learningRate: 0.005, valFraction: 0.2, augment: null, model: { hidden: 48, dilations: [1, 2] } },
      { onEvent: (e) => (e.type === 'skipped' ? bad.push(e.file) : e.type === 'epoch' && losses.push(e.record.trainLoss)) },
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
      const t = await transcribeFile(loaded, join(data, `u${i}_0.flac`));
      hyps.push({ id: text, words: t.text.split(' ').filter(Boolean) });
      for (const w of t.words) expect(w.end).toBeGreaterThan(w.start);
    }
    const refs = texts.map((text) => ({ id: text, words: text.split(' ') }));
    expect(scoreTranscripts(refs, hyps, 'char').errorRate).toBeLessThanOrEqual(0.34);
    expect(result.valCer).toBeLessThan(0.5);
    loaded.model.dispose();
  });

  it('continues from a saved model (--init-from): keeps its weights, front end and shape; rejects a mismatch', async () => {
    const [engine] = await availableEngines();
    await initEngine(engine);
    const data = join(root, 'init-data');
    speakTranscribedSet(data, ['one', 'two'], ['en-us', 'en-gb']);
    const base = join(root, 'base'), continued = join(root, 'continued');
    const small = { hidden: 16, dilations: [1] };
    await trainAsr({ data, out: base, epochs: 2, batchSize: 2, valFraction: 0, augment: null, model: small, featureSpec: { nMels: 24 } });
    // a tiny learning rate moves no weight by more than a few steps of it: the result starts from `base`, not from fresh weights
    await trainAsr({ data, out: continued, epochs: 1, batchSize: 2, valFraction: 0, augment: null, learningRate: 1e-7, initFrom: base, model: { dropout: 0.3 } });
    const weights = (dir: string) => new Float32Array(readFileSync(join(dir, 'weights.bin')).buffer.slice(0));
    const before = weights(base), after = weights(continued);
    expect(after.length).toBe(before.length);
    expect(Math.max(...after.map((v, i) => Math.abs(v - before[i])))).toBeLessThan(1e-5);
    const loaded = await loadAsrModel(continued);
    expect(loaded.info.featureSpec.nMels).toBe(24);
    expect(loaded.model.config).toMatchObject({ hidden: 16, dilations: [1], dropout: 0.3 });
    expect(loaded.info.training).toMatchObject({ initFrom: base });
    loaded.model.dispose();
    await expect(trainAsr({ data, out: continued, epochs: 1, initFrom: base, model: { hidden: 32 } })).rejects.toThrow(`${base}: cannot continue from this model: model.hidden 32 (model: 16)`);
    await expect(trainAsr({ data, out: continued, epochs: 1, initFrom: base, featureSpec: { nMels: 40 } })).rejects.toThrow(/featureSpec\.nMels 40 \(model: 24\)/);
    await expect(trainAsr({ data, out: continued, epochs: 1, initFrom: join(root, 'no-model') })).rejects.toThrow(/no-model.*kielo\.json/);
  });
});

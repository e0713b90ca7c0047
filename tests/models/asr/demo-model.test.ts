import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { availableEngines, initEngine } from '../../../src/engine';
import { parseTrn } from '../../../src/metrics/trn';
import { scoreTranscripts } from '../../../src/metrics/wer';
import { loadAsrModel, transcribeFile, wordListConstraint } from '../../../src/models/asr';

const MODEL = 'assets/demo/models/asr';
const TEST = 'assets/demo/asr/test';

describe('the shipped demo ASR model', () => {
  it('reads the held-out voices of the demo digit test set', async () => {
    await initEngine((await availableEngines())[0]);
    const loaded = await loadAsrModel(MODEL);
    const refs = parseTrn(readFileSync(`${TEST}/ref.trn`, 'utf8'), 'ref.trn').filter((u) => u.id.startsWith('d'));
    const digits = readFileSync(`${MODEL}/digits.txt`, 'utf8').split(/\s+/).filter(Boolean);
    const constraint = wordListConstraint(digits);
    const greedy = [], listed = [];
    for (const ref of refs) {
      const file = `${TEST}/digits/${ref.id}.flac`;
      greedy.push({ id: ref.id, words: (await transcribeFile(loaded, file)).text.split(' ').filter(Boolean) });
      listed.push({ id: ref.id, words: (await transcribeFile(loaded, file, { beamWidth: 16 }, constraint)).text.split(' ').filter(Boolean) });
    }
    loaded.model.dispose();
    expect(refs.length).toBeGreaterThanOrEqual(25);
    // measured when the model was committed (see its README): 5 of 129 words wrong greedy (3.88%), 2 with the
    // documented decoding (beam 16 + digits.txt; issue 6's target of at most 1% is missed by one word here, while
    // on 880 words of 12 other held-out voices the error rate halved: 0.96% -> 0.53%)
    const g = scoreTranscripts(refs, greedy);
    expect(g.ref).toBe(129);
    expect(g.substitutions + g.deletions + g.insertions).toBeLessThanOrEqual(5);
    const l = scoreTranscripts(refs, listed);
    expect(l.substitutions + l.deletions + l.insertions).toBeLessThanOrEqual(2);
  });
});

/** `kielo generate --mel-from X.npy --mel-spec SPEC.json`: log-mel from kielo features through a vocoder; other specs refused. */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { EXIT } from '../../src/cli/main';
import { encodeNpy } from '../../src/audio';
import { initEngine } from '../../src/engine';
import { buildWavenet, readWavenetWeights, saveWavenet } from '../../src/models/wavenet';
import { makeTempDir } from '../audio/fixtures';
import { kielo } from './lid-cli';
import { expectOneGainApart, samplesOf } from './wav-samples';

const temp = makeTempDir('kielo-generate-npy-');
afterAll(() => temp.remove());
const CLIP = 'assets/demo/asr/test/digits/d0114.flac';

describe('kielo generate --mel-from a .npy feature matrix', () => {
  it('vocodes the same frames as the audio they came from; refuses another front end, a missing spec, a bad shape', async () => {
    await initEngine('cpu');
    const model = buildWavenet({ layersPerStack: 3, stacks: 1, residualChannels: 8, skipChannels: 8, classes: 64, condition: 'mel' }, 4);
    const vocoder = temp.path('vocoder');
    await saveWavenet(vocoder, await readWavenetWeights(model));
    model.dispose();
    const features = async (name: string, spec?: object) => {
      const args = ['features', CLIP, '--type', 'logmel', '--out', temp.path(`${name}.npy`), '--json'];
      if (spec) writeFileSync(temp.path(`${name}.spec.json`), JSON.stringify(spec));
      const r = await kielo(...args, ...(spec ? ['--spec', temp.path(`${name}.spec.json`)] : []));
      expect(r.code).toBe(EXIT.ok);
      writeFileSync(temp.path(`${name}.json`), r.stdout);
      return { npy: temp.path(`${name}.npy`), spec: temp.path(`${name}.json`) };
    };
    const raw = await features('raw');
    const fromNpy = await kielo('generate', '--model', vocoder, '--mel-from', raw.npy, '--mel-spec', raw.spec, '--out', temp.path('npy.wav'), '--seed', '3');
    expect(fromNpy.code).toBe(EXIT.ok);
    const fromAudio = await kielo('generate', '--model', vocoder, '--mel-from', CLIP, '--out', temp.path('audio.wav'), '--seed', '3');
    expect(fromAudio.code).toBe(EXIT.ok);
    expect(readFileSync(temp.path('npy.wav'))).toEqual(readFileSync(temp.path('audio.wav')));
    // frames already normalised per utterance, as the vocoder's own, are taken as they are; they hold no level to
    // put back, so the waveform is the same up to the one gain the raw frames' level gives (vocodeLogMel)
    const normalised = await features('cmvn', { kind: 'logmel', cmvn: 'utterance' });
    expect((await kielo('generate', '--model', vocoder, '--mel-from', normalised.npy, '--mel-spec', normalised.spec, '--out', temp.path('cmvn.wav'), '--seed', '3')).code).toBe(EXIT.ok);
    expectOneGainApart(samplesOf(temp.path('cmvn.wav')), samplesOf(temp.path('audio.wav')));

    const other = await features('other', { kind: 'logmel', hopMs: 20, nMels: 64 });
    const refused = await kielo('generate', '--model', vocoder, '--mel-from', other.npy, '--mel-spec', other.spec, '--out', temp.path('x.wav'));
    expect(refused.code).toBe(EXIT.usage);
    expect(refused.stderr).toContain(`--mel-from ${other.npy} has another log-mel front end than the vocoder ${vocoder}: hopMs 20 (the vocoder's: 10), nMels 64 (the vocoder's: 40)`);
    const rate = await features('rate', { kind: 'logmel', sampleRate: 8000 });
    expect((await kielo('generate', '--model', vocoder, '--mel-from', rate.npy, '--mel-spec', rate.spec, '--out', temp.path('x.wav'))).stderr).toContain("sampleRate 8000 (the vocoder's: 16000)");

    const noSpec = await kielo('generate', '--model', vocoder, '--mel-from', raw.npy, '--out', temp.path('x.wav'));
    expect(noSpec.code).toBe(EXIT.usage);
    expect(noSpec.stderr).toMatch(/a feature matrix needs the FeatureSpec it was made with: --mel-spec SPEC\.json/);
    writeFileSync(temp.path('flat.npy'), encodeNpy(new Float32Array(80), [80]));
    const flat = await kielo('generate', '--model', vocoder, '--mel-from', temp.path('flat.npy'), '--mel-spec', raw.spec, '--out', temp.path('x.wav'));
    expect(flat.code).toBe(EXIT.inputFailed);
    expect(flat.stderr).toMatch(/flat\.npy: expected a 2-D \[frames, bands\] matrix, got shape \(80\)/);
    writeFileSync(temp.path('bad-spec.json'), '{"kind": "logmel", "hopMs": -1}');
    const badSpec = await kielo('generate', '--model', vocoder, '--mel-from', raw.npy, '--mel-spec', temp.path('bad-spec.json'), '--out', temp.path('x.wav'));
    expect(badSpec.code).toBe(EXIT.inputFailed);
    expect(badSpec.stderr).toMatch(/bad-spec\.json: FeatureSpec\.hopMs: expected a number of ms/);
    // resynth wants the recording itself
    const resynth = await kielo('resynth', '--model', vocoder, raw.npy, '--out', temp.path('x.wav'));
    expect(resynth.code).toBe(EXIT.usage);
    expect(resynth.stderr).toMatch(/raw\.npy: resynth needs the recording/);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { availableEngines, initEngine, tf } from '../../../src/engine';
import type { FeatureMatrix } from '../../../src/features';
import {
  assignWavenetWeights,
  buildWavenet,
  loadWavenet,
  melConditioningRows,
  melFrameOfPosition,
  readWavenetWeights,
  resolveWavenetConfig,
  saveWavenet,
  wavenetParamShapes,
  type WavenetConfig,
} from '../../../src/models/wavenet';

const dir = mkdtempSync(join(tmpdir(), 'kielo-wavenet-mel-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tiny: Partial<WavenetConfig> = { layersPerStack: 3, stacks: 1, residualChannels: 4, skipChannels: 6, classes: 16 };

/** Deterministic log-mel-like frames [frames, bands]. */
function frames(count: number, bands: number, seed: number): FeatureMatrix {
  const data = new Float32Array(count * bands).map((_, i) => Math.sin(i * 0.61 + seed) * 1.5);
  return { data, frames: count, dims: bands };
}

/** Logits [time, classes] of a forward pass over `inputs` conditioned on `mel` (frames, as the model's rows). */
function logitsOf(model: ReturnType<typeof buildWavenet>, inputs: number[], mel?: FeatureMatrix): number[][] {
  return tf.tidy(() => {
    const x = tf.tensor2d([inputs], [1, inputs.length], 'int32');
    const rows = mel ? tf.tensor3d(melConditioningRows(model.config, mel, 0, inputs.length), [1, inputs.length, mel.dims]) : undefined;
    return model.forward(x, undefined, undefined, rows).arraySync()[0];
  });
}

describe('WaveNet local conditioning config', () => {
  it("defaults to condition 'none' without a melSpec; 'mel' gets the features module's log-mel with per-utterance CMVN", () => {
    const none = resolveWavenetConfig();
    expect(none.condition).toBe('none');
    expect('melSpec' in none).toBe(false);
    const mel = resolveWavenetConfig({ condition: 'mel' });
    expect(mel.melSpec).toMatchObject({ kind: 'logmel', nMels: 40, windowMs: 25, hopMs: 10, sampleRate: 16000, cmvn: 'utterance', deltas: 0 });
    expect(resolveWavenetConfig({ condition: 'mel', sampleRate: 8000 }).melSpec).toMatchObject({ sampleRate: 8000, fMax: 4000 });
  });

  it('rejects a melSpec without mel conditioning, a bad condition and a spec the vocoder cannot use', () => {
    const spec = resolveWavenetConfig({ condition: 'mel' }).melSpec!;
    expect(() => resolveWavenetConfig({ melSpec: spec })).toThrow(/melSpec is only for condition 'mel'/);
    expect(() => resolveWavenetConfig({ condition: 'spectrogram' as never })).toThrow(/condition must be 'none' or 'mel', got "spectrogram"/);
    expect(() => resolveWavenetConfig({ condition: 'mel', melSpec: { ...spec, kind: 'mfcc' } })).toThrow(/melSpec.kind must be 'logmel'/);
    expect(() => resolveWavenetConfig({ condition: 'mel', melSpec: { ...spec, sampleRate: 8000, fMax: 4000 } })).toThrow(/melSpec.sampleRate 8000 differs from the model's 16000 Hz/);
    expect(() => resolveWavenetConfig({ condition: 'mel', melSpec: { ...spec, nMels: 0 } })).toThrow(/melSpec: FeatureSpec.nMels/);
  });

  it('adds one [nMels, 2R] projection per layer; unconditioned models keep exactly their old parameter list', () => {
    const none = wavenetParamShapes(resolveWavenetConfig(tiny)).map(([name]) => name);
    expect(none.some((name) => name.endsWith('/mel'))).toBe(false);
    const mel = wavenetParamShapes(resolveWavenetConfig({ ...tiny, condition: 'mel' }));
    expect(mel.filter(([name]) => name.endsWith('/mel'))).toEqual([0, 1, 2].map((i) => [`layer${i}/mel`, [40, 8]]));
    expect(mel.map(([name]) => name).filter((name) => !name.endsWith('/mel'))).toEqual(none);
  });

  it('aligns each sample with the frame whose hop holds it: position t uses the frame of sample t + 1, the first frame before the start, the last after the end', () => {
    expect([-500, 0, 158, 159, 160, 318, 319, 10_000].map((t) => melFrameOfPosition(t, 160, 5))).toEqual([0, 0, 0, 1, 1, 1, 2, 4]);
  });
});

describe('WaveNet forward pass with log-mel conditioning', async () => {
  for (const engine of await availableEngines()) {
    it(`changes the outputs only from the first position of a changed frame, and only within the receptive field after it (${engine})`, async () => {
      await initEngine(engine);
      const model = buildWavenet({ ...tiny, condition: 'mel' }, 4);
      const time = 5 * 160;
      const inputs = Array.from({ length: time }, (_, t) => (t * 5) % 16);
      const a = frames(6, 40, 1);
      const b = { ...a, data: a.data.slice() };
      for (let m = 0; m < 40; m++) b.data[2 * 40 + m] += 1; // frame 2 = samples 320..479 = positions 319..478
      const [la, lb] = [a, b].map((mel) => logitsOf(model, inputs, mel));
      const differs = (t: number) => la[t].some((v, k) => Math.abs(v - lb[t][k]) > 1e-5);
      for (let t = 0; t < 319; t++) expect(la[t]).toEqual(lb[t]);
      expect(differs(319)).toBe(true);
      expect(differs(478)).toBe(true);
      // the first layer's gate at p reaches p + the later layers' dilations (2 + 4 = receptive field - 2), no further
      expect(differs(478 + model.receptiveField - 2)).toBe(true);
      for (let t = 478 + model.receptiveField - 1; t < time; t++) expect(la[t]).toEqual(lb[t]);
      expect(() => logitsOf(model, inputs)).toThrow(/conditioned on log-mel frames \(condition 'mel'\); pass mel/);
      model.dispose();
    });

    it(`an unconditioned model's outputs are exactly those of a mel model whose projections are zero (${engine})`, async () => {
      await initEngine(engine);
      const none = buildWavenet(tiny, 9);
      const mel = buildWavenet({ ...tiny, condition: 'mel' }, 9);
      const weights = await readWavenetWeights(none);
      for (const [name, [rows, cols]] of wavenetParamShapes(mel.config).filter(([name]) => name.endsWith('/mel'))) {
        weights.tensors.set(name, new Float32Array(rows * cols));
      }
      assignWavenetWeights(mel, { config: mel.config, tensors: weights.tensors });
      const inputs = Array.from({ length: 40 }, (_, t) => (t * 3) % 16);
      expect(logitsOf(mel, inputs, frames(2, 40, 3))).toEqual(logitsOf(none, inputs));
      expect(() => tf.tidy(() => none.forward(tf.tensor2d([inputs], [1, 40], 'int32'), undefined, undefined, tf.zeros([1, 40, 40])))).toThrow(/condition 'none'; pass no log-mel frames/);
      none.dispose();
      mel.dispose();
    });
  }
});

describe('WaveNet model files with local conditioning', () => {
  it("round-trips a mel model (its melSpec is the model's FeatureSpec); unconditioned files carry no condition field", async () => {
    await initEngine('cpu');
    const model = buildWavenet({ ...tiny, condition: 'mel' }, 2);
    const weights = await readWavenetWeights(model);
    model.dispose();
    await saveWavenet(join(dir, 'mel'), weights);
    const loaded = await loadWavenet(join(dir, 'mel'));
    expect(loaded.config).toEqual(weights.config);
    for (const [name, values] of weights.tensors) expect(loaded.tensors.get(name)).toEqual(values);
    expect(JSON.parse(readFileSync(join(dir, 'mel', 'kielo.json'), 'utf8')).featureSpec).toEqual(weights.config.melSpec);

    const plain = buildWavenet(tiny, 2);
    const plainWeights = await readWavenetWeights(plain);
    plain.dispose();
    await saveWavenet(join(dir, 'none'), plainWeights);
    const json = JSON.parse(readFileSync(join(dir, 'none', 'kielo.json'), 'utf8'));
    expect('condition' in json.config).toBe(false);
    expect(json.featureSpec).toBe(null);
    expect((await loadWavenet(join(dir, 'none'))).config.condition).toBe('none');
  });
});

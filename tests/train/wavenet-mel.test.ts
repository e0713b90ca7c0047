import { describe, expect, it } from 'vitest';
import { initEngine } from '../../src/engine';
import { randomCrops } from '../../src/datasets/waveform-crops';
import { extractFeatures } from '../../src/features';
import { melFrameOfPosition, resolveWavenetConfig } from '../../src/models/wavenet';
import { cropConditioning, fitWavenet, type WavenetData } from '../../src/train/wavenet';
import { makeRng } from '../../src/util/random';

/** A chirp-like clip whose spectrum changes from frame to frame. */
function clip(seconds: number, seed: number): Float32Array {
  const rng = makeRng(seed);
  return Float32Array.from({ length: Math.round(16000 * seconds) }, (_, t) => 0.4 * Math.sin(t * (0.05 + t * 2e-5)) + 0.01 * (rng() - 0.5));
}

describe('WaveNet training with log-mel conditioning', () => {
  it('gives each crop the frames of its own clip at its own offset (padded crops start on the first frame)', () => {
    const config = resolveWavenetConfig({ condition: 'mel' });
    const clips = [clip(0.1, 1), clip(0.03, 2)];
    const mels = clips.map((c) => extractFeatures(c, config.melSpec!));
    const crops = randomCrops(clips.map((c) => ({ values: new Int32Array(c.length), label: 0 })), 40, 600, makeRng(3), 0);
    const inputLength = 599;
    const rows = cropConditioning(config, mels, crops, 10, 30, inputLength);
    let padded = 0;
    for (let b = 0; b < 30; b++) {
      const mel = mels[crops.sourceIndices[10 + b]];
      if (crops.starts[10 + b] < 0) padded++;
      for (const j of [0, 1, 158, 159, 160, 598]) {
        const k = melFrameOfPosition(crops.starts[10 + b] + j, 160, mel.frames);
        const row = rows.subarray((b * inputLength + j) * 40, (b * inputLength + j + 1) * 40);
        expect(Array.from(row)).toEqual(Array.from(mel.data.subarray(k * 40, k * 40 + 40)));
      }
    }
    expect(padded).toBeGreaterThan(0); // the short clip was drawn and padded
  });

  it('trains the per-layer log-mel projections (the frames reach the loss) and saves the melSpec in the config', async () => {
    await initEngine('cpu');
    const data: WavenetData = { sampleRate: 16000, labels: [], train: [{ samples: clip(0.4, 4), label: -1 }], validation: [{ samples: clip(0.3, 5), label: -1 }] };
    let initial: Float32Array | undefined;
    const { model, valBitsPerSample } = await fitWavenet(data, {
      model: { layersPerStack: 3, stacks: 1, residualChannels: 4, skipChannels: 8, classes: 32, condition: 'mel' },
      batchSize: 2,
      outputs: 200,
      stepsPerEpoch: 3,
      validationCrops: 2,
      onModel: (m) => (initial = m.params.get('layer0/mel')!.dataSync().slice() as Float32Array),
      train: { epochs: 1 },
    });
    expect(model.config.melSpec).toMatchObject({ kind: 'logmel', nMels: 40, hopMs: 10, cmvn: 'utterance' });
    const trained = model.params.get('layer0/mel')!.dataSync();
    expect(Array.from(trained).some((v, i) => Math.abs(v - initial![i]) > 1e-6)).toBe(true);
    expect(Number.isFinite(valBitsPerSample)).toBe(true);
    model.dispose();
  });
});

/**
 * The vocoder's waveform is sample-aligned with the frames' audio: a hand-built 'mel' WaveNet whose output is +1
 * where band 0 of the frame is +1 and -1 where it is -1 shows which frame conditions each output sample.
 */
import { describe, expect, it } from 'vitest';
import { initEngine } from '../../src/engine';
import { defaultFeatureSpec, type FeatureMatrix } from '../../src/features';
import { generateAudio } from '../../src/generate';
import { checkSameFrontEnd, toVocoderFrames, vocode, vocoderMelSpec } from '../../src/generate/vocoder';
import { buildWavenet, mulawTable, readWavenetWeights, type WavenetWeights } from '../../src/models/wavenet';

const R = 4;
const S = 4;
const C = 16;
const HOP = 160;
const PATTERN = [1, -1, -1, 1, -1, 1];

/** A 'mel' WaveNet that ignores its input: sample = +1 (class C-1) when band 0 of its frame is > 0, else -1 (class 0). */
async function frameFollower(): Promise<WavenetWeights> {
  await initEngine('cpu');
  const model = buildWavenet({ layersPerStack: 2, stacks: 1, residualChannels: R, skipChannels: S, classes: C, condition: 'mel' }, 1);
  const weights = await readWavenetWeights(model);
  model.dispose();
  for (const values of weights.tensors.values()) values.fill(0);
  const t = (name: string) => weights.tensors.get(name)!;
  t('layer0/mel')[0] = 10; // band 0 -> the tanh half of channel 0
  t('layer0/gateB')[R] = 10; // its sigmoid half open
  t('layer0/outW')[0] = 1; // channel 0 -> skip 0
  t('out1W')[0] = 1;
  t('out2W')[C - 1] = 100; // hidden 0 -> the top class
  t('out2B')[0] = 1; // with hidden 0 (relu of a negative skip), class 0 wins
  return weights;
}

const framesOf = (pattern: number[]): FeatureMatrix => {
  const data = new Float32Array(pattern.length * 40);
  pattern.forEach((v, k) => (data[k * 40] = v));
  return { data, frames: pattern.length, dims: 40 };
};

describe('vocode', () => {
  for (const plainJs of [false, true]) {
    it(`output sample n follows frame floor(n / hop), sample 0 is the silence fed first (${plainJs ? 'plain JS' : 'SIMD'})`, async () => {
      const weights = await frameFollower();
      const mel = framesOf(PATTERN);
      const values = mulawTable(C);
      const total = PATTERN.length * HOP + 50; // the last frame holds for the tail
      const { samples } = await vocode(weights, mel, { samples: total, temperature: 0, plainJs });
      expect(samples).toHaveLength(total);
      expect(samples[0]).toBe(values[C >> 1]);
      const expected = Array.from({ length: total - 1 }, (_, i) => values[PATTERN[Math.min(PATTERN.length - 1, Math.floor((i + 1) / HOP))] > 0 ? C - 1 : 0]);
      expect(Array.from(samples.subarray(1))).toEqual(expected);
      // generateAudio alone is one sample early: its sample n is the frame of n + 1 (the reason vocode exists)
      const raw = await generateAudio(weights, { samples: 2 * HOP, temperature: 0, mel, plainJs });
      expect(raw.samples[HOP - 2]).toBe(values[C - 1]);
      expect(raw.samples[HOP - 1]).toBe(values[0]);
      // the default length is frames x hop
      expect((await vocode(weights, mel, { temperature: 0, plainJs })).samples).toHaveLength(PATTERN.length * HOP);
    });
  }

  it('refuses a model without mel conditioning, naming it; checks front ends field by field', async () => {
    await initEngine('cpu');
    const plain = buildWavenet({ layersPerStack: 2, stacks: 1, residualChannels: R, skipChannels: S, classes: C }, 1);
    expect(() => vocoderMelSpec(plain.config, 'models/plain')).toThrow('models/plain is not a vocoder: trained with --condition none');
    plain.dispose();
    const weights = await frameFollower();
    await expect(vocode(await plainWeights(), framesOf([1]))).rejects.toThrow(/not a vocoder/);
    const spec = vocoderMelSpec(weights.config, 'v');
    expect(() => checkSameFrontEnd(spec, { ...spec, cmvn: 'none' }, 'VAE x', 'v')).not.toThrow();
    expect(() => checkSameFrontEnd(spec, { ...defaultFeatureSpec('logmel'), sampleRate: 8000, fMax: 4000, hopMs: 20, nMels: 64 }, 'VAE x', 'v')).toThrow(
      "VAE x has another log-mel front end than the vocoder v: sampleRate 8000 (the vocoder's: 16000), hopMs 20 (the vocoder's: 10), nMels 64 (the vocoder's: 40), fMax 4000 (the vocoder's: 8000)",
    );
  });

  it('normalises raw log-mel per utterance for a vocoder that was trained so, into a copy', async () => {
    const spec = vocoderMelSpec((await frameFollower()).config, 'v');
    expect(spec.cmvn).toBe('utterance');
    const raw = { data: Float32Array.from({ length: 3 * 40 }, (_, i) => (i % 40) + Math.floor(i / 40) * 2), frames: 3, dims: 40 };
    const frames = toVocoderFrames(raw, spec);
    expect(raw.data[0]).toBe(0);
    expect(Array.from(frames.data.subarray(0, 3))).toEqual([-Math.sqrt(1.5), -Math.sqrt(1.5), -Math.sqrt(1.5)].map((x) => Math.fround(x)));
    expect(Array.from(toVocoderFrames(raw, { ...spec, cmvn: 'none' }).data)).toEqual(Array.from(raw.data));
  });
});

async function plainWeights(): Promise<WavenetWeights> {
  const model = buildWavenet({ layersPerStack: 2, stacks: 1, residualChannels: R, skipChannels: S, classes: C }, 1);
  const weights = await readWavenetWeights(model);
  model.dispose();
  return weights;
}

/** A VAE's log-mel through a vocoder in one call: the sequence's layout and units, the front-end check, the CLI. */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EXIT } from '../../src/cli/main';
import { initEngine } from '../../src/engine';
import { resolveFeatureSpec } from '../../src/features';
import { decodeCodes, encodeFile, loadGenerative } from '../../src/models/generative';
import { vaeLogMel, vocodeVae } from '../../src/generate/latent-vocoder';
import { toVocoderFrames, vocoderMelSpec } from '../../src/generate/vocoder';
import { buildWavenet, readWavenetWeights, saveWavenet, type WavenetWeights } from '../../src/models/wavenet';
import { makeTempDir } from '../audio/fixtures';
import { kielo } from '../cli/lid-cli';

const VAE = 'assets/demo/models/vae';
const A = 'assets/demo/lid/en/en008-shelby.flac';
const B = 'assets/demo/lid/fi/fi072-f2.flac';
const temp = makeTempDir('kielo-latent-vocoder-');
afterAll(() => temp.remove());

async function tinyVocoder(melSpec: { nMels?: number } = {}): Promise<WavenetWeights> {
  await initEngine('cpu');
  const model = buildWavenet({ layersPerStack: 3, stacks: 1, residualChannels: 8, skipChannels: 8, classes: 64, condition: 'mel', ...(melSpec.nMels ? { melSpec: resolveFeatureSpec({ kind: 'logmel', cmvn: 'utterance', nMels: melSpec.nMels }) } : {}) }, 2);
  const weights = await readWavenetWeights(model);
  model.dispose();
  return weights;
}

describe('VAE log-mel through a vocoder', () => {
  it('lays prior patches end to end (4 frames cross-faded), seeded, in raw log-mel units', async () => {
    await initEngine('cpu');
    const vae = await loadGenerative(VAE, ['vae']);
    try {
      // 1 s = 100 frames of 32-frame patches every 28 frames: 4 patches, 28 * 3 + 32 = 116 frames
      const m = await vaeLogMel(vae, { seconds: 1, source: { kind: 'prior', seed: 5 } });
      expect(m).toMatchObject({ frames: 116, dims: 40 });
      expect(Array.from(m.data)).toEqual(Array.from((await vaeLogMel(vae, { seconds: 1, source: { kind: 'prior', seed: 5 } })).data));
      expect(Array.from(m.data)).not.toEqual(Array.from((await vaeLogMel(vae, { seconds: 1, source: { kind: 'prior', seed: 6 } })).data));
      // denormalised: natural-log mel power like the training data's (the VAE's per-band means), not unit-normal numbers
      const meanOf = (x: ArrayLike<number>) => Array.from(x).reduce((a, b) => a + b, 0) / x.length;
      const bandMeans = vae.net.config.norm.mean;
      expect(Math.abs(meanOf(m.data) - meanOf(bandMeans))).toBeLessThan(2 * vae.net.config.norm.std);
      expect((await vaeLogMel(vae, { seconds: 0.1, source: { kind: 'prior', seed: 5 } })).frames).toBe(32);
      // ...and the vocoder gets them normalised per utterance: zero mean and unit variance in every band
      const frames = toVocoderFrames(m, vocoderMelSpec((await tinyVocoder()).config, 'v'));
      for (const band of [0, 17, 39]) {
        const column = Array.from({ length: frames.frames }, (_, t) => frames.data[t * 40 + band]);
        expect(meanOf(column)).toBeCloseTo(0, 4);
        expect(meanOf(column.map((x) => x * x))).toBeCloseTo(1, 3);
      }

      // an interpolation starts at the first file's mean code and ends at the second's
      const path = await vaeLogMel(vae, { seconds: 1, source: { kind: 'interpolation', from: A, to: B } });
      expect(path.frames).toBe(116);
      const first = decodeCodes(vae.net, Float32Array.from((await encodeFile(vae, A)).code));
      const last = decodeCodes(vae.net, Float32Array.from((await encodeFile(vae, B)).code));
      // frames 4..27 of the first patch and 4..27 of the last are not cross-faded with a neighbour
      expect(path.data[10 * 40 + 3]).toBeCloseTo(first[10 * 40 + 3], 4);
      expect(path.data[(84 + 20) * 40 + 7]).toBeCloseTo(last[20 * 40 + 7], 4);
    } finally {
      vae.net.dispose();
    }
  });

  it('vocodes the seconds asked for, and refuses a vocoder with another front end', async () => {
    const { samples } = await vocodeVae(await tinyVocoder(), VAE, { seconds: 0.5, source: { kind: 'prior', seed: 1 }, seed: 1 });
    expect(samples).toHaveLength(8000);
    await expect(vocodeVae(await tinyVocoder({ nMels: 64 }), VAE, { seconds: 0.5, source: { kind: 'prior', seed: 1 }, names: { vocoder: 'v64', vae: 'demo' } })).rejects.toThrow(
      "VAE demo has another log-mel front end than the vocoder v64: nMels 40 (the vocoder's: 64)",
    );
  });

  it('kielo generate --mel-from-vae: prior and --interpolate, and the usage errors', async () => {
    const vocoder = temp.path('vocoder');
    await saveWavenet(vocoder, await tinyVocoder());
    const out = temp.path('prior.wav');
    const run = await kielo('generate', '--model', vocoder, '--mel-from-vae', VAE, '--seconds', '0.4', '--seed', '2', '--out', out, '--json');
    expect(run.code).toBe(EXIT.ok);
    expect(JSON.parse(run.stdout)).toMatchObject({ file: out, seconds: 0.4, sampleRate: 16000, seed: 2 });
    expect(readFileSync(out).readUInt32LE(40)).toBe(6400 * 2);
    const between = await kielo('generate', '--model', vocoder, '--mel-from-vae', VAE, '--interpolate', A, B, '--seconds', '0.4', '--out', temp.path('i.wav'));
    expect(between.code).toBe(EXIT.ok);

    const oneFile = await kielo('generate', '--model', vocoder, '--mel-from-vae', VAE, '--interpolate', A, '--seconds', '0.4', '--out', temp.path('x.wav'));
    expect(oneFile.code).toBe(EXIT.usage);
    expect(oneFile.stderr).toMatch(/--interpolate needs two audio files after the options, got 1/);
    const both = await kielo('generate', '--model', vocoder, '--mel-from-vae', VAE, '--mel-from', A, '--out', temp.path('x.wav'));
    expect(both.code).toBe(EXIT.usage);
    expect(both.stderr).toMatch(/give one of --mel-from, --mel-from-vae and --mel-from-prior/);
    const plain = await kielo('generate', '--model', 'assets/demo/models/wavenet', '--mel-from-vae', VAE, '--seconds', '0.2', '--out', temp.path('x.wav'));
    expect(plain.code).toBe(EXIT.usage);
    expect(plain.stderr).toMatch(/assets\/demo\/models\/wavenet is not a vocoder: trained with --condition none/);
    const notVae = await kielo('generate', '--model', vocoder, '--mel-from-vae', vocoder, '--seconds', '0.2', '--out', temp.path('x.wav'));
    expect(notVae.code).toBe(EXIT.inputFailed);
    expect(notVae.stderr).toMatch(/kielo\.json: a model of kind 'wavenet'; this needs a VAE/);
  });
});

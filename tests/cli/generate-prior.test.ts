/** kielo generate --mel-from-prior: a unit prior's babble through a vocoder, seeded; wrong models refused clearly. */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EXIT } from '../../src/cli/main';
import { initEngine } from '../../src/engine';
import { resolveFeatureSpec, type FeatureMatrix } from '../../src/features';
import { fitUnitPrior, saveUnitPrior } from '../../src/models/unit-prior';
import { buildWavenet, readWavenetWeights, saveWavenet } from '../../src/models/wavenet';
import { makeRng } from '../../src/util/random';
import { makeTempDir } from '../audio/fixtures';
import { kielo } from './lid-cli';
import { samplesOf } from './wav-samples';

const temp = makeTempDir('kielo-generate-prior-');
afterAll(() => temp.remove());

/** Random 40-band frames with a loud and a quiet half, so the prior has pauses and speech. */
function frames(seed: number): FeatureMatrix {
  const rng = makeRng(seed);
  const data = Float32Array.from({ length: 200 * 40 }, (_, i) => (Math.floor(i / 40) % 50 < 25 ? -2 : -12) + rng());
  return { data, frames: 200, dims: 40 };
}

describe('kielo generate --mel-from-prior', () => {
  it('babbles the asked seconds, the same for a seed; a VAE as prior and a prior without a vocoder are refused', async () => {
    await initEngine('cpu');
    const melSpec = resolveFeatureSpec({ kind: 'logmel', cmvn: 'utterance', nMels: 40 });
    const model = buildWavenet({ layersPerStack: 3, stacks: 1, residualChannels: 8, skipChannels: 8, classes: 64, condition: 'mel', melSpec }, 2);
    const vocoder = temp.path('vocoder');
    await saveWavenet(vocoder, await readWavenetWeights(model));
    model.dispose();
    const prior = temp.path('prior');
    await saveUnitPrior(prior, fitUnitPrior([frames(1), frames(2)], { units: 4 }), { ...melSpec, cmvn: 'none' }, { engine: 'none' });

    const a = temp.path('a.wav');
    const run = await kielo('generate', '--model', vocoder, '--mel-from-prior', prior, '--seconds', '0.5', '--seed', '7', '--out', a, '--json');
    expect(run.code).toBe(EXIT.ok);
    expect(JSON.parse(run.stdout)).toMatchObject({ seconds: 0.5, sampleRate: 16000, seed: 7 });
    const b = temp.path('b.wav');
    expect((await kielo('generate', '--model', vocoder, '--mel-from-prior', prior, '--seconds', '0.5', '--seed', '7', '--out', b)).code).toBe(EXIT.ok);
    expect(readFileSync(b).equals(readFileSync(a))).toBe(true);

    // --headroom 6 puts the peak at -6 dBFS (16-bit: 0.501 * 32767 = 16423)
    const loud = temp.path('loud.wav');
    expect((await kielo('generate', '--model', vocoder, '--mel-from-prior', prior, '--seconds', '0.5', '--seed', '7', '--headroom', '6', '--out', loud)).code).toBe(EXIT.ok);
    expect(Math.max(...Array.from(samplesOf(loud), Math.abs))).toBeGreaterThanOrEqual(16422);
    expect(Math.max(...Array.from(samplesOf(loud), Math.abs))).toBeLessThanOrEqual(16424);
    expect((await kielo('generate', '--model', vocoder, '--mel-from-prior', prior, '--seconds', '0.5', '--headroom', '-3', '--out', loud)).code).toBe(EXIT.usage);

    const vae = await kielo('generate', '--model', vocoder, '--mel-from-prior', 'assets/demo/models/vae', '--seconds', '0.5', '--out', temp.path('c.wav'));
    expect(vae.code).toBe(EXIT.inputFailed);
    expect(vae.stderr).toMatch(/assets\/demo\/models\/vae\/kielo\.json: a model of kind 'vae'; this needs a unit prior/);
    const both = await kielo('generate', '--model', vocoder, '--mel-from-prior', prior, '--mel-from-vae', 'assets/demo/models/vae', '--seconds', '0.5', '--out', temp.path('d.wav'));
    expect(both.code).toBe(EXIT.usage);
    expect(both.stderr).toMatch(/give one of --mel-from, --mel-from-vae and --mel-from-prior/);
  });
});

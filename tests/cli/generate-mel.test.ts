/** `kielo generate --mel-from FILE`: a log-mel vocoder generates the waveform of a demo clip's frames; errors. */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { loadAudio } from '../../src/audio';
import { EXIT } from '../../src/cli/main';
import { initEngine } from '../../src/engine';
import { extractFeatures, hopSamples } from '../../src/features';
import { buildWavenet, readWavenetWeights, saveWavenet } from '../../src/models/wavenet';
import { makeTempDir } from '../audio/fixtures';
import { kielo } from './lid-cli';
import { expectOneGainApart, samplesOf } from './wav-samples';

const temp = makeTempDir('kielo-generate-mel-');
afterAll(() => temp.remove());
const CLIP = 'assets/demo/asr/test/digits/d0114.flac';
const OTHER = 'assets/demo/asr/test/digits/d0035.flac';

/** A tiny randomly initialised WaveNet (condition 'mel' or 'none') saved to DIR; returns its config. */
async function saveTiny(dir: string, condition: 'mel' | 'none') {
  await initEngine('cpu');
  const model = buildWavenet({ layersPerStack: 3, stacks: 1, residualChannels: 8, skipChannels: 8, classes: 64, condition }, 4);
  const weights = await readWavenetWeights(model);
  model.dispose();
  await saveWavenet(dir, weights);
  return weights.config;
}

describe('kielo generate --mel-from', () => {
  it("generates the clip's frames x hop samples, the same for a seed, other audio for other frames", async () => {
    const vocoder = temp.path('vocoder');
    const config = await saveTiny(vocoder, 'mel');
    const { samples } = await loadAudio(CLIP, { sampleRate: 16000 });
    const expected = extractFeatures(samples, config.melSpec!).frames * hopSamples(config.melSpec!);
    expect(expected).toBeGreaterThan(16000 * 0.5);

    const out = temp.path('a.wav');
    const { code, stdout, stderr } = await kielo('generate', '--model', vocoder, '--mel-from', CLIP, '--out', out, '--seed', '5', '--json');
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(stdout)).toMatchObject({ file: out, seconds: expected / 16000, sampleRate: 16000, seed: 5 });
    const a = samplesOf(out);
    expect(a).toHaveLength(expected);
    expect(new Set(a).size).toBeGreaterThan(5); // sampled audio, not one value

    const again = temp.path('again.wav');
    expect((await kielo('generate', '--model', vocoder, '--mel-from', CLIP, '--out', again, '--seed', '5')).code).toBe(EXIT.ok);
    expect(readFileSync(again)).toEqual(readFileSync(out));

    // --seconds shortens; the frames condition the output: another clip's frames give other audio (same seed)
    const short = temp.path('short.wav');
    expect((await kielo('generate', '--model', vocoder, '--mel-from', CLIP, '--seconds', '0.25', '--out', short, '--seed', '5')).code).toBe(EXIT.ok);
    // the same samples up to the one gain that gives each output its frames' level (vocodeLogMel), measured on its own length
    expectOneGainApart(samplesOf(short), a.subarray(0, 4000));
    const other = temp.path('other.wav');
    expect((await kielo('generate', '--model', vocoder, '--mel-from', OTHER, '--seconds', '0.25', '--out', other, '--seed', '5')).code).toBe(EXIT.ok);
    expect(Array.from(samplesOf(other))).not.toEqual(Array.from(a.subarray(0, 4000)));

    const long = await kielo('generate', '--model', vocoder, '--mel-from', CLIP, '--seconds', '30', '--out', temp.path('long.wav'));
    expect(long.code).toBe(EXIT.usage);
    expect(long.stderr).toMatch(new RegExp(`--seconds 30 is longer than the ${(expected / 16000).toFixed(2)} s the log-mel frames of .*d0114\\.flac cover`));
  });

  it('a vocoder without --mel-from is refused clearly; an unconditioned model given --mel-from is a usage error', async () => {
    const vocoder = temp.path('vocoder2');
    await saveTiny(vocoder, 'mel');
    const without = await kielo('generate', '--model', vocoder, '--seconds', '0.1', '--out', temp.path('x.wav'));
    expect(without.code).toBe(EXIT.usage);
    expect(without.stderr).toMatch(/vocoder2 is a log-mel vocoder: give it frames to play \(--mel-from FILE, --mel-from-vae VAE or --mel-from-prior PRIOR\)/);

    const plain = temp.path('plain');
    await saveTiny(plain, 'none');
    const given = await kielo('generate', '--model', plain, '--mel-from', CLIP, '--out', temp.path('y.wav'));
    expect(given.code).toBe(EXIT.usage);
    expect(given.stderr).toMatch(/--mel-from, --mel-from-vae and --mel-from-prior are only for a log-mel vocoder \(kielo train wavenet --condition mel\); .*plain is condition 'none'/);
    // without --mel-from, --seconds stays required
    const noSeconds = await kielo('generate', '--model', plain, '--out', temp.path('z.wav'));
    expect(noSeconds.code).toBe(EXIT.usage);
    expect(noSeconds.stderr).toMatch(/--seconds S is required/);
  });
});

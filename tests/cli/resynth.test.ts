/** `kielo resynth`: a file through a (tiny, untrained) vocoder and Griffin-Lim, the figures, and the bad-input errors. */
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { loadAudio } from '../../src/audio';
import { EXIT } from '../../src/cli/main';
import { initEngine } from '../../src/engine';
import { spectralDistortion } from '../../src/metrics/spectral-distortion';
import { buildWavenet, readWavenetWeights, saveWavenet } from '../../src/models/wavenet';
import { makeTempDir, writeTone } from '../audio/fixtures';
import { kielo } from './lid-cli';

const temp = makeTempDir('kielo-resynth-');
afterAll(() => temp.remove());

/** A tiny randomly initialised WaveNet saved to DIR (condition 'mel' or 'none'). */
async function saveTiny(dir: string, condition: 'mel' | 'none'): Promise<string> {
  await initEngine('cpu');
  const model = buildWavenet({ layersPerStack: 3, stacks: 1, residualChannels: 8, skipChannels: 8, classes: 64, condition }, 4);
  const weights = await readWavenetWeights(model);
  model.dispose();
  await saveWavenet(dir, weights);
  return dir;
}

describe('kielo resynth', () => {
  it('writes both resyntheses as long as the file (at the vocoder rate) and reports the distortions they have', async () => {
    const vocoder = await saveTiny(temp.path('vocoder'), 'mel');
    // 22.05 kHz stereo-free tone: resampled to the vocoder's 16 kHz first
    const file = writeTone(temp.path('tone.wav'), { rate: 22050, seconds: 0.5, frequencies: [220, 1500], amplitude: 0.4 });
    const out = temp.path('wn.wav');
    const gl = temp.path('gl.wav');
    const { code, stdout, stderr } = await kielo('resynth', '--model', vocoder, file, '--out', out, '--griffin-lim-out', gl, '--seed', '3', '--json');
    expect(stderr).not.toMatch(/error/i);
    expect(code).toBe(EXIT.ok);
    const result = JSON.parse(stdout);
    expect(result).toMatchObject({ file, model: vocoder, sampleRate: 16000, duration: 0.5, frames: 48, seed: 3, temperature: 1 });
    const original = (await loadAudio(file, { sampleRate: 16000 })).samples;
    for (const [take, path] of [[result.wavenet, out], [result.griffinLim, gl]] as const) {
      expect(take.file).toBe(path);
      const written = (await loadAudio(path)).samples;
      expect(written).toHaveLength(8000);
      // the figures are those of the written audio (up to 16-bit rounding)
      const measured = spectralDistortion(original, written, 16000);
      expect(take.lsdDb).toBeCloseTo(measured.lsdDb, 0);
      expect(take.mcdDb).toBeCloseTo(measured.mcdDb, 0);
      expect(take.realTimeFactor).toBeCloseTo(take.seconds / 0.5, 6);
    }
    // Griffin-Lim from the tone's own log-mel is far closer than an untrained vocoder's noise
    expect(result.griffinLim.lsdDb).toBeLessThan(result.wavenet.lsdDb);
    expect(result.griffinLim.lsdDb).toBeLessThan(12);

    const human = await kielo('resynth', '--model', vocoder, file, '--out', temp.path('wn2.wav'), '--no-griffin-lim', '--seed', '3');
    expect(human.code).toBe(EXIT.ok);
    expect(human.stdout).toMatch(/tone\.wav: 0\.50 s, 48 log-mel frames at 16000 Hz/);
    expect(human.stdout).toMatch(new RegExp(`WaveNet +LSD ${result.wavenet.lsdDb.toFixed(2)} dB  MCD ${result.wavenet.mcdDb.toFixed(2)} dB`));
    expect(human.stdout).not.toMatch(/Griffin-Lim/);
  });

  it('says why an input is bad: not a vocoder, a VAE, unreadable audio, too short', async () => {
    const vocoder = await saveTiny(temp.path('vocoder2'), 'mel');
    const plain = await saveTiny(temp.path('plain'), 'none');
    const file = writeTone(temp.path('t.wav'), { rate: 16000, seconds: 0.2, frequencies: [300], amplitude: 0.3 });
    const notVocoder = await kielo('resynth', '--model', plain, file, '--out', temp.path('x.wav'));
    expect(notVocoder.code).toBe(EXIT.usage);
    expect(notVocoder.stderr).toContain(`${plain} is not a vocoder: trained with --condition none`);

    const vae = await kielo('resynth', '--model', 'assets/demo/models/vae', file, '--out', temp.path('x.wav'));
    expect(vae.code).toBe(EXIT.usage);
    expect(vae.stderr).toContain('assets/demo/models/vae is not a vocoder: it is a VAE');

    const junk = temp.path('junk.wav');
    writeFileSync(junk, 'not audio at all');
    const unreadable = await kielo('resynth', '--model', vocoder, junk, '--out', temp.path('x.wav'));
    expect(unreadable.code).toBe(EXIT.inputFailed);
    expect(unreadable.stderr).toMatch(/junk\.wav: not a RIFF\/WAVE file/);

    const short = writeTone(temp.path('short.wav'), { rate: 16000, seconds: 0.01, frequencies: [300], amplitude: 0.3 });
    const tooShort = await kielo('resynth', '--model', vocoder, short, '--out', temp.path('x.wav'));
    expect(tooShort.code).toBe(EXIT.inputFailed);
    expect(tooShort.stderr).toMatch(/short\.wav: too short to resynthesise: 160 samples, one log-mel window is 400/);

    const missing = await kielo('resynth', '--model', vocoder, '--out', temp.path('x.wav'));
    expect(missing.code).toBe(EXIT.usage);
  });
});

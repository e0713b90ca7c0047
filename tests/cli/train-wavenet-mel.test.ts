/** `kielo train wavenet --condition mel`: a log-mel vocoder trained and saved by the CLI. */
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { EXIT } from '../../src/cli/main';
import { loadWavenet } from '../../src/models/wavenet';
import { kielo } from './lid-cli';
import { TINY_WAVENET, useToneFolder } from './wavenet-cli';

const { temp, data } = useToneFolder('kielo-train-wavenet-mel-');

describe('kielo train wavenet --condition mel', () => {
  it('trains a vocoder whose model files carry the log-mel FeatureSpec', async () => {
    const out = temp.path('vocoder');
    const { code, stdout, stderr } = await kielo('train', 'wavenet', '--data', data, '--out', out, '--epochs', '1', ...TINY_WAVENET, '--condition', 'mel', '--json');
    expect(stderr).toMatch(/epoch 1: train loss [\d.]+, validation [\d.]+ bits\/sample/);
    expect(code).toBe(EXIT.ok);
    expect(JSON.parse(stdout).valBitsPerSample).toBeGreaterThan(0);
    const saved = await loadWavenet(out);
    expect(saved.config.condition).toBe('mel');
    expect(saved.tensors.get('layer2/mel')).toHaveLength(40 * 16);
    expect(JSON.parse(readFileSync(`${out}/kielo.json`, 'utf8')).featureSpec).toMatchObject({ kind: 'logmel', nMels: 40, hopMs: 10, cmvn: 'utterance' });
  });

  it('rejects an unknown condition with exit 1', async () => {
    const bad = await kielo('train', 'wavenet', '--data', data, '--out', temp.path('x'), '--condition', 'spectrogram');
    expect(bad.code).toBe(EXIT.usage);
    expect(bad.stderr).toMatch(/--condition must be one of none, mel, got 'spectrogram'/);
  });
});

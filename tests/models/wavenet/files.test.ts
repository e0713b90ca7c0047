import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWavenet, loadWavenet, readWavenetWeights, saveWavenet } from '../../../src/models/wavenet';

const dir = mkdtempSync(join(tmpdir(), 'kielo-wavenet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('WaveNet model files', () => {
  it('round-trips config, labels and every weight exactly', async () => {
    const model = buildWavenet({ layersPerStack: 2, stacks: 2, residualChannels: 4, skipChannels: 8, classes: 32, labels: ['a', 'b'] }, 5);
    const weights = await readWavenetWeights(model);
    model.dispose();
    await saveWavenet(join(dir, 'm'), weights, { valBitsPerSample: 3.5 });
    const loaded = await loadWavenet(join(dir, 'm'));
    expect(loaded.config).toEqual(weights.config);
    expect(loaded.metadata).toMatchObject({ kind: 'wavenet', labels: ['a', 'b'], receptiveField: 7, metrics: { valBitsPerSample: 3.5 } });
    for (const [name, values] of weights.tensors) expect(loaded.tensors.get(name)).toEqual(values);
  });

  it('names the file and the problem for a missing, corrupt, foreign or truncated model', async () => {
    await expect(loadWavenet(join(dir, 'none'))).rejects.toThrow(/none\/kielo\.json: not found/);
    writeFileSync(join(dir, 'm', 'weights.bin'), Buffer.alloc(12));
    await expect(loadWavenet(join(dir, 'm'))).rejects.toThrow(/weights\.bin: holds 12 bytes, the config needs \d+/);
    writeFileSync(join(dir, 'm', 'kielo.json'), '{"kind": "lid"}');
    await expect(loadWavenet(join(dir, 'm'))).rejects.toThrow(/kielo\.json: not a WaveNet model \(kind "lid"\)/);
    writeFileSync(join(dir, 'm', 'kielo.json'), '{oops');
    await expect(loadWavenet(join(dir, 'm'))).rejects.toThrow(/kielo\.json: not valid JSON/);
    writeFileSync(join(dir, 'm', 'kielo.json'), '{"kind": "wavenet", "config": {"stacks": 99}}');
    await expect(loadWavenet(join(dir, 'm'))).rejects.toThrow(/kielo\.json: wavenet config: stacks must be/);
  });
});

import { afterAll, describe, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildWavenet, loadWavenet, readWavenetWeights, saveWavenet, wavenetParamShapes, type WavenetWeights } from '../../../src/models/wavenet';
import { readModelMetadata } from '../../../src/models/io';

const dir = mkdtempSync(join(tmpdir(), 'kielo-wavenet-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let weights: WavenetWeights;

describe('WaveNet model files', () => {
  it('round-trips config, labels and every weight exactly, in the model files of models/io', async () => {
    const model = buildWavenet({ layersPerStack: 2, stacks: 2, residualChannels: 4, skipChannels: 8, classes: 32, labels: ['a', 'b'] }, 5);
    weights = await readWavenetWeights(model);
    model.dispose();
    await saveWavenet(join(dir, 'm'), weights, { valBitsPerSample: 3.5, engine: 'cpu', data: '/data/tones' });
    const loaded = await loadWavenet(join(dir, 'm'));
    expect(loaded.config).toEqual(weights.config);
    expect(loaded.metadata).toMatchObject({ kind: 'wavenet', labels: ['a', 'b'], receptiveField: 7, metrics: { valBitsPerSample: 3.5 }, engine: 'cpu', notes: { data: '/data/tones' } });
    for (const [name, values] of weights.tensors) expect(loaded.tensors.get(name)).toEqual(values);
    // the same kielo.json every model has (read by the generic reader), and a weights manifest in parameter order
    expect(await readModelMetadata(join(dir, 'm'))).toMatchObject({ kind: 'wavenet', featureSpec: null, engine: 'cpu' });
    const manifest = JSON.parse(readFileSync(join(dir, 'm', 'weights.json'), 'utf8'));
    expect(manifest.weights.map((w: { name: string }) => w.name)).toEqual(wavenetParamShapes(weights.config).map(([name]) => name));
  });

  it('still loads a model saved before (kielo.json listing the weights, raw float32 weights.bin)', async () => {
    const legacy = join(dir, 'legacy');
    mkdirSync(legacy);
    const shapes = wavenetParamShapes(weights.config);
    const data = Buffer.concat(shapes.map(([name]) => Buffer.from(weights.tensors.get(name)!.buffer.slice(0))));
    writeFileSync(join(legacy, 'weights.bin'), data);
    const metrics = { valBitsPerSample: 4, engine: 'wasm', recipe: 'kielo train wavenet' };
    writeFileSync(join(legacy, 'kielo.json'), JSON.stringify({ kind: 'wavenet', config: weights.config, labels: ['a', 'b'], receptiveField: 7, weights: shapes.map(([name, shape]) => ({ name, shape })), metrics, createdAt: '2026-01-01T00:00:00Z' }));
    const loaded = await loadWavenet(legacy);
    for (const [name, values] of weights.tensors) expect(loaded.tensors.get(name)).toEqual(values);
    expect(loaded.metadata).toMatchObject({ metrics: { valBitsPerSample: 4 }, engine: 'wasm', notes: { recipe: 'kielo train wavenet' }, createdAt: '2026-01-01T00:00:00Z' });
    writeFileSync(join(legacy, 'weights.bin'), data.subarray(0, 12));
    await expect(loadWavenet(legacy)).rejects.toThrow(/legacy\/weights\.bin: holds 12 bytes, the weights listed in kielo\.json need \d+/);
  });

  it('names the file and the problem for a missing, corrupt, foreign, truncated or mismatched model', async () => {
    await expect(loadWavenet(join(dir, 'none'))).rejects.toThrow(/none\/kielo\.json: missing/);
    const m = join(dir, 'm');
    const good = readFileSync(join(m, 'kielo.json'), 'utf8');
    writeFileSync(join(m, 'weights.bin'), Buffer.alloc(12));
    await expect(loadWavenet(m)).rejects.toThrow(/m\/weights\.bin: weight size mismatch: 12 bytes, the manifest expects \d+/);
    writeFileSync(join(m, 'kielo.json'), JSON.stringify({ ...JSON.parse(good), kind: 'lid' }));
    await expect(loadWavenet(m)).rejects.toThrow(/kielo\.json: not a WaveNet model \(kind "lid"\)/);
    writeFileSync(join(m, 'kielo.json'), '{oops');
    await expect(loadWavenet(m)).rejects.toThrow(/kielo\.json: corrupt JSON/);
    await saveWavenet(m, weights);
    writeFileSync(join(m, 'kielo.json'), JSON.stringify({ ...JSON.parse(good), config: { ...weights.config, stacks: 99 } }));
    await expect(loadWavenet(m)).rejects.toThrow(/kielo\.json: wavenet config: stacks must be/);
    writeFileSync(join(m, 'kielo.json'), JSON.stringify({ ...JSON.parse(good), config: { ...weights.config, stacks: 1 } }));
    await expect(loadWavenet(m)).rejects.toThrow(/weights\.bin: wavenet weights: layer2\/gateW, .* not in the model \(the weights do not fit the config\)/);
    writeFileSync(join(m, 'kielo.json'), JSON.stringify({ ...JSON.parse(good), config: { ...weights.config, residualChannels: 6 } }));
    await expect(loadWavenet(m)).rejects.toThrow(/weights\.bin: wavenet weights: 'embed' has 128 values, expected 192 .*do not fit the config/);
    // a foreign model without weights.json is named as such, not as a broken old WaveNet
    writeFileSync(join(dir, 'legacy', 'kielo.json'), '{"kind": "lid-learned"}');
    await expect(loadWavenet(join(dir, 'legacy'))).rejects.toThrow(/legacy\/kielo\.json: not a WaveNet model \(kind "lid-learned"\)/);
  });
});

import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeWav } from '../../../src/audio';
import { initEngine } from '../../../src/engine';
import { generateFromLatent } from '../../../src/generate/latent';
import { encodeFile, loadGenerative, loadGenerativeCurves, reconstructFile } from '../../../src/models/generative';
import { trainGenerative } from '../../../src/train/generative';

let dir: string;
const data = () => join(dir, 'data');

/** A 16 kHz tone of `seconds` with a slow vibrato (so patches differ). */
function tone(f: number, seconds: number): Float32Array {
  const x = new Float32Array(Math.round(seconds * 16000));
  let phase = 0;
  for (let i = 0; i < x.length; i++) {
    phase += (2 * Math.PI * f * (1 + 0.05 * Math.sin((2 * Math.PI * 3 * i) / 16000))) / 16000;
    x[i] = 0.3 * Math.sin(phase) + 0.1 * Math.sin(3 * phase);
  }
  return x;
}

beforeAll(async () => {
  await initEngine();
  dir = mkdtempSync(join(tmpdir(), 'kielo-generative-'));
  for (const [label, f] of [['low', 220], ['high', 880]] as const) {
    mkdirSync(join(data(), label), { recursive: true });
    for (let i = 0; i < 4; i++) await writeWav(join(data(), label, `t${i}.wav`), tone(f * (1 + 0.03 * i), 1), 16000);
  }
  await writeWav(join(data(), 'low', 'short.wav'), tone(300, 0.2), 16000);
  mkdirSync(join(dir, 'empty'));
  writeFileSync(join(dir, 'empty', 'notes.txt'), 'no audio');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('generative recipes', () => {
  it('train an autoencoder on a folder, skip a file shorter than one patch, and save a model that encodes and reconstructs', async () => {
    const out = join(dir, 'ae');
    const events: string[] = [];
    const r = await trainGenerative('ae', { data: data(), out, epochs: 3, code: 4, hidden: [16], learningRate: 3e-3, valFraction: 0.25 }, { onEvent: (e) => events.push(e.type) });
    expect(r.skipped).toEqual([{ file: join(data(), 'low', 'short.wav'), reason: expect.stringMatching(/shorter than one patch of 32 frames \(0\.335 s\)/) }]);
    expect(r.trainFiles + r.validationFiles).toBe(8);
    expect(r.epochs).toBe(3);
    expect(events).toContain('epoch');
    expect(r.valReconstructionDb).toBeGreaterThan(0);
    const model = await loadGenerative(out, ['ae']);
    try {
      const codes = await encodeFile(model, join(data(), 'high', 't0.wav'));
      expect(codes.code).toHaveLength(4);
      expect(codes.patches.length).toBe(codes.starts.length);
      const { samples, distortionDb } = await reconstructFile(model, join(data(), 'high', 't0.wav'));
      expect(samples.length).toBe((98 - 1) * 160 + 400); // 1 s: 98 frames
      expect(distortionDb).toBeGreaterThan(0);
      await expect(encodeFile(model, join(data(), 'low', 'short.wav'))).rejects.toThrow(/short\.wav.*shorter than one patch/);
    } finally {
      model.net.dispose();
    }
    expect((await loadGenerativeCurves(out))?.epochs).toHaveLength(3);
    await expect(loadGenerative(out, ['vae', 'gan'])).rejects.toThrow(/kielo\.json: a model of kind 'ae'; this needs a VAE \('vae'\) or a GAN \('gan'\)/);
    await expect(generateFromLatent(out, { seconds: 1, temperature: 1, seed: 1 })).rejects.toThrow(/kind 'ae'/);
  }, 180_000);

  it('train a GAN whose samples kielo generate turns into audio, with both losses per step in its curves', async () => {
    const out = join(dir, 'gan');
    const r = await trainGenerative('gan', { data: data(), out, epochs: 2, code: 8, hidden: [16], batchSize: 16, valFraction: 0.25 });
    expect(r.validation.diversity).toBeGreaterThan(0);
    const curves = await loadGenerativeCurves(out);
    expect(curves?.steps.discriminator.length).toBe(curves?.steps.generator.length);
    expect(curves!.steps.discriminator.length).toBeGreaterThan(2);
    const g = await generateFromLatent(out, { seconds: 0.9, temperature: 1, seed: 2 });
    expect(g.patches).toBe(2); // 0.435 s per patch and gap
    expect(g.samples.some((v) => v !== 0)).toBe(true);
    await expect(generateFromLatent(out, { seconds: 1, temperature: 1, seed: 1, label: 'low' })).rejects.toThrow(/--label: a GAN is not conditioned/);
  }, 180_000);

  it('refuse a folder with no audio, naming it', async () => {
    await expect(trainGenerative('vae', { data: join(dir, 'empty'), out: join(dir, 'x') })).rejects.toThrow(/empty: no audio files/);
  });
});

/** The unit prior: k-means units, the bigram's starts and durations, sampling, the centroid frames, files, vocoding. */
import { afterAll, describe, expect, it } from 'vitest';
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { extractFeatures, resolveFeatureSpec, type FeatureMatrix } from '../../../src/features';
import { matchLevel } from '../../../src/generate/level-match';
import { levelReference } from '../../../src/features/log-mel-level';
import { fitUnitPrior, levelReferenced, loadUnitPrior, sampleUnits, saveUnitPrior, unitLogMel, type UnitPrior } from '../../../src/models/unit-prior';
import { vocodeUnitPrior } from '../../../src/generate/unit-vocoder';
import { initEngine } from '../../../src/engine';
import { buildWavenet, readWavenetWeights } from '../../../src/models/wavenet';
import { makeRng } from '../../../src/util/random';
import { makeTempDir } from '../../audio/fixtures';

const temp = makeTempDir('kielo-unit-prior-');
afterAll(() => temp.remove());

/**
 * Utterances of 3 bands alternating between two spectral shapes A = (0, -10, -10) and B = (-10, 0, -10) around a
 * level: each file starts in A and holds each shape `run` frames (+ small noise), at a per-file offset of `offsets`.
 */
function alternating(files: number, frames: number, run: number, seed = 3): FeatureMatrix[] {
  const rng = makeRng(seed);
  return Array.from({ length: files }, (_, f) => {
    const offset = -5 * f; // a quieter recording each file: units must not care
    const data = new Float32Array(frames * 3);
    for (let t = 0; t < frames; t++) {
      const shape = Math.floor(t / run) % 2 === 0 ? [0, -10, -10] : [-10, 0, -10];
      for (let m = 0; m < 3; m++) data[t * 3 + m] = shape[m] + offset + 0.1 * (rng() - 0.5);
    }
    return { data, frames, dims: 3 };
  });
}

describe('unit prior', () => {
  it('moves each file to one reference level (its 95th-percentile frame energy to 0)', () => {
    const m: FeatureMatrix = { data: Float32Array.from([2, 2, -8, -8, 12, 12]), frames: 3, dims: 2 };
    // frame energies 2, -8, 12: the 95th percentile of 3 frames is the loudest, 12
    expect(Array.from(levelReferenced(m).data)).toEqual([-10, -10, -20, -20, 0, 0]);
    // energy is the log of the mean power: (0, -inf-ish) is ln(1/2) below (0, 0)
    expect(levelReference({ data: Float32Array.of(0, -100), frames: 1, dims: 2 })).toBeCloseTo(-Math.LN2, 6);
  });

  it('finds the two shapes whatever the file level, starts in A, and holds each unit for its run length', () => {
    const prior = fitUnitPrior(alternating(6, 400, 8), { units: 2, seed: 1 });
    expect(prior).toMatchObject({ units: 2, bands: 3 });
    const a = prior.centroids[0] > prior.centroids[1] ? 0 : 1; // unit A is loudest in band 0
    const b = 1 - a;
    // levelReferenced puts each file's loudest frames (both shapes have energy ln((1 + 2e-10) / 3) ~ -ln 3) at 0
    expect(prior.centroids[a * 3]).toBeCloseTo(Math.log(3), 1);
    expect(prior.centroids[b * 3 + 1]).toBeCloseTo(Math.log(3), 1);
    expect(prior.initial[a]).toBeGreaterThan(0.99);
    // runs of 8: 7 of 8 transitions stay, 1 of 8 switches
    expect(prior.transitions[a * 2 + a]).toBeCloseTo(7 / 8, 2);
    expect(prior.transitions[a * 2 + b]).toBeCloseTo(1 / 8, 2);
    expect(prior.transitions[b * 2 + a] + prior.transitions[b * 2 + b]).toBeCloseTo(1, 5);
    // files' reference levels are -ln 3 + 0, -5, ..., -25: the median (upper of the middle two) is -ln 3 - 10
    expect(prior.referenceLevel).toBeCloseTo(-Math.log(3) - 10, 1);
    // the same seed fits the same prior
    expect(Array.from(fitUnitPrior(alternating(6, 400, 8), { units: 2, seed: 1 }).centroids)).toEqual(Array.from(prior.centroids));
  });

  it('samples sequences with the bigram\'s durations, the same for a seed', () => {
    const prior = fitUnitPrior(alternating(6, 400, 8), { units: 2, seed: 1 });
    const units = sampleUnits(prior, 20000, 4);
    let switches = 0;
    for (let t = 1; t < units.length; t++) if (units[t] !== units[t - 1]) switches++;
    // geometric runs with mean 8 frames
    expect(units.length / (switches + 1)).toBeGreaterThan(7);
    expect(units.length / (switches + 1)).toBeLessThan(9);
    expect(Array.from(sampleUnits(prior, 50, 4))).toEqual(Array.from(units.subarray(0, 50)));
    expect(Array.from(sampleUnits(prior, 50, 5))).not.toEqual(Array.from(units.subarray(0, 50)));
    expect(() => sampleUnits(prior, 0, 1)).toThrow(/positive integer/);
  });

  it('makes a unit sequence into its centroid frames, smoothed 1/4, 1/2, 1/4 over time', () => {
    const prior: UnitPrior = { units: 2, bands: 1, centroids: Float32Array.of(0, 8), initial: Float32Array.of(1, 0), transitions: Float32Array.of(0.5, 0.5, 0.5, 0.5), referenceLevel: -3 };
    const m = unitLogMel(prior, Int32Array.of(0, 0, 1, 1, 0));
    expect(Array.from(m.data)).toEqual([-3, -1, 3, 3, -1]); // at the corpus's median level
    expect(m).toMatchObject({ frames: 5, dims: 1 });
  });

  it('puts a log-mel sequence\'s level back on audio with one gain', () => {
    const spec = resolveFeatureSpec({ kind: 'logmel', nMels: 40, cmvn: 'none' });
    const tone = (amplitude: number) => Float32Array.from({ length: 8000 }, (_, i) => amplitude * Math.sin((2 * Math.PI * 440 * i) / 16000));
    const target = extractFeatures(tone(0.4), spec);
    const { samples, gainDb } = matchLevel(tone(0.1), target, spec);
    expect(gainDb).toBeCloseTo(20 * Math.log10(4), 1);
    expect(samples[100]).toBeCloseTo(tone(0.4)[100], 2);
    // a gain past full scale clips instead of wrapping
    expect(Math.max(...matchLevel(tone(0.1), extractFeatures(tone(0.9), spec), spec).samples.map(Math.abs))).toBeLessThanOrEqual(1);
  });

  it('refuses what it cannot fit', () => {
    expect(() => fitUnitPrior([], { units: 2 })).toThrow(/no frames/);
    expect(() => fitUnitPrior(alternating(1, 3, 1), { units: 4 })).toThrow(/fewer than 4 units/);
    expect(() => fitUnitPrior(alternating(1, 30, 3), { units: 1 })).toThrow(/units must be/);
    expect(() => fitUnitPrior([{ data: new Float32Array(6), frames: 2, dims: 3 }, { data: new Float32Array(4), frames: 2, dims: 2 }], { units: 2 })).toThrow(/3 and 2 bands/);
  });

  it('saves and loads; a broken file is refused naming the file and the reason', async () => {
    const spec = resolveFeatureSpec({ kind: 'logmel', nMels: 3 });
    const prior = fitUnitPrior(alternating(3, 100, 5), { units: 2 });
    const dir = temp.path('prior');
    await saveUnitPrior(dir, prior, spec, { files: 3, engine: 'none' });
    const loaded = await loadUnitPrior(dir);
    expect(Array.from(loaded.prior.transitions)).toEqual(Array.from(prior.transitions));
    expect(loaded.spec.nMels).toBe(3);
    expect(loaded.metadata.metrics.files).toBe(3);

    // transitions that are not probabilities
    const bin = join(dir, 'weights.bin');
    const bytes = readFileSync(bin);
    const values = new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length));
    values[values.length - 1] = 5; // the last transition
    writeFileSync(bin, Buffer.from(values.buffer));
    await expect(loadUnitPrior(dir)).rejects.toThrow(/weights\.bin.*'transitions' row 1 sums to/);

    // another kind of model
    await expect(loadUnitPrior('assets/demo/models/vae')).rejects.toThrow(/kielo\.json.*kind 'vae'.*unit prior/);
  });

  it('babbles through a vocoder in one call; a prior at another front end is refused', async () => {
    await initEngine('cpu');
    const melSpec = resolveFeatureSpec({ kind: 'logmel', cmvn: 'utterance', nMels: 3 });
    const model = buildWavenet({ layersPerStack: 3, stacks: 1, residualChannels: 8, skipChannels: 8, classes: 64, condition: 'mel', melSpec }, 2);
    const weights = await readWavenetWeights(model);
    model.dispose();
    const dir = temp.path('prior-3');
    await saveUnitPrior(dir, fitUnitPrior(alternating(3, 100, 5), { units: 2 }), { ...melSpec, cmvn: 'none' }, { engine: 'none' });
    const a = await vocodeUnitPrior(weights, dir, { seconds: 0.25, seed: 7 });
    expect(a.samples.length).toBe(4000);
    expect(a.units.length).toBe(25); // 4000 samples / 160-sample hop
    const again = await vocodeUnitPrior(weights, dir, { seconds: 0.25, seed: 7 });
    expect(Array.from(again.samples)).toEqual(Array.from(a.samples));

    const other = temp.path('prior-hop');
    await saveUnitPrior(other, fitUnitPrior(alternating(3, 100, 5), { units: 2 }), { ...melSpec, cmvn: 'none', hopMs: 20 }, { engine: 'none' });
    await expect(vocodeUnitPrior(weights, other, { seconds: 0.25, seed: 7, names: { vocoder: 'V', prior: 'P' } })).rejects.toThrow(/unit prior P has another log-mel front end than the vocoder V: hopMs 20/);
  });
});

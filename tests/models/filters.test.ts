import { describe, expect, it } from 'vitest';
import { initEngine } from '../../src/engine';
import { analyseFilters, modelFilters, powerResponse } from '../../src/models/filters';
import { buildLidModel } from '../../src/models/lid';

describe('filter analysis', () => {
  it('powerResponse of a unit impulse is flat at 1; of a 2-tap average falls to 0 at Nyquist', () => {
    const flat = powerResponse([1], 16);
    for (const p of flat) expect(p).toBeCloseTo(1, 10);
    const avg = powerResponse([0.5, 0.5], 16);
    expect(avg[0]).toBeCloseTo(1, 10);
    expect(avg[8]).toBeCloseTo(0, 10);
    expect(() => powerResponse(new Float32Array(20), 16)).toThrow(/fftSize >= 20/);
  });

  it('a sinc front end: filters sorted by centre, each passing its band at ~0 dB, cumulative response ~flat', async () => {
    await initEngine('cpu');
    const model = buildLidModel({ frontend: 'sinc', filters: 20, channels: [4], dilations: [1], embedding: 4 }, 2);
    const a = modelFilters(model, 16000);
    expect(a.filters).toHaveLength(20);
    expect(a.freqsHz).toHaveLength(513);
    expect(a.freqsHz[512]).toBe(8000);
    const centres = a.filters.map((f) => f.centreHz);
    expect([...centres].sort((x, y) => x - y)).toEqual(centres);
    expect(centres[0]).toBeLessThan(200);
    expect(centres[19]).toBeGreaterThan(6000);
    for (const f of a.filters) {
      expect(f.impulse).toHaveLength(400);
      const bin = Math.round((f.centreHz / 8000) * 512);
      expect(Math.abs(f.magnitudeDb[bin])).toBeLessThan(3);
    }
    // a mid filter stops far-away frequencies
    const mid = a.filters[10];
    expect(mid.magnitudeDb[Math.round((7500 / 8000) * 512)]).toBeLessThan(-20);
    // adjacent unit-gain bands: the summed power stays within a few dB of 0 dB between 300 Hz and 7 kHz
    for (let k = Math.round((300 / 8000) * 512); k < Math.round((7000 / 8000) * 512); k++) expect(Math.abs(a.cumulativeDb[k])).toBeLessThan(4);
    expect(a.mel).toHaveLength(20);
    expect(a.mel[0].centreHz).toBeLessThan(a.mel[19].centreHz);
  });

  it('refuses an MFCC model and a kernel of the wrong size', async () => {
    await initEngine('cpu');
    const mfcc = buildLidModel({ frontend: 'mfcc', channels: [4], dilations: [1], embedding: 4 }, 2);
    expect(() => modelFilters(mfcc, 16000)).toThrow(/no learned front end/);
    expect(() => analyseFilters(new Float32Array(401), 400, 16000)).toThrow(/not \[400 x 2F\]/);
  });
});

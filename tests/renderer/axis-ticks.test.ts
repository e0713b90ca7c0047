/** Axis ticks of the audio views: seconds that follow zoom and scroll, Hz on linear and mel axes, amplitude, dB. */
import { describe, expect, it } from 'vitest';
import { amplitudeTicks, dbfsLabel, frequencyAt, frequencyPosition, frequencyTicks, hzLabel, levelTicks, niceStep, timeTicks } from '../../renderer/components/axis-ticks';
import { maxPxPerSec, zoomPxPerSec, ZOOM_STEPS } from '../../renderer/components/time-window';

/** The HTK mel scale, written out here (the renderer's tests see no src/ but the contract). */
const hzToMel = (hz: number, _scale: 'htk') => 2595 * Math.log10(1 + hz / 700);
const melToHz = (mel: number, _scale: 'htk') => 700 * (10 ** (mel / 2595) - 1);

const labels = (ticks: { label: string }[]) => ticks.map((t) => t.label);

describe('time ticks', () => {
  it('puts 1-2-5 steps over the visible seconds, at their place in the window', () => {
    expect(niceStep(0.13)).toBe(0.2);
    expect(niceStep(3)).toBe(5);
    const fit = timeTicks(0, 2, 1000);
    expect(labels(fit)).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0', '1.2', '1.4', '1.6', '1.8', '2.0']);
    const scrolled = timeTicks(1.05, 1.55, 1000);
    expect(labels(scrolled)).toEqual(['1.05', '1.10', '1.15', '1.20', '1.25', '1.30', '1.35', '1.40', '1.45', '1.50', '1.55']);
    expect(scrolled[1].at).toBeCloseTo(0.1, 9);
  });

  it('labels single-sample zoom with enough decimals (44.1 kHz, 40 samples across 1000 px)', () => {
    const ticks = timeTicks(0.5, 0.5 + 40 / 44100, 1000);
    expect(labels(ticks).slice(0, 3)).toEqual(['0.5000', '0.5001', '0.5002']);
  });
});

describe('frequency ticks', () => {
  const linear = Array.from({ length: 180 }, (_, r) => ((r + 0.5) / 180) * 8000);
  const melRows = (n: number, top: number) => Array.from({ length: n }, (_, r) => melToHz(((r + 1) * hzToMel(top, 'htk')) / (n + 1), 'htk'));

  it('writes Hz and kHz at even steps on a linear axis', () => {
    expect(hzLabel(500)).toBe('500 Hz');
    expect(hzLabel(2500)).toBe('2.5 kHz');
    const ticks = frequencyTicks(linear, 180);
    expect(labels(ticks)).toEqual(['0 Hz', '1 kHz', '2 kHz', '3 kHz', '4 kHz', '5 kHz', '6 kHz', '7 kHz', '8 kHz']);
    expect(ticks[4].at).toBeCloseTo(0.5, 9);
  });

  it('writes Hz at their mel positions on a mel axis (1 kHz well above an eighth of the way up)', () => {
    const rows = melRows(40, 8000);
    const ticks = frequencyTicks(rows, 180);
    expect(labels(ticks)).toContain('1 kHz');
    const oneK = ticks.find((t) => t.value === 1000)!;
    const expected = (hzToMel(1000, 'htk') / hzToMel(8000, 'htk')) * (41 / 40) - 0.5 / 40;
    expect(oneK.at).toBeCloseTo(expected, 2);
    expect(oneK.at).toBeGreaterThan(0.3); // 1000 / 8000 = 0.125 on a linear axis
    for (let i = 1; i < ticks.length; i++) expect((ticks[i].at - ticks[i - 1].at) * 180).toBeGreaterThanOrEqual(22);
  });

  it('reads the frequency under the pointer back from a position', () => {
    const rows = melRows(80, 22050);
    for (const hz of [300, 1000, 4000, 12000]) expect(frequencyAt(frequencyPosition(hz, rows)!, rows)).toBeCloseTo(hz, 6);
    expect(frequencyAt(0.5, linear)).toBeCloseTo(4000, 6);
  });
});

describe('amplitude and level ticks', () => {
  it('spans full scale (1 = 0 dBFS) or the normalised peak', () => {
    expect(labels(amplitudeTicks(1, 120))).toEqual(['-1.0', '-0.5', '0', '0.5', '1.0']);
    expect(labels(amplitudeTicks(0.056, 120))).toEqual(['-0.04', '-0.02', '0', '0.02', '0.04']);
    expect(amplitudeTicks(0.056, 120).every((t) => Math.abs(t.value) <= 0.056)).toBe(true);
    expect(labels(levelTicks(0, 70, 180))).toEqual(['-70', '-60', '-50', '-40', '-30', '-20', '-10', '0']);
    expect(dbfsLabel(10 ** (-25 / 20))).toBe('-25.0 dBFS');
    expect(dbfsLabel(0)).toBe('silent');
  });
});

describe('zoom', () => {
  it('goes from fit to single samples geometrically, capped by the widest waveform a browser takes', () => {
    expect(maxPxPerSec(44100, 2)).toBe(44100 * 32);
    expect(maxPxPerSec(44100, 3600)).toBeCloseTo(16e6 / 3600, 6);
    expect(zoomPxPerSec(0, 550, 1e6)).toBe(0);
    expect(zoomPxPerSec(ZOOM_STEPS, 550, 1e6)).toBeCloseTo(1e6, 3);
    expect(zoomPxPerSec(ZOOM_STEPS / 2, 100, 1e6)).toBeCloseTo(1e4, 3);
  });
});

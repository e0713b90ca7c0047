// @vitest-environment happy-dom
/** The waveform player: wavesurfer plays and zooms, the lanes are drawn here from back-end stretches, with axes. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ApiContext } from '../../renderer/api/context';
import { Waveform } from '../../renderer/components/Waveform';
import { TimeAxis, FrequencyAxis, ColourBar } from '../../renderer/components/axes';
import { drawWave, DOTS_FROM_PX_PER_SAMPLE } from '../../renderer/components/wave-draw';
import { maxPxPerSec, zoomPxPerSec } from '../../renderer/components/time-window';
import type { Waveform as WaveformData } from '../../src/api/contract';
import { fakeApi } from './fake-api';

const surfer = { on: vi.fn(() => () => {}), destroy: vi.fn(), zoom: vi.fn(), getDuration: () => 2, getScroll: () => 0, getWidth: () => 800, playPause: vi.fn(async () => {}) };
const create = vi.fn((_options: unknown) => surfer);
vi.mock('wavesurfer.js', () => ({ default: { create: (options: unknown) => create(options) } }));
const region = { play: vi.fn(), remove: vi.fn(), start: 0.5, end: 0.75 };
const regionHandlers = new Map<string, (r: unknown) => void>();
const plugin = { enableDragSelection: vi.fn(() => () => {}), on: vi.fn((e: string, h: (r: unknown) => void) => (regionHandlers.set(e, h), () => {})), getRegions: () => [region] };
vi.mock('wavesurfer.js/dist/plugins/regions.esm.js', () => ({ default: { create: () => plugin } }));

afterEach(cleanup);

const overview = (channels: number, peak: number): WaveformData => ({
  durationSec: 2, sampleRate: 44100, startSec: 0, endSec: 2, exact: false, firstSample: 0, peak,
  channels: Array.from({ length: channels }, () => ({ min: [-peak], max: [peak] })),
});
const withApi = (ui: ReactNode) => render(<ApiContext.Provider value={fakeApi()}>{ui}</ApiContext.Provider>);

describe('Waveform', () => {
  it('hands wavesurfer the duration, a blob URL to play and the Regions plugin for drag selection, and draws nothing of its own', () => {
    globalThis.URL.createObjectURL = vi.fn(() => 'blob:x');
    globalThis.URL.revokeObjectURL = vi.fn();
    withApi(<Waveform id="f1" view="file" overview={overview(2, 0.5)} audio={{ mime: 'audio/wav', base64: 'UklGRg==' }} normalise={false} />);
    expect(create).toHaveBeenLastCalledWith(expect.objectContaining({ duration: 2, url: 'blob:x', height: 160, plugins: [plugin] }));
    expect(plugin.enableDragSelection).toHaveBeenCalled();
  });

  it('shows every channel with an amplitude axis at full scale, or at the peak when normalised', () => {
    const { rerender } = withApi(<Waveform id="f1" view="file" overview={overview(2, 0.056)} audio={null} normalise={false} />);
    const axes = screen.getAllByRole('group', { name: 'Amplitude (linear, 1 = full scale)' });
    expect(axes).toHaveLength(2);
    expect([...axes[0].querySelectorAll('.axis-tick')].map((t) => t.textContent)).toEqual(['-1.0', '-0.5', '0', '0.5', '1.0']);
    expect(screen.getByText(/44100 Hz · 2 channels · peak -25.0 dBFS/)).toBeTruthy();
    rerender(<ApiContext.Provider value={fakeApi()}><Waveform id="f1" view="file" overview={overview(2, 0.056)} audio={null} normalise /></ApiContext.Provider>);
    const normalised = screen.getAllByRole('group', { name: 'Amplitude (linear, 1 = full scale)' })[0];
    expect([...normalised.querySelectorAll('.axis-tick')].map((t) => t.textContent)).toEqual(['-0.05', '0', '0.05']);
  });

  it('plays and pauses on Space except while typing; zooms geometrically down to samples; plays the dragged selection', () => {
    withApi(
      <>
        <input aria-label="typing" />
        <Waveform id="f1" view="file" overview={overview(1, 0.5)} audio={{ mime: 'audio/wav', base64: 'UklGRg==' }} normalise={false} />
      </>,
    );
    surfer.playPause.mockClear();
    fireEvent.keyDown(window, { code: 'Space' });
    expect(surfer.playPause).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByLabelText('typing'), { code: 'Space' });
    expect(surfer.playPause).toHaveBeenCalledTimes(1);
    fireEvent.change(screen.getByRole('slider', { name: 'Zoom' }), { target: { value: '1000' } });
    expect(surfer.zoom).toHaveBeenLastCalledWith(maxPxPerSec(44100, 2));
    expect(maxPxPerSec(44100, 2)).toBeGreaterThan(500);
    fireEvent.click(screen.getByRole('button', { name: 'Fit' }));
    expect(surfer.zoom).toHaveBeenLastCalledWith(0);
    expect(zoomPxPerSec(500, 400, 1.6e5)).toBeCloseTo(8000, 6);
    expect(screen.getByRole('button', { name: 'Play selection' })).toHaveProperty('disabled', true);
    fireEvent.click(screen.getByRole('button', { name: 'Play' }));
    act(() => regionHandlers.get('region-created')?.(region));
    expect((screen.getByTestId('selection').textContent ?? '')).toBe('Selection 0.500–0.750 s (0.250 s)');
    fireEvent.click(screen.getByRole('button', { name: 'Play selection' }));
    expect(region.play).toHaveBeenCalledWith(true);
  });
});

describe('drawWave', () => {
  /** A canvas context that records what is drawn. */
  const recorder = () => {
    const calls: { op: string; args: number[] }[] = [];
    const rec = (op: string) => (...args: number[]) => void calls.push({ op, args });
    const ctx = { clearRect: rec('clearRect'), fillRect: rec('fillRect'), beginPath: rec('beginPath'), moveTo: rec('moveTo'), lineTo: rec('lineTo'), stroke: rec('stroke'), fillStyle: '', strokeStyle: '' };
    return { ctx: ctx as unknown as CanvasRenderingContext2D, calls };
  };
  const exact = (n: number): WaveformData => ({ durationSec: 1, sampleRate: 1000, startSec: 0.1, endSec: 0.1 + n / 1000, exact: true, firstSample: 100, peak: 1, channels: [{ min: Array.from({ length: n + 1 }, (_, i) => (i % 2 ? 0.5 : -0.5)), max: Array.from({ length: n + 1 }, (_, i) => (i % 2 ? 0.5 : -0.5)) }] });

  it('draws sample points as a line through each sample and, at deep zoom, a dot on each', () => {
    const { ctx, calls } = recorder();
    drawWave(ctx, exact(10), { width: 100, laneHeight: 100, fullScale: 1 }, '#000');
    const line = calls.filter((c) => c.op === 'lineTo' || c.op === 'moveTo');
    expect(line.map((c) => c.args.map((v) => Math.round(v * 1e6) / 1e6))).toEqual(Array.from({ length: 11 }, (_, i) => [i * 10, i % 2 ? 25 : 75]));
    const dots = calls.filter((c) => c.op === 'fillRect' && c.args[2] === 3);
    expect(dots).toHaveLength(11);
    expect(100 / 10).toBeGreaterThanOrEqual(DOTS_FROM_PX_PER_SAMPLE);
  });

  it('draws a quiet file small at full scale (honest levels) and a column per min-max pair', () => {
    const { ctx, calls } = recorder();
    const quiet: WaveformData = { ...exact(0), exact: false, channels: [{ min: [-0.056, -0.01], max: [0.056, 0.01] }] };
    drawWave(ctx, quiet, { width: 2, laneHeight: 200, fullScale: 1 }, '#000');
    const bars = calls.filter((c) => c.op === 'fillRect' && c.args[2] === 1 && c.args[3] > 1);
    expect(bars.map((b) => b.args.map((v) => Math.round(v * 10) / 10))).toEqual([[0, 94.4, 1, 11.2], [1, 99, 1, 2]]);
  });
});

describe('axes', () => {
  it('label seconds of the visible window, Hz on a mel axis, and the colour bar in dB', () => {
    render(
      <>
        <TimeAxis window={{ startSec: 1, endSec: 1.5, durationSec: 2 }} widthPx={500} />
        <FrequencyAxis rowHz={[100, 300, 700, 1500, 3100]} heightPx={300} mel />
        <ColourBar topDb={0} rangeDb={50} heightPx={100} />
      </>,
    );
    const time = screen.getByRole('group', { name: 'Time axis (s)' });
    expect(within(time).getAllByText(/\d/).map((t) => t.textContent)).toEqual(['1.0', '1.1', '1.2', '1.3', '1.4', '1.5']);
    const freq = screen.getByRole('group', { name: 'Frequency, mel scale (Hz)' });
    expect(within(freq).getAllByText(/Hz/).map((t) => t.textContent)).toEqual(['100 Hz', '200 Hz', '500 Hz', '1 kHz', '2 kHz']);
    const bar = screen.getByRole('group', { name: 'Level (dB re full scale)' });
    expect(within(bar).getAllByText(/\d/).map((t) => t.textContent)).toEqual(['-50', '-40', '-30', '-20', '-10', '0']);
  });
});

// @vitest-environment happy-dom
/** Language regions under the waveform follow wavesurfer's zoom and scroll (the visible window, not fit-to-width). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, render, screen } from '@testing-library/react';
import { ApiContext } from '../../renderer/api/context';
import { Waveform } from '../../renderer/components/Waveform';
import { fakeApi } from './fake-api';
import { SegmentStrip } from '../../renderer/components/SegmentStrip';
import { visibleWindow } from '../../renderer/components/time-window';

type Handler = (...args: number[]) => void;
const handlers = new Map<string, Handler>();
const layout = { scrollPx: 0, widthPx: 400 };
const surfer = {
  on: (event: string, handler: Handler) => (handlers.set(event, handler), () => handlers.delete(event)),
  destroy: () => {},
  zoom: (pxPerSec: number) => handlers.get('zoom')?.(pxPerSec),
  getDuration: () => 4,
  getScroll: () => layout.scrollPx,
  getWidth: () => layout.widthPx,
  playPause: async () => {},
};
vi.mock('wavesurfer.js', () => ({ default: { create: () => surfer } }));
vi.mock('wavesurfer.js/dist/plugins/regions.esm.js', () => ({ default: { create: () => ({ enableDragSelection: () => () => {}, on: () => () => {}, getRegions: () => [] }) } }));
const overview = { durationSec: 4, sampleRate: 16000, startSec: 0, endSec: 4, exact: false, firstSample: 0, channels: [{ min: [-0.5], max: [0.5] }], peak: 0.5 };

afterEach(cleanup);

/** Where an element sits in its clipping row, as fractions of the row's width (from the % styles of track and region). */
function viewportSpan(region: HTMLElement): [number, number] {
  const track = region.closest('.time-track') as HTMLElement;
  const pct = (v: string) => Number.parseFloat(v) / 100;
  const trackLeft = pct(track.style.left);
  const trackWidth = pct(track.style.width);
  const left = trackLeft + pct(region.style.left) * trackWidth;
  return [left, left + pct(region.style.width) * trackWidth];
}

const segments = [{ start: 0, end: 1, label: 'fi' }, { start: 1, end: 2, label: 'en' }, { start: 2, end: 4, label: 'fi' }];

describe('visibleWindow', () => {
  it('is the whole recording when the wave fits (zoom 0, or fewer px per second than the width needs)', () => {
    expect(visibleWindow({ durationSec: 4, pxPerSec: 0, scrollPx: 0, widthPx: 400 })).toEqual({ startSec: 0, endSec: 4, durationSec: 4 });
    expect(visibleWindow({ durationSec: 4, pxPerSec: 50, scrollPx: 30, widthPx: 400 })).toEqual({ startSec: 0, endSec: 4, durationSec: 4 });
  });

  it('is width / pxPerSec seconds from scroll / pxPerSec when zoomed, clamped to the recording', () => {
    expect(visibleWindow({ durationSec: 4, pxPerSec: 200, scrollPx: 200, widthPx: 400 })).toEqual({ startSec: 1, endSec: 3, durationSec: 4 });
    expect(visibleWindow({ durationSec: 4, pxPerSec: 200, scrollPx: 9999, widthPx: 400 })).toEqual({ startSec: 2, endSec: 4, durationSec: 4 });
  });
});

describe('SegmentStrip under the Waveform', () => {
  it('keeps the region of seconds 1-2 under seconds 1-2 of the waveform at zoom 0, zoomed in, and scrolled', () => {
    layout.scrollPx = 0;
    render(
      <ApiContext.Provider value={fakeApi()}>
        <Waveform id="f1" view="file" overview={overview} audio={null} normalise={false}>{(window) => <SegmentStrip segments={segments} labels={['fi', 'en']} window={window} />}</Waveform>
      </ApiContext.Provider>,
    );
    const second1to2 = () => screen.getAllByRole('listitem').find((r) => r.dataset.start === '1')!;
    expect(viewportSpan(second1to2())).toEqual([0.25, 0.5]); // fit: 4 s across the width
    act(() => surfer.zoom(200)); // 800 px of wave in a 400 px view: seconds 0-2 visible
    expect(viewportSpan(second1to2())).toEqual([0.5, 1]);
    layout.scrollPx = 200; // scrolled by one second: seconds 1-3 visible
    act(() => handlers.get('scroll')?.(1, 3, 200, 600));
    expect(viewportSpan(second1to2())).toEqual([0, 0.5]);
  });
});

// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { Waveform } from '../../renderer/components/Waveform';

const surfer = { on: vi.fn(() => () => {}), destroy: vi.fn(), zoom: vi.fn(), getDuration: () => 2, getScroll: () => 0, getWidth: () => 800, playPause: vi.fn(async () => {}) };
const create = vi.fn((_options: unknown) => surfer);
vi.mock('wavesurfer.js', () => ({ default: { create: (options: unknown) => create(options) } }));

afterEach(cleanup);

describe('Waveform', () => {
  it('hands wavesurfer the back-end peaks and duration (no decoding here) and a blob URL to play', () => {
    globalThis.URL.createObjectURL = vi.fn(() => 'blob:x');
    globalThis.URL.revokeObjectURL = vi.fn();
    render(<Waveform waveform={{ durationSec: 2, peaks: [0.1, 0.9] }} audio={{ mime: 'audio/wav', base64: 'UklGRg==' }} />);
    expect(create).toHaveBeenCalledWith(expect.objectContaining({ peaks: [[0.1, 0.9]], duration: 2, url: 'blob:x' }));
  });

  it('plays and pauses on Space, except while typing in a field; zoom goes to wavesurfer', () => {
    render(
      <>
        <input aria-label="typing" />
        <Waveform waveform={{ durationSec: 2, peaks: [0.5] }} audio={null} />
      </>,
    );
    fireEvent.keyDown(window, { code: 'Space' });
    expect(surfer.playPause).toHaveBeenCalledTimes(1);
    fireEvent.keyDown(screen.getByLabelText('typing'), { code: 'Space' });
    expect(surfer.playPause).toHaveBeenCalledTimes(1);
    fireEvent.change(screen.getByRole('slider'), { target: { value: '200' } });
    expect(surfer.zoom).toHaveBeenLastCalledWith(200);
  });
});

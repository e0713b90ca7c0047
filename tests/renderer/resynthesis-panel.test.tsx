// @vitest-environment happy-dom
/** The Resynthesise panel: vocoders only (and out of the Generate picker), the request it sends, the three takes it shows. */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ModelInfo, Resynthesis } from '../../src/api/contract';
import { ApiContext } from '../../renderer/api/context';
import { GenerateView } from '../../renderer/views/GenerateView';
import { fakeApi } from './fake-api';

vi.mock('wavesurfer.js', () => ({
  default: { create: () => ({ on: () => () => {}, destroy: () => {}, zoom: () => {}, getDuration: () => 2, getScroll: () => 0, getWidth: () => 800, playPause: async () => {} }) },
}));
vi.mock('wavesurfer.js/dist/plugins/regions.esm.js', () => ({ default: { create: () => ({ enableDragSelection: () => () => {}, on: () => () => {}, getRegions: () => [] }) } }));

afterEach(cleanup);

const model = (id: string, vocoder: boolean, source: ModelInfo['source'] = 'demo'): ModelInfo => ({ id, kind: 'wavenet', name: id, dir: `/m/${id}`, labels: [], source, wordLists: [], ...(vocoder ? { vocoder } : {}) });
const result: Resynthesis = {
  id: 'r-1',
  file: '/data/a.flac',
  model: 'demo-vocoder',
  duration: 1.62,
  sampleRate: 16000,
  frames: 160,
  original: 'r-1-original',
  wavenet: { audio: 'r-1-wavenet', lsdDb: 15.64, mcdDb: 93.5, levelDb: 11.04, realTimeFactor: 1.12 },
  griffinLim: { audio: 'r-1-griffin-lim', lsdDb: 4.35, mcdDb: 6.36, levelDb: -0.2, realTimeFactor: 0.33 },
};

describe('the Resynthesise panel', () => {
  it('offers the vocoders, sends the file, vocoder and seed, and shows original, Griffin-Lim and WaveNet with their figures', async () => {
    const api = fakeApi({
      models: vi.fn(async () => [model('demo-wavenet', false), model('demo-vocoder', true), model('run-9', true, 'run')]),
      resynthesize: vi.fn(async () => ({ jobId: 'j9', runId: null })) as never,
    });
    render(<ApiContext.Provider value={api}><GenerateView /></ApiContext.Provider>);
    const panel = await screen.findByRole('region', { name: 'Resynthesise' });
    const vocoders = within(panel).getByLabelText('Vocoder') as HTMLSelectElement;
    await waitFor(() => expect([...vocoders.options].map((o) => o.text)).toEqual(['demo-vocoder (bundled)', 'run-9 (trained)']));
    // generating from nothing: the WaveNet, and each vocoder babbling from the unit prior
    expect([...(screen.getByLabelText('Model') as HTMLSelectElement).options].map((o) => o.text)).toEqual([
      'demo-wavenet (bundled)', 'demo-vocoder (bundled): babble from the unit prior', 'run-9 (trained): babble from the unit prior',
    ]);

    fireEvent.click(within(panel).getByRole('button', { name: 'Resynthesise' }));
    expect(within(panel).getByTestId('resynthesis-status').textContent).toBe('Choose an audio file to resynthesise.');
    expect(api.resynthesize).not.toHaveBeenCalled();

    fireEvent.change(vocoders, { target: { value: 'run-9' } });
    fireEvent.change(within(panel).getByLabelText('Audio file'), { target: { value: ' /data/a.flac ' } });
    fireEvent.change(within(panel).getByLabelText('Seed'), { target: { value: '7' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Resynthesise' }));
    await waitFor(() => expect(api.resynthesize).toHaveBeenCalledWith({ model: 'run-9', file: '/data/a.flac', seed: 7 }));
    await waitFor(() => expect(within(panel).getByRole('button', { name: 'Cancel' })).toHaveProperty('disabled', false));

    act(() => api.emit({ type: 'done', jobId: 'j9', runId: null, result }));
    expect(within(panel).getByTestId('resynthesis-status').textContent).toBe('Resynthesised.');
    const heading = (name: string) => within(within(panel).getByTestId(`take-${name}`)).getByRole('heading').textContent;
    expect(heading('Original')).toBe('Original /data/a.flac');
    expect(heading('Griffin-Lim')).toBe('Griffin-Lim LSD 4.3 dB · MCD 6.4 dB · level -0.2 dB · real-time factor 0.33');
    expect(heading('WaveNet')).toBe('WaveNet LSD 15.6 dB · MCD 93.5 dB · level +11.0 dB · real-time factor 1.12');
    // each take is shown from its own audio id
    await waitFor(() => expect(new Set(vi.mocked(api.waveform).mock.calls.map((c) => c[0]))).toEqual(new Set(['r-1-original', 'r-1-griffin-lim', 'r-1-wavenet'])));
  });

  it('says when there is no vocoder, and offers no Resynthesise then', async () => {
    const api = fakeApi({ models: vi.fn(async () => [model('demo-wavenet', false)]), resynthesize: vi.fn(async () => ({ jobId: 'j1', runId: null })) as never });
    render(<ApiContext.Provider value={api}><GenerateView /></ApiContext.Provider>);
    const panel = await screen.findByRole('region', { name: 'Resynthesise' });
    await within(panel).findByText(/No vocoder: train a WaveNet with log-mel conditioning/);
    expect(within(panel).getByRole('button', { name: 'Resynthesise' })).toHaveProperty('disabled', true);
  });
});

// @vitest-environment happy-dom
/** Generate (model and label pickers, which sample plays) and the status bar (a message leaves with its view). */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { GeneratedSample, ModelInfo } from '../../src/api/contract';
import { ApiContext } from '../../renderer/api/context';
import { App } from '../../renderer/App';
import { GenerateView } from '../../renderer/views/GenerateView';
import { fakeApi, type FakeApi } from './fake-api';

const surferHandlers = new Map<string, () => void>();
vi.mock('wavesurfer.js', () => ({
  default: { create: () => ({ on: (e: string, h: () => void) => (surferHandlers.set(e, h), () => {}), destroy: () => {}, zoom: () => {}, getDuration: () => 2, getScroll: () => 0, getWidth: () => 800, playPause: async () => {} }) },
}));
vi.mock('wavesurfer.js/dist/plugins/regions.esm.js', () => ({ default: { create: () => ({ enableDragSelection: () => () => {}, on: () => () => {}, getRegions: () => [] }) } }));

afterEach(cleanup);

const withApi = (api: FakeApi, ui: ReactNode) => render(<ApiContext.Provider value={api}>{ui}</ApiContext.Provider>);
const model = (id: string, kind: ModelInfo['kind'], labels: string[], source: ModelInfo['source'] = 'run'): ModelInfo => ({ id, kind, name: id, dir: `/m/${id}`, labels, source, wordLists: [] });
const sample = (id: string): GeneratedSample => ({ id, file: `${id}.wav`, model: 'demo-wavenet', seconds: 0.5, temperature: 1, label: 'vowels', seed: 1, createdAt: '' });

describe('GenerateView', () => {
  it('offers the generation models (bundled and trained) and the chosen one\'s labels, and generates with them', async () => {
    const api = fakeApi({
      models: vi.fn(async () => [model('demo-lid', 'lid', ['fi']), model('demo-wavenet', 'wavenet', ['phrases', 'vowels'], 'demo'), model('run-7', 'wavenet', ['a', 'b', 'c'])]),
      generate: vi.fn(async () => ({ jobId: 'g1', runId: null })) as never,
    });
    withApi(api, <GenerateView />);
    const modelPicker = (await screen.findByLabelText('Model')) as HTMLSelectElement;
    await waitFor(() => expect([...modelPicker.options].map((o) => o.text)).toEqual(['demo-wavenet (bundled)', 'run-7 (trained)']));
    const labelPicker = screen.getByLabelText('Label') as HTMLSelectElement;
    expect([...labelPicker.options].map((o) => o.text)).toEqual(['(any)', 'phrases', 'vowels']);
    fireEvent.change(modelPicker, { target: { value: 'run-7' } });
    expect([...(screen.getByLabelText('Label') as HTMLSelectElement).options].map((o) => o.text)).toEqual(['(any)', 'a', 'b', 'c']);
    fireEvent.change(screen.getByLabelText('Label'), { target: { value: 'b' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(api.generate).toHaveBeenCalledWith(expect.objectContaining({ model: 'run-7', label: 'b' })));
    expect(api.generate).toHaveBeenCalledWith(expect.not.objectContaining({ babble: true }));
  });

  it('offers a log-mel vocoder as babble from the unit prior, and asks for babble with it', async () => {
    const vocoder: ModelInfo = { ...model('demo-vocoder', 'wavenet', [], 'demo'), vocoder: true };
    const api = fakeApi({
      models: vi.fn(async () => [model('demo-wavenet', 'wavenet', ['phrases'], 'demo'), vocoder]),
      generate: vi.fn(async () => ({ jobId: 'g2', runId: null })) as never,
    });
    withApi(api, <GenerateView />);
    const modelPicker = (await screen.findByLabelText('Model')) as HTMLSelectElement;
    await waitFor(() => expect([...modelPicker.options].map((o) => o.text)).toEqual(['demo-wavenet (bundled)', 'demo-vocoder (bundled): babble from the unit prior']));
    fireEvent.change(modelPicker, { target: { value: 'demo-vocoder' } });
    fireEvent.click(screen.getByRole('button', { name: 'Generate' }));
    await waitFor(() => expect(api.generate).toHaveBeenCalledWith(expect.objectContaining({ model: 'demo-vocoder', babble: true })));
  });

  it('marks the sample in the player, and says when it is playing', async () => {
    const api = fakeApi({ models: vi.fn(async () => [model('demo-wavenet', 'wavenet', [], 'demo')]), generated: vi.fn(async () => [sample('g-1'), sample('g-2')]) });
    withApi(api, <GenerateView />);
    fireEvent.click(await screen.findByRole('button', { name: 'g-2.wav' }));
    const item = screen.getByRole('button', { name: 'g-2.wav' }).closest('li')!;
    expect(item.getAttribute('aria-current')).toBe('true');
    await screen.findByRole('button', { name: 'Play' });
    expect(within(item).getByTestId('now-playing').textContent).toBe(' · in the player');
    act(() => surferHandlers.get('play')?.());
    expect(within(item).getByTestId('now-playing').textContent).toBe(' ▶ playing');
    act(() => surferHandlers.get('finish')?.());
    expect(within(item).getByTestId('now-playing').textContent).toBe(' · in the player');
    expect([...(screen.getByLabelText('Label') as HTMLSelectElement).options].map((o) => o.text)).toEqual(['(the model has no labels)']);
  });
});

describe('the status bar', () => {
  it('drops a message about one view when the user goes to another, or to another project', async () => {
    const api = fakeApi({ setLabel: vi.fn(async () => Promise.reject(new Error('could not save the label'))) as never });
    withApi(api, <App />);
    const label = await screen.findByLabelText('Label of a.wav');
    fireEvent.change(label, { target: { value: 'en' } });
    fireEvent.blur(label);
    const footer = document.querySelector('footer.status')!;
    await waitFor(() => expect(footer.textContent).toContain('could not save the label'));
    fireEvent.click(within(screen.getByRole('navigation', { name: 'Views' })).getByRole('button', { name: 'Classify' }));
    expect(footer.textContent).not.toContain('could not save the label');
  });
});

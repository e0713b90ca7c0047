// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { ApiContext } from '../../renderer/api/context';
import { ClassifyView } from '../../renderer/views/ClassifyView';
import { TrainView } from '../../renderer/views/TrainView';
import { gradientWarning } from '../../renderer/components/TrainingCharts';
import { FILE, fakeApi, type FakeApi } from './fake-api';

vi.mock('wavesurfer.js', () => ({
  default: { create: () => ({ on: () => () => {}, destroy: () => {}, zoom: () => {}, getDuration: () => 2, getScroll: () => 0, getWidth: () => 800, playPause: async () => {} }) },
}));
vi.mock('wavesurfer.js/dist/plugins/regions.esm.js', () => ({ default: { create: () => ({ enableDragSelection: () => () => {}, on: () => () => {}, getRegions: () => [] }) } }));

afterEach(cleanup);
// the Train view keeps its form in sessionStorage: each test starts from the defaults
beforeEach(() => window.sessionStorage.clear());

function withApi(api: FakeApi, ui: ReactNode) {
  return render(<ApiContext.Provider value={api}>{ui}</ApiContext.Provider>);
}

const point = (epoch: number, norm = 0.5) => ({ epoch, trainLoss: 1 / epoch, valLoss: 1.1 / epoch, trainAccuracy: 0.3 * epoch, valAccuracy: 0.25 * epoch, gradNorms: { conv: norm, dense: 0.3 }, seconds: 1 });

describe('ClassifyView', () => {
  it('classifies the selected file with the demo model and shows the language, bars and regions', async () => {
    const api = fakeApi();
    const noop = () => {};
    withApi(api, <ClassifyView files={[FILE]} selected="f1" onSelect={noop} onLabel={noop} onRemove={noop} model={null} onModel={noop} />);
    expect(await screen.findByTestId('language')).toHaveProperty('textContent', 'Language: fi');
    expect(api.classify).toHaveBeenCalledWith('f1', 'demo-lid');
    expect(screen.getByText('83.0%')).toBeTruthy();
    const regions = await screen.findAllByRole('listitem', { name: undefined });
    const strip = regions.filter((r) => r.classList.contains('segment'));
    expect(strip.map((r) => [r.textContent, r.style.left, r.style.width])).toEqual([['fi', '0%', '50%'], ['en', '50%', '50%']]);
  });

  it('says "No speech" and "Unsure (best guess: ...)" when the classifier gives no label', async () => {
    const noop = () => {};
    const base = { file: FILE.path, model: 'demo-lid', posteriors: { fi: 0.41, en: 0.59 }, durationSec: 2, segments: [] };
    const noSpeech = fakeApi({ classify: vi.fn(async () => ({ ...base, label: null, speech: false, unsure: false, bestGuess: 'en', confidence: 0.59 })) });
    withApi(noSpeech, <ClassifyView files={[FILE]} selected="f1" onSelect={noop} onLabel={noop} onRemove={noop} model={null} onModel={noop} />);
    expect(await screen.findByTestId('language')).toHaveProperty('textContent', 'Language: No speech');
    cleanup();
    const unsure = fakeApi({ classify: vi.fn(async () => ({ ...base, label: null, speech: true, unsure: true, bestGuess: 'fi', confidence: 0.41 })) });
    withApi(unsure, <ClassifyView files={[FILE]} selected="f1" onSelect={noop} onLabel={noop} onRemove={noop} model={null} onModel={noop} />);
    expect(await screen.findByTestId('language')).toHaveProperty('textContent', 'Language: Unsure (best guess: fi, 41%)');
  });

  it('shows the classifier error instead of a verdict', async () => {
    const api = fakeApi({ classify: vi.fn(async () => Promise.reject(new Error('a.wav: not a supported format'))) });
    const noop = () => {};
    withApi(api, <ClassifyView files={[FILE]} selected="f1" onSelect={noop} onLabel={noop} onRemove={noop} model={null} onModel={noop} />);
    expect((await screen.findByRole('alert')).textContent).toBe('a.wav: not a supported format');
  });
});

describe('TrainView', () => {
  it("names the engine, Kielo's kernels when they run, and the worker threads", async () => {
    const api = fakeApi();
    vi.mocked(api.engine).mockResolvedValue({ name: 'wasm', backend: 'wasm', version: '4.22.0', kernels: 'Kielo WebAssembly SIMD', threads: 2 });
    withApi(api, <TrainView />);
    await waitFor(() => expect(screen.getByText(/Engine: wasm \(tfjs 4\.22\.0, Kielo WebAssembly SIMD kernels, 2 threads\)/)).toBeTruthy());
  });

  it("shows only the knobs the chosen model's recipe takes, with the schema's ranges", async () => {
    const api = fakeApi();
    withApi(api, <TrainView />);
    await waitFor(() => expect(screen.getByLabelText('Activation')).toBeTruthy());
    const batch = screen.getByLabelText('Batch size') as HTMLInputElement;
    expect([batch.min, batch.max]).toEqual(['1', '1024']);
    expect((screen.getByLabelText('Learning rate') as HTMLInputElement).min).toBe('');
    expect((screen.getByLabelText('Validation fraction') as HTMLInputElement).max).toBe('0.5');
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'asr' } });
    expect(screen.queryByLabelText('Activation')).toBeNull();
    expect(screen.queryByLabelText('Init scale')).toBeNull();
    expect(screen.getByLabelText('Dropout')).toBeTruthy();
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'wavenet' } });
    expect(screen.queryByLabelText('Dropout')).toBeNull();
    expect(screen.getByLabelText('Optimiser')).toBeTruthy();
  });

  it('starts a run with the knobs, grows the curves with each epoch event, and cancels', async () => {
    const api = fakeApi();
    withApi(api, <TrainView />);
    await waitFor(() => expect((screen.getByPlaceholderText(/folder with/) as HTMLInputElement).value).toBe('/demo/lid'));
    fireEvent.change(screen.getByLabelText('Epochs'), { target: { value: '3' } });
    fireEvent.change(screen.getByLabelText('Optimiser'), { target: { value: 'sgd' } });
    fireEvent.submit(screen.getByText('Start training').closest('form')!);
    await waitFor(() => expect(api.startTraining).toHaveBeenCalled());
    expect(vi.mocked(api.startTraining).mock.calls[0][0]).toMatchObject({ kind: 'lid-learned', dataset: '/demo/lid', epochs: 3, optimizer: 'sgd' });
    await waitFor(() => expect(api.listeners.size).toBeGreaterThan(0));
    act(() => api.emit({ type: 'epoch', jobId: 'j1', runId: 'r1', point: point(1) }));
    expect(screen.getByTestId('training-charts').dataset.epochs).toBe('1');
    act(() => api.emit({ type: 'epoch', jobId: 'j1', runId: 'r1', point: point(2) }));
    act(() => api.emit({ type: 'epoch', jobId: 'other', runId: 'r9', point: point(3) }));
    expect(screen.getByTestId('training-charts').dataset.epochs).toBe('2');
    const lossLine = screen.getByRole('img', { name: 'Loss' }).querySelector('[data-series="train"] polyline')!;
    expect(lossLine.getAttribute('points')!.split(' ')).toHaveLength(2);
    fireEvent.click(screen.getByText('Cancel'));
    expect(api.cancelJob).toHaveBeenCalledWith('j1');
    expect(screen.getByTestId('engine').textContent).toContain('wasm');
  });

  it('keeps live epochs when the stored run history arrives after them', async () => {
    let answer: (d: unknown) => void = () => {};
    const api = fakeApi({ run: vi.fn(() => new Promise((ok) => (answer = ok))) as never });
    withApi(api, <TrainView />);
    await waitFor(() => expect((screen.getByPlaceholderText(/folder with/) as HTMLInputElement).value).toBe('/demo/lid'));
    fireEvent.submit(screen.getByText('Start training').closest('form')!);
    await waitFor(() => expect(api.run).toHaveBeenCalled());
    act(() => api.emit({ type: 'epoch', jobId: 'j1', runId: 'r1', point: point(1) }));
    await act(async () => answer({ id: 'r1', kind: 'lid-learned', status: 'running', createdAt: '', settings: { epochs: 3 }, metrics: {}, engine: 'wasm', bestEpoch: null, error: null, history: [], log: [] }));
    expect(screen.getByTestId('training-charts').dataset.epochs).toBe('1');
  });

  it('keeps the epochs and the end of a run whose events arrive before startTraining answers', async () => {
    let answer: (h: { jobId: string; runId: string }) => void = () => {};
    const api = fakeApi({ startTraining: vi.fn(() => new Promise((ok) => (answer = ok))) as never });
    withApi(api, <TrainView />);
    await waitFor(() => expect((screen.getByPlaceholderText(/folder with/) as HTMLInputElement).value).toBe('/demo/lid'));
    fireEvent.submit(screen.getByText('Start training').closest('form')!);
    await waitFor(() => expect(api.startTraining).toHaveBeenCalled());
    await waitFor(() => expect(api.listeners.size).toBeGreaterThan(0));
    act(() => {
      api.emit({ type: 'epoch', jobId: 'j1', runId: 'r1', point: point(1) });
      api.emit({ type: 'epoch', jobId: 'j1', runId: 'r1', point: point(2) });
      api.emit({ type: 'done', jobId: 'j1', runId: 'r1', result: null });
    });
    await act(async () => answer({ jobId: 'j1', runId: 'r1' }));
    expect(screen.getByTestId('training-charts').dataset.epochs).toBe('2');
    expect(screen.getByRole('status').textContent).toBe('Finished.');
    expect((screen.getByText('Start training') as HTMLButtonElement).disabled).toBe(false);
  });

  it('offers LID runs a validation that holds out whole speakers, and says which grouping a run validated on', async () => {
    const log = ['3 labels (en, fi, ru), 40 training and 12 validation files; engine wasm', "validation: 3 of 12 speakers held out whole (speaker from manifest.tsv column 'speaker'): a, b, c", 'warning: label fi: all 8 files are one speaker (solo), so none of them validate'];
    const api = fakeApi({ run: vi.fn(async () => ({ id: 'r1', kind: 'lid-learned', status: 'done', createdAt: '', settings: { epochs: 3, groupBy: 'speaker' }, metrics: {}, engine: 'wasm', bestEpoch: 2, error: null, history: [], log })) as never });
    withApi(api, <TrainView />);
    await waitFor(() => expect((screen.getByPlaceholderText(/folder with/) as HTMLInputElement).value).toBe('/demo/lid'));
    const picker = screen.getByLabelText('Validation holds out') as HTMLSelectElement;
    expect(picker.value).toBe('file');
    fireEvent.change(picker, { target: { value: 'speaker' } });
    fireEvent.submit(screen.getByText('Start training').closest('form')!);
    await waitFor(() => expect(api.startTraining).toHaveBeenCalled());
    expect(vi.mocked(api.startTraining).mock.calls[0][0]).toMatchObject({ kind: 'lid-learned', groupBy: 'speaker' });
    const note = await screen.findByTestId('validation-note');
    expect(note.textContent).toContain('Validation held out whole speakers.');
    expect(note.textContent).toContain('validation: 3 of 12 speakers held out whole');
    expect(note.textContent).toContain('warning: label fi: all 8 files are one speaker');
    expect(note.textContent).not.toContain('3 labels');
    fireEvent.change(screen.getByLabelText('Model'), { target: { value: 'asr' } });
    expect(screen.queryByLabelText('Validation holds out')).toBeNull();
  });

  it('warns when a layer gradient vanishes', async () => {
    const api = fakeApi();
    withApi(api, <TrainView />);
    await waitFor(() => expect((screen.getByPlaceholderText(/folder with/) as HTMLInputElement).value).toBe('/demo/lid'));
    fireEvent.submit(screen.getByText('Start training').closest('form')!);
    await waitFor(() => expect(api.listeners.size).toBeGreaterThan(0));
    await waitFor(() => expect(api.run).toHaveBeenCalled());
    act(() => api.emit({ type: 'epoch', jobId: 'j1', runId: 'r1', point: point(1, 1e-7) }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Vanishing gradients in conv/);
  });
});

describe('gradientWarning', () => {
  it('flags exploding before vanishing and is silent for healthy norms', () => {
    expect(gradientWarning(point(1, 0.5))).toBeNull();
    expect(gradientWarning(point(1, 5000))).toMatch(/^Exploding gradients in conv/);
    expect(gradientWarning({ ...point(1), gradNorms: { a: 1e-9, b: Infinity } })).toMatch(/^Exploding gradients in b/);
  });
});

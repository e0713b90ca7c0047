// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { DEFAULT_TRAIN_SETTINGS, type RunDetail, type RunSummary } from '../../src/api/contract';
import { ApiContext } from '../../renderer/api/context';
import { TrainView } from '../../renderer/views/TrainView';
import { emitViewCommand } from '../../renderer/commands';
import { useShell } from '../../renderer/use-shell';
import { fakeApi, type FakeApi } from './fake-api';

afterEach(cleanup);
beforeEach(() => window.sessionStorage.clear());

function withApi(api: FakeApi, ui: ReactNode) {
  return render(<ApiContext.Provider value={api}>{ui}</ApiContext.Provider>);
}

const point = (epoch: number) => ({ epoch, trainLoss: 1 / epoch, valLoss: 1.1 / epoch, trainAccuracy: 0.3 * epoch, valAccuracy: 0.25 * epoch, gradNorms: { conv: 0.5 }, seconds: 4 });

function summary(over: Partial<RunSummary>): RunSummary {
  return {
    id: 'r-old', kind: 'lid-learned', status: 'done', createdAt: '2026-12-01T00:00:00Z', settings: { ...DEFAULT_TRAIN_SETTINGS, dataset: '/data/old', epochs: 42, learningRate: 0.005 },
    metrics: {}, engine: 'wasm', bestEpoch: 2, stoppedEarly: false, modelDir: '/p/runs/r-old/model', resumable: false, error: null, ...over,
  };
}
const detailOf = (s: RunSummary, over: Partial<RunDetail> = {}): RunDetail => ({ ...s, history: [point(1), point(2), point(3)], lossTrace: [], log: [], ...over });

const datasetField = () => screen.getByPlaceholderText('folder with <label>/ subfolders') as HTMLInputElement;
const field = (label: string) => screen.getByText(label).querySelector('input') as HTMLInputElement;

describe('TrainView state and defaults', () => {
  it('an emptied Dataset field is an error, not the demo corpus: nothing starts and the field stays empty', async () => {
    const api = fakeApi();
    withApi(api, <TrainView />);
    await waitFor(() => expect(datasetField().value).toBe('/demo/lid'));
    fireEvent.change(datasetField(), { target: { value: '' } });
    await act(async () => {});
    expect(datasetField().value).toBe('');
    fireEvent.submit(screen.getByText('Start training').closest('form')!);
    expect(await screen.findByRole('alert')).toHaveProperty('textContent', 'Choose a dataset folder to train on: the Dataset field is empty.');
    expect(api.startTraining).not.toHaveBeenCalled();
    expect(datasetField().getAttribute('aria-invalid')).toBe('true');
  });

  it('keeps the form across views (the view is unmounted and shown again)', async () => {
    const api = fakeApi();
    const first = withApi(api, <TrainView />);
    await waitFor(() => expect(datasetField().value).toBe('/demo/lid'));
    fireEvent.change(field('Epochs'), { target: { value: '7' } });
    fireEvent.change(datasetField(), { target: { value: '/my/set' } });
    first.unmount();
    withApi(api, <TrainView />);
    await act(async () => {});
    expect(field('Epochs').value).toBe('7');
    expect(datasetField().value).toBe('/my/set');
  });

  it("loads an old run's settings into the form when the run is chosen", async () => {
    const old = summary({});
    const api = fakeApi({ runs: vi.fn(async () => [old]), run: vi.fn(async () => detailOf(old)) });
    withApi(api, <TrainView />);
    await screen.findByRole('option', { name: 'r-old · done' }, { timeout: 10_000 });
    fireEvent.change(screen.getByText('Run').querySelector('select')!, { target: { value: 'r-old' } });
    await waitFor(() => expect(field('Epochs').value).toBe('42'));
    expect(field('Learning rate').value).toBe('0.005');
    expect(datasetField().value).toBe('/data/old');
  });

  it('offers Resume for a run with a checkpoint, not for a failed run without one', async () => {
    for (const [run, enabled] of [[summary({ status: 'failed', resumable: false, error: 'no labelled audio' }), false], [summary({ status: 'cancelled', resumable: true }), true]] as const) {
      const api = fakeApi({ runs: vi.fn(async () => [run]), run: vi.fn(async () => detailOf(run)) });
      const view = withApi(api, <TrainView />);
      await screen.findByRole('option', { name: `r-old · ${run.status}` }, { timeout: 10_000 });
      fireEvent.change(screen.getByText('Run').querySelector('select')!, { target: { value: 'r-old' } });
      await waitFor(() => expect(api.run).toHaveBeenCalled());
      await act(async () => {});
      expect((screen.getByText('Resume') as HTMLButtonElement).disabled).toBe(!enabled);
      view.unmount();
      window.sessionStorage.clear();
    }
  });

  it('every number field is valid at its default (Init scale 1 included)', async () => {
    withApi(fakeApi(), <TrainView />);
    await waitFor(() => expect(datasetField().value).toBe('/demo/lid'));
    const numbers = [...document.querySelectorAll<HTMLInputElement>('input[type=number]')];
    expect(numbers.length).toBeGreaterThan(5);
    // HTML's step rule: value = base + k * step, the base being min when set, else 0 (happy-dom's own check trips on 0.001 / 0.0001)
    for (const input of numbers) {
      const k = (Number(input.value) - (input.min === '' ? 0 : Number(input.min))) / Number(input.step);
      expect([input.closest('label')!.textContent, Math.abs(k - Math.round(k)) < 1e-9]).toEqual([input.closest('label')!.textContent, true]);
      if (input.max !== '') expect(Number(input.value)).toBeLessThanOrEqual(Number(input.max));
    }
    expect(field('Init scale').value).toBe('1');
  });
});

describe('TrainView while and after a run', () => {
  it('shows progress within the epoch: batches of the total, clips per second, time left; and the per-batch loss trace', async () => {
    const api = fakeApi();
    withApi(api, <TrainView />);
    await waitFor(() => expect(datasetField().value).toBe('/demo/lid'));
    fireEvent.submit(screen.getByText('Start training').closest('form')!);
    await waitFor(() => expect(api.startTraining).toHaveBeenCalled());
    const progress = (done: number, loss: number) => ({ type: 'trainProgress' as const, jobId: 'j1', runId: 'r1', progress: { epoch: 2, epochs: 3, done, total: 8, examplesPerSecond: 312.4, loss, epochSecondsLeft: 6, secondsLeft: 75 } });
    act(() => api.emit(progress(2, 0.9)));
    act(() => api.emit(progress(4, 0.7)));
    const bar = (name: string) => screen.getByRole('group', { name });
    expect(bar('Epoch 2').querySelector('[data-testid=progress-numbers]')!.textContent).toBe('4 / 8 batches · 312 clips/s · 6 s left');
    expect(bar('Epoch 2').querySelector('progress')!.getAttribute('value')).toBe('4');
    expect(bar('Run').querySelector('[data-testid=progress-numbers]')!.textContent).toBe('0 / 3 epochs · 1:15 left');
    const trace = document.querySelector('[data-series="train (per batch)"] polyline')!;
    expect(trace.getAttribute('points')!.split(' ')).toHaveLength(2);
  });

  it("shows a finished run's outcome: best epoch, validation accuracy and loss, where the model is, training time", async () => {
    const done = summary({ id: 'r1', metrics: { valAccuracy: 0.9, valLoss: 0.3123, seconds: 12.4 }, bestEpoch: 2 });
    const api = fakeApi({ runs: vi.fn(async () => [done]), run: vi.fn(async () => detailOf(done)) });
    window.sessionStorage.setItem('kielo:train.run', JSON.stringify('r1'));
    withApi(api, <TrainView />);
    const outcome = await screen.findByTestId('run-outcome');
    const text = outcome.textContent!;
    expect(text).toContain('Best epoch2 of 3');
    expect(text).toContain('Validation accuracy90.0%');
    expect(text).toContain('Validation loss0.3123');
    expect(text).toContain('Model saved in/p/runs/r-old/model');
    expect(text).toContain('Training time12 s on wasm');
  });

  it('marks the best epoch as "best epoch" unless early stopping ended the run', async () => {
    for (const [stoppedEarly, label] of [[false, 'best epoch'], [true, 'best epoch (early stop)']] as const) {
      const run = summary({ id: 'r1', stoppedEarly });
      const api = fakeApi({ runs: vi.fn(async () => [run]), run: vi.fn(async () => detailOf(run)) });
      window.sessionStorage.setItem('kielo:train.run', JSON.stringify('r1'));
      const view = withApi(api, <TrainView />);
      await screen.findByTestId('run-outcome');
      const markers = screen.getAllByTestId('marker').map((m) => m.textContent);
      expect(markers).toEqual([label, label]);
      view.unmount();
    }
  });
});

describe('TrainView coming back to a running job', () => {
  it('follows the job it left: the stored loss trace, then the live one, and the run ends when its job does', async () => {
    const running = summary({ id: 'r1', status: 'running', bestEpoch: null });
    const api = fakeApi({ runs: vi.fn(async () => [running]), run: vi.fn(async () => detailOf(running, { history: [point(1)], lossTrace: [{ x: 0.5, loss: 2 }, { x: 1, loss: 1.5 }] })) });
    window.sessionStorage.setItem('kielo:train.run', JSON.stringify('r1'));
    window.sessionStorage.setItem('kielo:train.job', JSON.stringify({ jobId: 'j7', runId: 'r1' }));
    withApi(api, <TrainView />);
    await waitFor(() => expect(api.run).toHaveBeenCalledWith('r1'));
    await waitFor(() => expect(screen.getByTestId('training-charts').dataset.epochs).toBe('1'));
    expect((screen.getByText('Start training') as HTMLButtonElement).disabled).toBe(true);
    act(() => api.emit({ type: 'trainProgress', jobId: 'j7', runId: 'r1', progress: { epoch: 2, epochs: 3, done: 2, total: 4, examplesPerSecond: 50, loss: 1.2, epochSecondsLeft: 1, secondsLeft: 3 } }));
    const trace = document.querySelector('[data-series="train (per batch)"] polyline')!;
    expect(trace.getAttribute('points')!.split(' ')).toHaveLength(3);
    fireEvent.click(screen.getByText('Cancel'));
    expect(api.cancelJob).toHaveBeenCalledWith('j7');
  });
});

describe('TrainView and the Run menu', () => {
  /** The shell's in-page menu bar beside the Train view, as the app has them. */
  function ShellAndTrain({ onView }: { onView(view: string): void }) {
    const shell = useShell({ view: 'Train', showView: onView, files: [], selected: null, select: () => {}, refresh: async () => [], notify: () => {}, switched: () => {}, project: null, engine: null });
    return (
      <>
        {shell.menuBar}
        <TrainView />
      </>
    );
  }
  const menuItem = (menu: string, item: string) => {
    fireEvent.click(screen.getByRole('menuitem', { name: menu }));
    return screen.getByRole('menuitem', { name: new RegExp(`^${item}`) }) as HTMLButtonElement;
  };

  it("Run > Train starts a training with the form's settings; Run > Cancel stops it", async () => {
    const api = fakeApi();
    const onView = vi.fn();
    withApi(api, <ShellAndTrain onView={onView} />);
    await waitFor(() => expect(datasetField().value).toBe('/demo/lid'));
    fireEvent.change(field('Epochs'), { target: { value: '7' } });
    fireEvent.change(field('Learning rate'), { target: { value: '0.02' } });
    fireEvent.change(datasetField(), { target: { value: '/my/set' } });
    fireEvent.click(menuItem('Run', 'Train…'));
    await waitFor(() => expect(api.startTraining).toHaveBeenCalledTimes(1));
    expect(onView).toHaveBeenCalledWith('Train');
    expect(vi.mocked(api.startTraining).mock.calls[0][0]).toEqual({ ...DEFAULT_TRAIN_SETTINGS, dataset: '/my/set', epochs: 7, learningRate: 0.02 });
    act(() => api.emit({ type: 'started', jobId: 'j1', task: 'train', runId: 'r1' }));
    // a second Run > Train while the run trains starts nothing and says why
    fireEvent.click(menuItem('Run', 'Train…'));
    expect((await screen.findByRole('alert')).textContent).toMatch(/^A run is already training/);
    expect(api.startTraining).toHaveBeenCalledTimes(1);
    const cancel = menuItem('Run', 'Cancel');
    expect(cancel.disabled).toBe(false);
    fireEvent.click(cancel);
    await waitFor(() => expect(api.cancelJob).toHaveBeenCalledWith('j1'));
    act(() => api.emit({ type: 'cancelled', jobId: 'j1', runId: 'r1' }));
    expect(screen.getByText('Cancelled (checkpoint kept: resume later).')).toBeTruthy();
    expect((screen.getByText('Start training') as HTMLButtonElement).disabled).toBe(false);
  });

  it('Run > Train from another view waits for the form: a first visit trains on the first demo dataset', async () => {
    const api = fakeApi();
    act(() => emitViewCommand('train'));
    withApi(api, <TrainView />);
    await waitFor(() => expect(api.startTraining).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.startTraining).mock.calls[0][0]).toEqual({ ...DEFAULT_TRAIN_SETTINGS, dataset: '/demo/lid' });
    expect(screen.queryByRole('alert')).toBeNull();
  });
});

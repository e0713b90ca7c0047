// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { EvalResults, ModelComparison, ModelInfo } from '../../src/api/contract';
import { ApiContext } from '../../renderer/api/context';
import { CompareView, differenceSentence } from '../../renderer/views/CompareView';
import { fakeApi } from './fake-api';

afterEach(cleanup);
beforeEach(() => window.sessionStorage.clear());

const lid = (id: string, name: string, source: 'demo' | 'run' = 'demo'): ModelInfo => ({ id, kind: 'lid', name, dir: `/m/${id}`, labels: ['en', 'fi'], source, wordLists: [] } as ModelInfo);
const evaluation = (model: string, accuracy: number): EvalResults => ({
  model, n: 4, accuracy, labels: ['en', 'fi'], confusion: [[2, 0], [1, 1]], eer: 0.25, cavg: 0.2, ece: 0.1, skippedLabels: {},
  answered: { minConfidence: 0.5, coverage: 1, accuracy },
  files: [{ file: '/t/en/a.wav', label: 'en', predicted: 'en', confidence: 0.9 }, { file: '/t/fi/b, "x".wav', label: 'fi', predicted: 'en', confidence: 0.6 }],
} as EvalResults);

const comparison: ModelComparison = {
  dataset: '/demo/lid',
  models: [
    { model: 'demo-lid-mfcc', name: 'MFCC baseline', runId: null, evaluation: evaluation('demo-lid-mfcc', 0.75), accuracyInterval: [0.3, 0.954], history: [] },
    { model: 'r1', name: 'r1', runId: 'r1', evaluation: evaluation('r1', 0.9), accuracyInterval: [0.6, 0.98], history: [{ epoch: 1, trainLoss: 1, valAccuracy: 0.5, gradNorms: {}, seconds: 1 }, { epoch: 2, trainLoss: 0.5, valAccuracy: 0.8, gradNorms: {}, seconds: 1 }] },
  ],
  differences: [{ model: 'r1', reference: 'demo-lid-mfcc', n: 200, difference: 0.073, low: 0.021, high: 0.125, onlyReference: 3, onlyModel: 17, pValue: 0.0026 }],
  method: 'paired bootstrap ...',
};

describe('CompareView', () => {
  it("picks the lecture's pair by default (MFCC baseline first), compares them, and shows the difference with its interval", async () => {
    const models = [lid('demo-lid', 'demo lid'), lid('demo-lid-mfcc', 'MFCC baseline'), lid('r1', 'r1', 'run')];
    const api = fakeApi({ models: vi.fn(async () => models), compareModels: vi.fn(async () => comparison) });
    render(<ApiContext.Provider value={api}><CompareView /></ApiContext.Provider>);
    await screen.findByText(/MFCC baseline/);
    const box = (name: string) => screen.getByRole('checkbox', { name: (n) => n.trim().startsWith(name) }) as HTMLInputElement;
    expect([box('demo lid').checked, box('MFCC baseline').checked, box('r1').checked]).toEqual([true, true, false]);
    fireEvent.click(box('demo lid'));
    fireEvent.click(box('r1'));
    fireEvent.submit(screen.getByText('Compare').closest('form')!);
    await waitFor(() => expect(api.compareModels).toHaveBeenCalledWith(['demo-lid-mfcc', 'r1'], undefined));
    expect((await screen.findByTestId('difference')).textContent).toBe(
      'r1 is 7.3 points more accurate than MFCC baseline on the same 200 files (95% interval +2.1 to +12.5 points; p = 0.003): the interval excludes no difference.',
    );
    const rows = [...screen.getByTestId('comparison-table').querySelectorAll('tbody tr')].map((r) => [...r.children].map((c) => c.textContent));
    expect(rows[0]).toEqual(['MFCC baseline', '4', '75.0% (30.0%–95.4%)', '25.0%', '0.200', 'reference', '', '']);
    expect(rows[1]).toEqual(['r1', '4', '90.0% (60.0%–98.0%)', '25.0%', '0.200', '+7.3 points (+2.1 to +12.5)', '17 / 3', 'p = 0.003']);
    // a confusion figure per model, and the run's curves
    expect(screen.getAllByRole('img', { name: /: (75|90)\.0%$/ })).toHaveLength(2);
    expect(screen.getByRole('img', { name: 'Validation accuracy' }).querySelectorAll('[data-series="r1"] circle')).toHaveLength(2);
  });

  it('shows the progress of the evaluations it runs, with Cancel', async () => {
    const api = fakeApi({ models: vi.fn(async () => [lid('demo-lid', 'demo lid'), lid('demo-lid-mfcc', 'MFCC baseline')]) });
    render(<ApiContext.Provider value={api}><CompareView /></ApiContext.Provider>);
    await screen.findByText(/MFCC baseline/);
    act(() => api.emit({ type: 'started', jobId: 'e1', task: 'eval', runId: null }));
    act(() => api.emit({ type: 'progress', jobId: 'e1', fraction: 0.3, message: 'scored 30 of 100 files', progress: { done: 30, total: 100, unit: 'files', perSecond: 12.5, secondsLeft: 5.6 } }));
    expect(screen.getByTestId('progress-numbers').textContent).toBe('30 / 100 files · 13 files/s · 6 s left');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(api.cancelJob).toHaveBeenCalledWith('e1');
    act(() => api.emit({ type: 'cancelled', jobId: 'e1', runId: null }));
    expect(screen.queryByTestId('job-progress')).toBeNull();
  });

  it('says when the interval includes no difference, and words a loss as less accurate', () => {
    const text = differenceSentence({ model: 'b', reference: 'a', n: 50, difference: -0.02, low: -0.1, high: 0.06, onlyReference: 4, onlyModel: 3, pValue: 1 }, (id) => id.toUpperCase());
    expect(text).toBe('B is 2.0 points less accurate than A on the same 50 files (95% interval −10.0 to +6.0 points; p = 1.000): the interval includes no difference.');
  });
});

// @vitest-environment happy-dom
/**
 * File > Export results: the shell hands it to the view shown when that view holds results (Results, Classify,
 * Compare, ASR), else opens Results; each of those views saves its results as JSON, or says there are none yet.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { ClassifyResult, KieloApi, ModelComparison, ModelInfo, TranscriptResult } from '../../renderer/contract';
import { ApiContext } from '../../renderer/api/context';
import { emitViewCommand, useViewCommand } from '../../renderer/commands';
import { useShell } from '../../renderer/use-shell';
import { AsrView } from '../../renderer/views/AsrView';
import { ClassifyView } from '../../renderer/views/ClassifyView';
import { CompareView } from '../../renderer/views/CompareView';
import { FILE, fakeApi } from './fake-api';

/** What downloadText saved: each file's name and contents. */
let saved: { name: string; text: Promise<string> }[];
beforeEach(() => {
  window.sessionStorage.clear();
  saved = [];
  let blob: Blob | null = null;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => ((blob = b as Blob), 'blob:x'));
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push({ name: this.download, text: blob!.text() });
  });
});
afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

function withApi(api: KieloApi, ui: ReactNode) {
  return render(<ApiContext.Provider value={api}>{ui}</ApiContext.Provider>);
}

const noop = () => {};
const exportResults = () => act(() => emitViewCommand('exportResults'));
const hint = () => screen.queryByText(/^Nothing to export yet/)?.textContent ?? null;

describe('the shell routes File > Export results', () => {
  function Shell({ view, onView, onExport }: { view: string; onView(v: string): void; onExport(): void }) {
    const shell = useShell({ view, showView: onView, files: [], selected: null, select: noop, refresh: async () => [], notify: noop, switched: noop, project: null, engine: null });
    useViewCommand('exportResults', onExport);
    return <>{shell.menuBar}</>;
  }
  const pick = () => {
    fireEvent.click(screen.getByRole('menuitem', { name: 'File' }));
    fireEvent.click(screen.getByRole('menuitem', { name: /^Export results/ }));
  };

  it('to the view shown when it holds results, and to Results from any other view', () => {
    for (const [view, opensResults] of [['Compare', false], ['Classify', false], ['ASR', false], ['Results', false], ['Train', true], ['Files', true]] as const) {
      const onView = vi.fn();
      const onExport = vi.fn();
      withApi(fakeApi(), <Shell view={view} onView={onView} onExport={onExport} />);
      pick();
      expect([view, onView.mock.calls, onExport.mock.calls.length]).toEqual([view, opensResults ? [['Results']] : [], 1]);
      cleanup();
    }
  });
});

const lid = (id: string): ModelInfo => ({ id, kind: 'lid', name: id, dir: `/m/${id}`, labels: ['en', 'fi'], source: 'demo', wordLists: [] });

describe('views save their results', () => {
  it('Compare: the whole comparison as comparison.json; before one, a hint', async () => {
    const evaluation = (model: string, accuracy: number) => ({
      model, n: 2, accuracy, labels: ['en', 'fi'], confusion: [[1, 0], [0, 1]], eer: 0.25, cavg: 0.2, ece: 0.1, skippedLabels: {},
      answered: { minConfidence: 0.5, coverage: 1, accuracy }, files: [{ file: '/t/en/a.wav', label: 'en', predicted: 'en', confidence: 0.9 }],
    });
    const comparison = {
      dataset: '/demo/lid',
      models: [
        { model: 'demo-lid-mfcc', name: 'MFCC baseline', runId: null, evaluation: evaluation('demo-lid-mfcc', 0.5), accuracyInterval: [0.1, 0.9], history: [] },
        { model: 'demo-lid', name: 'demo lid', runId: null, evaluation: evaluation('demo-lid', 1), accuracyInterval: [0.3, 1], history: [] },
      ],
      differences: [{ model: 'demo-lid', reference: 'demo-lid-mfcc', n: 2, difference: 0.5, low: -0.5, high: 1, onlyReference: 0, onlyModel: 1, pValue: 0.5 }],
      method: 'paired bootstrap',
    } as unknown as ModelComparison;
    const api = fakeApi({ models: vi.fn(async () => [lid('demo-lid'), lid('demo-lid-mfcc')]), compareModels: vi.fn(async () => comparison) });
    withApi(api, <CompareView />);
    exportResults();
    expect(hint()).toBe('Nothing to export yet: compare two or more models first; File > Export results… then saves the comparison as JSON.');
    expect(saved).toHaveLength(0);
    await waitFor(() => expect((screen.getByRole('button', { name: 'Compare' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    await screen.findByTestId('comparison');
    expect(hint()).toBeNull();
    exportResults();
    expect(saved.map((s) => s.name)).toEqual(['comparison.json']);
    expect(JSON.parse(await saved[0].text)).toEqual(comparison);
  });

  it("Classify: the all-files table as JSON, the same file as the table's All JSON button", async () => {
    const result: ClassifyResult = { file: FILE.path, model: 'demo-lid', label: 'en', speech: true, unsure: false, bestGuess: 'en', confidence: 0.7, posteriors: { en: 0.7, fi: 0.3 }, durationSec: 2, segments: [] };
    const api = fakeApi({ classifyFiles: vi.fn(async () => [{ id: FILE.id, result, error: null }]) });
    withApi(api, <ClassifyView files={[FILE]} selected={null} onSelect={noop} onLabel={noop} onRemove={noop} model={null} onModel={noop} />);
    exportResults();
    expect(hint()).toBe('Nothing to export yet: classify all files first; File > Export results… then saves the table as JSON.');
    await waitFor(() => expect((screen.getByRole('button', { name: 'Classify all 1 file(s)' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Classify all 1 file(s)' }));
    await screen.findByTestId('classify-summary');
    exportResults();
    fireEvent.click(screen.getByRole('button', { name: 'All JSON' }));
    expect(saved.map((s) => s.name)).toEqual(['classify-demo-lid.json', 'classify-demo-lid.json']);
    const exported = JSON.parse(await saved[0].text);
    expect(exported).toMatchObject({ model: 'demo-lid', files: [{ file: FILE.name, label: FILE.label, prediction: 'en', confidence: 0.7, posteriors: { en: 0.7, fi: 0.3 } }] });
    expect(await saved[1].text).toBe(await saved[0].text);
  });

  it('ASR: the last transcript with its scores, named after the audio file', async () => {
    const transcript = { file: '/d/one two.wav', model: 'demo-asr', text: 'one', reference: 'one', referenceFrom: 'typed', beamWidth: 1, wordList: null, alignment: [], wer: 0, cer: 0 } as unknown as TranscriptResult;
    window.sessionStorage.setItem('kielo:asr.transcript', JSON.stringify(transcript));
    withApi(fakeApi(), <AsrView files={[FILE]} selected={FILE.id} onSelect={noop} />);
    exportResults();
    expect(hint()).toBeNull();
    expect(saved.map((s) => s.name)).toEqual(['transcript-one-two.wav.json']);
    expect(JSON.parse(await saved[0].text)).toEqual(transcript);
  });
});

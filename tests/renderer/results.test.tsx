// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import type { ReactNode } from 'react';
import { NOT_A_PROJECT, type AudioFileEntry, type ClassifiedFile, type EvalResults, type TranscriptResult } from '../../src/api/contract';
import { ApiContext } from '../../renderer/api/context';
import { describeAdded, removeQuestion } from '../../renderer/api/import-text';
import { openOrCreateProject } from '../../renderer/api/open-project';
import { toCsv } from '../../renderer/export/download';
import { App } from '../../renderer/App';
import { ClassifyView } from '../../renderer/views/ClassifyView';
import { EvalReport, ResultsView } from '../../renderer/views/ResultsView';
import { emitViewCommand } from '../../renderer/commands';
import { AsrView } from '../../renderer/views/AsrView';
import { TranscriptReport } from '../../renderer/components/TranscriptReport';
import { FILE, fakeApi, type FakeApi } from './fake-api';

vi.mock('wavesurfer.js', () => ({
  default: { create: () => ({ on: () => () => {}, destroy: () => {}, zoom: () => {}, getDuration: () => 2, getScroll: () => 0, getWidth: () => 800, playPause: async () => {}, registerPlugin: () => ({}) }) },
}));
vi.mock('wavesurfer.js/dist/plugins/regions.esm.js', () => ({ default: { create: () => ({ enableDragSelection: () => () => {}, on: () => () => {}, getRegions: () => [] }) } }));

afterEach(() => {
  cleanup();
  sessionStorage.clear();
});

function withApi(api: FakeApi, ui: ReactNode) {
  return render(<ApiContext.Provider value={api}>{ui}</ApiContext.Provider>);
}

const noop = () => {};
const file = (id: string, name: string, label: string | null, durationSec: number): AudioFileEntry => ({ ...FILE, id, name, path: `/data/${name}`, source: `/data/${name}`, label, durationSec });
const outcome = (id: string, label: string | null, confidence: number, extra: Partial<NonNullable<ClassifiedFile['result']>> = {}): ClassifiedFile => ({
  id, error: null,
  result: { file: id, model: 'demo-lid', label, speech: true, unsure: label === null, bestGuess: label ?? 'en', confidence, posteriors: { fi: confidence, en: 1 - confidence }, durationSec: 1.5, segments: [], ...extra },
});

describe('Classify: results for every file', () => {
  const files = [file('a', 'fi001.wav', 'fi', 1.5), file('b', 'fi002.wav', 'fi', 1.5), file('c', 'en001.wav', 'en', 1.5), file('d', 'x.wav', null, 1)];
  const outcomes = [outcome('a', 'fi', 0.9), outcome('b', 'en', 0.7), outcome('c', null, 0.45), { id: 'd', result: null, error: 'not a supported format' }];

  it('classifies all files in one call and shows each row: label, prediction, top posterior, speech, unsure, duration; a disagreeing label is marked', async () => {
    const api = fakeApi({ classifyFiles: vi.fn(async () => outcomes) });
    withApi(api, <ClassifyView files={files} selected={null} onSelect={noop} onLabel={noop} onRemove={noop} model={null} onModel={noop} />);
    const button = await screen.findByRole('button', { name: 'Classify all 4 file(s)' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button);
    const table = await screen.findByRole('table', { name: 'Classification of every file' });
    expect(api.classifyFiles).toHaveBeenCalledWith(['a', 'b', 'c', 'd'], 'demo-lid');
    const rows = within(table).getAllByRole('row').slice(1).map((r) => [...r.querySelectorAll('td')].map((td) => td.textContent));
    expect(rows).toEqual([
      ['fi001.wav', 'fi', 'fi', 'fi 90.0%', 'yes', 'no', '1.50 s', '✓'],
      ['fi002.wav', 'fi', 'en', 'en 70.0%', 'yes', 'no', '1.50 s', '≠ disagrees'],
      ['en001.wav', 'en', 'Unsure (best guess: en, 45%)', 'en 45.0%', 'yes', 'yes', '1.50 s', ''],
      ['x.wav', '–', 'not a supported format', '', '', '', '1.00 s', ''],
    ]);
    expect(within(table).getAllByRole('row').filter((r) => r.classList.contains('mismatch')).map((r) => r.querySelector('td')?.textContent)).toEqual(['fi002.wav']);
    expect(screen.getByTestId('classify-summary').textContent).toMatch(/^4 file\(s\) classified with demo-lid; 1 label\(s\) the model disagrees with/);
  });

  it('sorts by a column on a click of its header, the other way on a second click', async () => {
    const api = fakeApi({ classifyFiles: vi.fn(async () => outcomes) });
    withApi(api, <ClassifyView files={files} selected={null} onSelect={noop} onLabel={noop} onRemove={noop} model={null} onModel={noop} />);
    const button = await screen.findByRole('button', { name: 'Classify all 4 file(s)' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button);
    const table = await screen.findByRole('table', { name: 'Classification of every file' });
    const names = () => within(table).getAllByRole('row').slice(1).map((r) => r.querySelector('td')?.textContent);
    fireEvent.click(within(table).getByRole('button', { name: /Top posterior/ }));
    expect(names()).toEqual(['en001.wav', 'fi002.wav', 'fi001.wav', 'x.wav']);
    fireEvent.click(within(table).getByRole('button', { name: /Top posterior/ }));
    expect(names()).toEqual(['fi001.wav', 'fi002.wav', 'en001.wav', 'x.wav']);
    expect(within(table).getByRole('columnheader', { name: /Top posterior/ }).getAttribute('aria-sort')).toBe('descending');
  });

  it('exports the table as CSV', async () => {
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:x'));
    const api = fakeApi({ classifyFiles: vi.fn(async () => outcomes) });
    withApi(api, <ClassifyView files={files} selected={null} onSelect={noop} onLabel={noop} onRemove={noop} model={null} onModel={noop} />);
    const button = await screen.findByRole('button', { name: 'Classify all 4 file(s)' });
    await waitFor(() => expect((button as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(button);
    fireEvent.click(await screen.findByRole('button', { name: 'Table CSV' }));
    const lines = (await blobs[0].text()).split('\r\n');
    expect(lines[0]).toBe('file,source,label,prediction,speech,unsure,bestGuess,confidence,durationSec,disagrees,error');
    expect(lines[2]).toBe('fi002.wav,/data/fi002.wav,fi,en,true,false,en,0.7,1.5,true,');
    create.mockRestore();
  });

  it('quotes CSV fields with commas, quotes or line breaks', () => {
    expect(toCsv(['a', 'b'], [['x,y', 'say "hi"'], [null, 2]])).toBe('a,b\r\n"x,y","say ""hi"""\r\n,2\r\n');
  });
});

const evaluation: EvalResults = {
  model: 'demo-lid', n: 5, accuracy: 0.6, labels: ['en', 'fi'], confusion: [[2, 1], [1, 1]], eer: 0.25, cavg: 0.2, ece: 0.123,
  answered: { minConfidence: 0.5, n: 3, coverage: 0.6, accuracy: 1 }, skippedLabels: { xx: 3, yy: 1 },
  perClass: { en: { precision: 2 / 3, recall: 2 / 3, support: 3 }, fi: { precision: 0.5, recall: 0.5, support: 2 } },
  byDuration: { '<=3s': { n: 4, accuracy: 0.5, eer: 0.3, cavg: 0.2 }, '3-10s': { n: 1, accuracy: 1, eer: null, cavg: null } },
  split: 'all', temperature: 1.5, nll: 0.7, uncalibrated: { ece: 0.2, nll: 0.9 }, speechFiles: 4, failed: [],
  files: [
    { file: '/set/en/a.wav', label: 'en', predicted: 'en', confidence: 0.9 },
    { file: '/set/en/b.wav', label: 'en', predicted: 'fi', confidence: 0.6 },
    { file: '/set/fi/c.wav', label: 'fi', predicted: 'en', confidence: 0.55 },
  ],
};

describe('Results: everything kielo eval prints', () => {
  it('shows calibration, coverage at the threshold, and the label folders left out', () => {
    render(<EvalReport result={evaluation} />);
    expect(screen.getByText('ECE').nextSibling?.textContent).toBe('0.123');
    expect(screen.getByText('Temperature').nextSibling?.textContent).toBe('1.500 (uncalibrated: ECE 0.200, NLL 0.900)');
    expect(screen.getByText('Answered (confidence ≥ 0.5)').nextSibling?.textContent).toBe('3 of 5: 60.0% of files, 100.0% right');
    expect(screen.getByText('No speech').nextSibling?.textContent).toBe('1 file(s)');
    expect(screen.getByText(/^Left out/).textContent).toBe('Left out (labels the model does not know): xx (3), yy (1)');
  });

  it('shows precision and recall per language and accuracy by duration', () => {
    render(<EvalReport result={evaluation} />);
    const cells = (name: string) => within(screen.getByRole('table', { name })).getAllByRole('row').slice(1).map((r) => [...r.children].map((c) => c.textContent));
    expect(cells('Per language')).toEqual([['en', '66.7%', '66.7%', '3'], ['fi', '50.0%', '50.0%', '2']]);
    expect(cells('By duration')).toEqual([['<=3s', '4', '50.0%', '30.0%'], ['3-10s', '1', '100.0%', 'n/a']]);
  });

  it('lists the misclassified files; a click opens one', () => {
    const open = vi.fn();
    render(<EvalReport result={evaluation} onOpenFile={open} />);
    const table = screen.getByRole('table', { name: 'Misclassified files' });
    expect(within(table).getByText('Misclassified: 2 of 3 file(s)')).toBeTruthy();
    const rows = within(table).getAllByRole('row').slice(1).map((r) => [...r.children].map((c) => c.textContent));
    expect(rows).toEqual([['/set/en/b.wav', 'en', 'fi', '60.0%'], ['/set/fi/c.wav', 'fi', 'en', '55.0%']]);
    fireEvent.click(within(table).getByRole('button', { name: '/set/fi/c.wav' }));
    expect(open).toHaveBeenCalledWith('/set/fi/c.wav');
  });

  it('shows accuracy per speaker, the worst first', () => {
    const byGroup = { groupBy: 'speaker' as const, groupsFrom: "manifest.tsv column 'voice'", groups: { max: { n: 2, accuracy: 1, labels: ['fi'] }, shelby: { n: 3, accuracy: 1 / 3, labels: ['en', 'fi'] } } };
    render(<EvalReport result={{ ...evaluation, byGroup }} />);
    const table = screen.getByRole('table', { name: 'By speaker' });
    expect(within(table).getByText(/^By speaker/).textContent).toBe("By speaker (manifest.tsv column 'voice'): 2 speakers, mean accuracy 66.7%");
    expect(within(table).getAllByRole('row').slice(1).map((r) => [...r.children].map((c) => c.textContent))).toEqual([['shelby', 'en, fi', '3', '33.3%'], ['max', 'fi', '2', '100.0%']]);
  });

  it('evaluates with the grouping chosen, keeps the report across a switch of views, and File > Export results saves it', async () => {
    const api = fakeApi({ evaluate: vi.fn(async () => evaluation) });
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:x'));
    withApi(api, <ResultsView />);
    await screen.findByRole('option', { name: 'demo lid' });
    fireEvent.change(screen.getByLabelText('Accuracy by'), { target: { value: 'source' } });
    fireEvent.submit(screen.getByText('Evaluate').closest('form')!);
    await screen.findByTestId('eval-report');
    expect(api.evaluate).toHaveBeenCalledWith('demo-lid', undefined, 'source');
    cleanup();
    withApi(api, <ResultsView />);
    expect(screen.getByTestId('eval-report')).toBeTruthy();
    act(() => emitViewCommand('exportResults'));
    expect(JSON.parse(await blobs[0].text())).toEqual(evaluation);
    create.mockRestore();
  });

  it('exports precision and recall per language as CSV', async () => {
    const blobs: Blob[] = [];
    const create = vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => (blobs.push(b as Blob), 'blob:x'));
    render(<EvalReport result={evaluation} />);
    fireEvent.click(screen.getByRole('button', { name: 'Per language CSV' }));
    expect(await blobs[0].text()).toBe('label,precision,recall,files\r\nen,0.6666666666666666,0.6666666666666666,3\r\nfi,0.5,0.5,2\r\n');
    create.mockRestore();
  });
});

const transcript: TranscriptResult = {
  file: '/d/d1.wav', model: 'demo-asr', text: 'one too four', reference: 'one two three four', referenceFrom: 'typed', beamWidth: 16, wordList: 'digits.txt',
  alignment: [{ op: 'C', ref: 'one', hyp: 'one' }, { op: 'S', ref: 'two', hyp: 'too' }, { op: 'D', ref: 'three', hyp: null }, { op: 'C', ref: 'four', hyp: 'four' }],
  wer: 0.5, cer: 0.3, posteriorgram: { frames: 100, classes: ['blank', 'a', 'b'], frameSeconds: 0.02, logProbs: new Array(300).fill(Math.log(1 / 3)) },
};

describe('ASR', () => {
  it('transcribes with the beam width, word list and typed reference chosen', async () => {
    const asrModel = { id: 'demo-asr', kind: 'asr' as const, name: 'demo asr', dir: '/m', labels: [], source: 'demo' as const, wordLists: ['digits.txt'] };
    const api = fakeApi({ models: vi.fn(async () => [asrModel]), transcribe: vi.fn(async () => transcript) });
    withApi(api, <AsrView files={[{ ...FILE, transcript: '/data/fi/a.txt' }]} selected="f1" onSelect={noop} />);
    await screen.findByRole('option', { name: 'digits.txt' });
    expect((screen.getByLabelText(/^Reference/) as HTMLTextAreaElement).placeholder).toBe('(blank: the paired transcript /data/fi/a.txt)');
    fireEvent.change(screen.getByLabelText('Beam width'), { target: { value: '16' } });
    fireEvent.change(screen.getByLabelText('Word list'), { target: { value: 'digits.txt' } });
    fireEvent.change(screen.getByLabelText(/^Reference/), { target: { value: 'one two three four' } });
    fireEvent.submit(screen.getByText('Transcribe').closest('form')!);
    await screen.findByTestId('transcript');
    expect(api.transcribe).toHaveBeenCalledWith('f1', { model: 'demo-asr', beamWidth: 16, wordList: 'digits.txt', reference: 'one two three four' });
  });

  it("keeps a typed reference with its file: another file starts from its paired transcript", async () => {
    const asrModel = { id: 'demo-asr', kind: 'asr' as const, name: 'demo asr', dir: '/m', labels: [], source: 'demo' as const, wordLists: [] };
    const api = fakeApi({ models: vi.fn(async () => [asrModel]) });
    const other = { ...FILE, id: 'f2', name: 'b.wav' };
    const view = withApi(api, <AsrView files={[FILE, other]} selected="f1" onSelect={noop} />);
    fireEvent.change(screen.getByLabelText(/^Reference/), { target: { value: 'one two' } });
    view.rerender(<ApiContext.Provider value={api}><AsrView files={[FILE, other]} selected="f2" onSelect={noop} /></ApiContext.Provider>);
    expect((screen.getByLabelText(/^Reference/) as HTMLTextAreaElement).value).toBe('');
    view.rerender(<ApiContext.Provider value={api}><AsrView files={[FILE, other]} selected="f1" onSelect={noop} /></ApiContext.Provider>);
    expect((screen.getByLabelText(/^Reference/) as HTMLTextAreaElement).value).toBe('one two');
  });

  it('shows the reference and where it came from, WER/CER with the word counts, and the alignment', () => {
    render(<TranscriptReport result={transcript} />);
    expect(screen.getByText(/^Reference \(typed\)/).textContent).toBe('Reference (typed): one two three four');
    expect(screen.getByTestId('wer').textContent).toBe('50.0%');
    expect(screen.getByTestId('cer').textContent).toBe('30.0%');
    expect(screen.getByTestId('word-counts').textContent).toBe('2 correct, 1 substituted, 1 deleted, 0 inserted');
    expect(screen.getByText(/^\(beam 16/).textContent).toBe('(beam 16, words of digits.txt)');
    expect([...screen.getByLabelText('Alignment with the reference').children].map((s) => [s.className, s.textContent])).toEqual([
      ['op-C', 'one '], ['op-S', 'too (two) '], ['op-D', 'three '], ['op-C', 'four '],
    ]);
  });

  it('labels the posteriorgram: one symbol per row, time in seconds on the axis', () => {
    render(<TranscriptReport result={transcript} />);
    expect([...screen.getByRole('list', { name: 'Symbols' }).children].map((li) => li.textContent)).toEqual(['blank', 'a', 'b']);
    const ticks = [...screen.getByLabelText('Time (s)').children] as HTMLElement[];
    expect(ticks.map((t) => t.textContent)).toEqual(['0.0', '0.2', '0.4', '0.6', '0.8', '1.0', '1.2', '1.4', '1.6', '1.8', '2.0']);
    expect([ticks[1].style.left, ticks[5].style.left, ticks[10].style.left]).toEqual(['10%', '50%', '100%']);
  });
});

describe('import messages', () => {
  const copied: AudioFileEntry = { ...FILE, name: 'fi001-max.flac', path: '/p/imports/fi/fi001-max.flac', source: 'fi/fi001-max.flac', copied: true };
  it('says what was added, paired, already there and why files failed', () => {
    expect(describeAdded({
      added: [copied], problems: [{ file: 'lonely.txt', reason: 'a transcript needs its audio' }],
      duplicates: [{ file: 'again.flac', existing: copied }], transcripts: [{ file: 'fi/fi001-max.txt', audio: copied }],
    })).toBe('1 file added (copied into the project); 1 transcript paired (fi/fi001-max.txt → fi001-max.flac); already in the project, not added again: again.flac (as fi001-max.flac); failed: lonely.txt: a transcript needs its audio');
    expect(describeAdded({ added: [], problems: [], duplicates: [], transcripts: [] })).toBe('0 files added');
  });
  it('asks before removing, saying what happens on disk', () => {
    expect(removeQuestion(copied)).toBe("Remove fi001-max.flac from the project? The project's copy (/p/imports/fi/fi001-max.flac) is deleted; the file you dropped (fi/fi001-max.flac) is not touched.");
    expect(removeQuestion(FILE)).toBe('Remove a.wav from the project? The file stays on disk at /data/fi/a.wav.');
  });
});

describe('removing a file', () => {
  it('asks first, and removes nothing when the user says no', async () => {
    const api = fakeApi();
    const confirm = vi.fn().mockReturnValueOnce(false).mockReturnValueOnce(true);
    vi.stubGlobal('confirm', confirm);
    withApi(api, <App />);
    fireEvent.click(await screen.findByRole('button', { name: 'Remove a.wav' }));
    expect(confirm).toHaveBeenLastCalledWith('Remove a.wav from the project? The file stays on disk at /data/fi/a.wav.');
    expect(api.removeFile).not.toHaveBeenCalled();
    fireEvent.click(screen.getByRole('button', { name: 'Remove a.wav' }));
    await waitFor(() => expect(api.removeFile).toHaveBeenCalledWith('f1'));
    vi.unstubAllGlobals();
  });
});

describe('opening a folder that is not a project', () => {
  const info = { dir: '/rec', name: 'rec', version: 3, createdAt: '' };
  it('offers to create a project there, and creates it when the user agrees', async () => {
    const api = fakeApi({ openProject: vi.fn(async () => Promise.reject(new Error(`/rec: ${NOT_A_PROJECT} (it has no kielo-project.json)`))), createProject: vi.fn(async () => info) });
    const asked: string[] = [];
    expect(await openOrCreateProject(api, '/rec', (q) => (asked.push(q), true))).toEqual(info);
    expect(asked).toEqual(['/rec is not a Kielo project yet.\n\nCreate a project in this folder? Its files stay where they are.']);
    expect(api.createProject).toHaveBeenCalledWith('/rec', 'rec');
  });
  it('keeps the error when the user says no, and never offers for other errors', async () => {
    const notProject = fakeApi({ openProject: vi.fn(async () => Promise.reject(new Error(`/rec: ${NOT_A_PROJECT}`))) });
    await expect(openOrCreateProject(notProject, '/rec', () => false)).rejects.toThrow(NOT_A_PROJECT);
    expect(notProject.createProject).not.toHaveBeenCalled();
    const locked = fakeApi({ openProject: vi.fn(async () => Promise.reject(new Error('/p: the project is open in another Kielo process'))) });
    const confirm = vi.fn(() => true);
    await expect(openOrCreateProject(locked, '/p', confirm)).rejects.toThrow('another Kielo process');
    expect(confirm).not.toHaveBeenCalled();
  });
});

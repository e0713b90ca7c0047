// @vitest-environment happy-dom
/**
 * Every field where a view asks for a folder is a PathField: Browse… opens the chooser for its purpose (here the
 * native dialog's stand-in, window.kieloHost.choosePaths), the chosen path fills the field, and the view's action
 * uses it; the in-page browser of browser mode is tested with PathField itself in shell.test.tsx.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { KieloApi, ModelInfo, PathRequest } from '../../renderer/contract';
import { ApiContext } from '../../renderer/api/context';
import { CompareView } from '../../renderer/views/CompareView';
import { ProjectsView } from '../../renderer/views/ProjectsView';
import { ResultsView } from '../../renderer/views/ResultsView';
import { TrainView } from '../../renderer/views/TrainView';
import { fakeApi } from './fake-api';

const PICKED = '/home/u/picked set';
let choosePaths: ReturnType<typeof vi.fn<(request: PathRequest) => Promise<string[]>>>;

beforeEach(() => {
  window.sessionStorage.clear();
  choosePaths = vi.fn(async (_request: PathRequest) => [PICKED]);
  window.kieloHost = { pathForFile: () => '', choosePaths, onCommand: () => () => {}, platform: 'linux', versions: { electron: '41', chrome: '140', node: '22' } };
});
afterEach(() => {
  cleanup();
  delete window.kieloHost;
});

function withApi(api: KieloApi, ui: ReactNode) {
  return render(<ApiContext.Provider value={api}>{ui}</ApiContext.Provider>);
}

const lid = (id: string): ModelInfo => ({ id, kind: 'lid', name: id, dir: `/m/${id}`, labels: ['en', 'fi'], source: 'demo', wordLists: [] });
const input = (label: string) => screen.getByLabelText(label) as HTMLInputElement;

/** Types `typed` into the field, browses, and checks the chooser's request and the field's new value. */
async function browse(label: string, purpose: string, typed: string) {
  fireEvent.change(input(label), { target: { value: typed } });
  fireEvent.click(screen.getByRole('button', { name: `Browse for ${label.toLowerCase()}` }));
  await waitFor(() => expect(input(label).value).toBe(PICKED));
  expect(choosePaths).toHaveBeenCalledTimes(1);
  expect(choosePaths.mock.calls[0][0]).toMatchObject({ purpose, defaultPath: typed });
}

describe('folder fields have Browse…', () => {
  it("Train's Dataset: the chosen folder is what the run trains on; the demo sets are still offered", async () => {
    const api = fakeApi();
    withApi(api, <TrainView />);
    await waitFor(() => expect(input('Dataset').value).toBe('/demo/lid'));
    const offered = [...document.querySelectorAll(`#${input('Dataset').getAttribute('list')} option`)].map((o) => o.getAttribute('value'));
    expect(offered).toEqual(['/demo/lid']);
    await browse('Dataset', 'dataset', '/typed/first');
    fireEvent.click(screen.getByRole('button', { name: 'Start training' }));
    await waitFor(() => expect(api.startTraining).toHaveBeenCalledTimes(1));
    expect(vi.mocked(api.startTraining).mock.calls[0][0].dataset).toBe(PICKED);
  });

  it('a cancelled chooser leaves the typed path', async () => {
    choosePaths.mockResolvedValueOnce([]);
    withApi(fakeApi(), <TrainView />);
    await waitFor(() => expect(input('Dataset').value).toBe('/demo/lid'));
    fireEvent.change(input('Dataset'), { target: { value: '/typed/kept' } });
    fireEvent.click(screen.getByRole('button', { name: 'Browse for dataset' }));
    await waitFor(() => expect(choosePaths).toHaveBeenCalledTimes(1));
    await new Promise((done) => setTimeout(done, 0));
    expect(input('Dataset').value).toBe('/typed/kept');
  });

  it("Results' Test folder: the evaluation runs on the chosen folder", async () => {
    const api = fakeApi({ evaluate: vi.fn(() => new Promise(() => {})) as never });
    withApi(api, <ResultsView />);
    await browse('Test folder', 'dataset', '/typed/test');
    await waitFor(() => expect((screen.getByRole('button', { name: 'Evaluate' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Evaluate' }));
    await waitFor(() => expect(api.evaluate).toHaveBeenCalledWith('demo-lid', PICKED, undefined));
  });

  it("Compare's Test folder: the comparison runs on the chosen folder", async () => {
    const api = fakeApi({ models: vi.fn(async () => [lid('demo-lid'), lid('demo-lid-mfcc')]), compareModels: vi.fn(() => new Promise(() => {})) as never });
    withApi(api, <CompareView />);
    await browse('Test folder', 'dataset', '/typed/compare');
    await waitFor(() => expect((screen.getByRole('button', { name: 'Compare' }) as HTMLButtonElement).disabled).toBe(false));
    fireEvent.click(screen.getByRole('button', { name: 'Compare' }));
    await waitFor(() => expect(api.compareModels).toHaveBeenCalledWith(['demo-lid-mfcc', 'demo-lid'], PICKED));
  });

  it("Projects' Folder: the project chooser, and Create makes the project in the chosen folder", async () => {
    const api = fakeApi({ createProject: vi.fn(async (dir: string, name: string) => ({ dir, name, version: 2, createdAt: '' })) });
    const switched = vi.fn();
    withApi(api, <ProjectsView project={null} onSwitched={switched} />);
    await browse('Folder', 'project', '/typed/project');
    fireEvent.click(screen.getByRole('button', { name: 'Create' }));
    await waitFor(() => expect(switched).toHaveBeenCalledWith(expect.objectContaining({ dir: PICKED })));
    expect(api.createProject).toHaveBeenCalledWith(PICKED, '');
  });
});

// @vitest-environment happy-dom
/**
 * The shell in the page: the in-page menu bar runs the shared commands, the file browser dialog picks folders and
 * files through listDirectory, PathField takes typed paths and Browse… picks, the keyboard moves between files, and
 * in Electron the native menu's commands and dialogs are used instead.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { useState, type ReactNode } from 'react';
import type { DirectoryListing, KieloApi } from '../../renderer/contract';
import { ApiContext } from '../../renderer/api/context';
import { MenuBar } from '../../renderer/components/MenuBar';
import { PathField } from '../../renderer/components/PathField';
import { ShortcutsDialog } from '../../renderer/components/HelpDialogs';
import { useShell } from '../../renderer/use-shell';
import { FILE, fakeApi } from './fake-api';

afterEach(() => {
  cleanup();
  delete window.kieloHost;
});

/** A small tree: /home/u holds data/ (a Kielo project inside) and a.wav. */
const TREE: Record<string, DirectoryListing> = {
  '/home/u': {
    dir: '/home/u', parent: null, truncated: false, roots: ['/home/u'],
    entries: [
      { name: 'data', path: '/home/u/data', kind: 'folder', project: false, audio: false },
      { name: 'proj', path: '/home/u/proj', kind: 'folder', project: true, audio: false },
      { name: 'a.wav', path: '/home/u/a.wav', kind: 'file', project: false, audio: true },
      { name: 'notes.txt', path: '/home/u/notes.txt', kind: 'file', project: false, audio: false },
    ],
  },
  '/home/u/data': { dir: '/home/u/data', parent: '/home/u', truncated: false, roots: ['/home/u'], entries: [] },
};

function browsingApi(overrides: Partial<KieloApi> = {}) {
  return fakeApi({
    listDirectory: vi.fn(async (dir?: string) => {
      const listing = TREE[dir ?? '/home/u'];
      if (!listing) throw new Error(`${dir}: no such folder`);
      return listing;
    }),
    ...overrides,
  });
}

function withApi(api: KieloApi, ui: ReactNode) {
  return render(<ApiContext.Provider value={api}>{ui}</ApiContext.Provider>);
}

/** useShell inside a minimal app: the menu bar, the dialogs, the selected file. */
function Harness({ files = [FILE, { ...FILE, id: 'f2', name: 'b.wav' }, { ...FILE, id: 'f3', name: 'c.wav' }], onView = () => {} }: { files?: (typeof FILE)[]; onView?: (v: string) => void }) {
  const [selected, setSelected] = useState<string | null>('f1');
  const [notice, setNotice] = useState('');
  const shell = useShell({ view: 'Files', showView: onView, files, selected, select: setSelected, refresh: async () => files, notify: setNotice, switched: (p) => setNotice(`switched to ${p.dir}`), project: null, engine: null });
  return (
    <>
      {shell.menuBar}
      <output data-testid="selected">{selected}</output>
      <output data-testid="notice">{notice}</output>
      {shell.dialogs}
    </>
  );
}

const openMenu = (name: string) => fireEvent.click(screen.getByRole('menuitem', { name }));

describe('MenuBar', () => {
  it('shows the menus with their items and shortcuts, Cancel disabled without a job', () => {
    render(<MenuBar recent={['/p/a']} jobRunning={false} onCommand={() => {}} />);
    expect(screen.getAllByRole('menuitem').map((b) => b.textContent)).toEqual(['File', 'Edit', 'View', 'Run', 'Help']);
    openMenu('File');
    const file = within(screen.getByRole('menu', { name: 'File' }));
    expect(file.getByRole('menuitem', { name: /Open project…/ }).textContent).toBe('Open project…Ctrl+O');
    expect(file.getByRole('menuitem', { name: '/p/a' })).toBeTruthy();
    openMenu('Run');
    expect((screen.getByRole('menuitem', { name: /Cancel/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('runs the picked command, Open recent with its folder, and closes', () => {
    const run = vi.fn();
    render(<MenuBar recent={['/p/a']} jobRunning onCommand={run} />);
    openMenu('File');
    fireEvent.click(screen.getByRole('menuitem', { name: '/p/a' }));
    expect(run).toHaveBeenLastCalledWith('openRecent', '/p/a');
    expect(screen.queryByRole('menu')).toBeNull();
    openMenu('Run');
    fireEvent.click(screen.getByRole('menuitem', { name: /Cancel/ }));
    expect(run).toHaveBeenLastCalledWith('cancelJob', undefined);
  });
});

describe('MenuBar keys', () => {
  it('moves through an open menu with the arrows (not through the files) and closes with Esc', () => {
    withApi(browsingApi(), <Harness />);
    openMenu('Run');
    const key = (key: string) => act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true })));
    key('ArrowDown');
    expect(document.activeElement?.textContent).toBe('Train…Ctrl+Enter');
    key('ArrowUp');
    expect(document.activeElement?.textContent).toBe('Train…Ctrl+Enter'); // Cancel is disabled without a job: one item
    expect(screen.getByTestId('selected').textContent).toBe('f1');
    key('Escape');
    expect(screen.queryByRole('menu')).toBeNull();
    key('ArrowDown');
    expect(screen.getByTestId('selected').textContent).toBe('f2');
  });
});

describe('File > Add folder… and Open project… in browser mode', () => {
  it('browses into a folder, chooses it, and adds it', async () => {
    const api = browsingApi();
    withApi(api, <Harness />);
    openMenu('File');
    fireEvent.click(screen.getByRole('menuitem', { name: /Add folder…/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Add a folder of audio' });
    expect(await within(dialog).findByText(/Kielo project/)).toBeTruthy();
    fireEvent.click(within(dialog).getByRole('button', { name: /data/ }));
    await waitFor(() => expect((within(dialog).getByLabelText('Folder path') as HTMLInputElement).value).toBe('/home/u/data'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Choose this folder' }));
    await waitFor(() => expect(api.addFiles).toHaveBeenCalledWith(['/home/u/data']));
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('picks audio files only (others cannot be ticked) for Add files…', async () => {
    const api = browsingApi();
    withApi(api, <Harness />);
    openMenu('File');
    fireEvent.click(screen.getByRole('menuitem', { name: /Add files…/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Add audio files' });
    const wav = await within(dialog).findByLabelText('a.wav');
    expect((within(dialog).getByLabelText('notes.txt') as HTMLInputElement).disabled).toBe(true);
    fireEvent.click(wav);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add 1 file' }));
    await waitFor(() => expect(api.addFiles).toHaveBeenCalledWith(['/home/u/a.wav']));
  });

  it('says why a typed folder cannot be listed, and adds nothing when cancelled', async () => {
    const api = browsingApi();
    withApi(api, <Harness />);
    openMenu('File');
    fireEvent.click(screen.getByRole('menuitem', { name: /Open project…/ }));
    const dialog = await screen.findByRole('dialog', { name: 'Open a project folder' });
    const path = await within(dialog).findByLabelText('Folder path');
    await waitFor(() => expect((path as HTMLInputElement).value).toBe('/home/u'));
    fireEvent.change(path, { target: { value: '/nowhere' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Go' }));
    expect((await within(dialog).findByRole('alert')).textContent).toBe('/nowhere: no such folder');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
    expect(api.openProject).not.toHaveBeenCalled();
  });
});

describe('keyboard', () => {
  it('moves between files with the arrows, not while typing in a field', () => {
    withApi(browsingApi(), <Harness />);
    const key = (key: string, target: EventTarget = window) => act(() => void target.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true })));
    key('ArrowDown');
    key('ArrowRight');
    expect(screen.getByTestId('selected').textContent).toBe('f3');
    key('ArrowDown');
    expect(screen.getByTestId('selected').textContent).toBe('f3');
    key('ArrowUp');
    expect(screen.getByTestId('selected').textContent).toBe('f2');
    const input = document.body.appendChild(document.createElement('input'));
    key('ArrowUp', input);
    expect(screen.getByTestId('selected').textContent).toBe('f2');
    input.remove();
  });

  it('opens the project chooser with Ctrl+O, and Help lists the shortcuts from the command list', async () => {
    withApi(browsingApi(), <Harness />);
    act(() => void window.dispatchEvent(new KeyboardEvent('keydown', { key: 'o', ctrlKey: true })));
    expect(await screen.findByRole('dialog', { name: 'Open a project folder' })).toBeTruthy();
    cleanup();
    render(<ShortcutsDialog onClose={() => {}} />);
    const row = (label: string) => screen.getByRole('rowheader', { name: label }).parentElement!.textContent;
    expect(row('Open project')).toBe('Open projectCtrl+O');
    expect(row('Next file')).toBe('Next file↓→');
    expect(row('Play / pause the selected file')).toBe('Play / pause the selected fileSpace');
  });
});

describe('PathField', () => {
  function Field({ onValue }: { onValue(v: string): void }) {
    const [value, setValue] = useState('');
    return <PathField label="Dataset" value={value} onChange={(v) => (setValue(v), onValue(v))} purpose="dataset" />;
  }

  it('accepts a typed path and fills in the folder chosen with Browse…', async () => {
    const seen = vi.fn();
    withApi(browsingApi(), <Field onValue={seen} />);
    fireEvent.change(screen.getByLabelText('Dataset'), { target: { value: '/typed/path' } });
    expect(seen).toHaveBeenLastCalledWith('/typed/path');
    fireEvent.click(screen.getByRole('button', { name: 'Browse for dataset' }));
    // the typed start folder does not exist: the dialog says so and shows the default folder
    const dialog = await screen.findByRole('dialog', { name: 'Choose a dataset folder' });
    expect((await within(dialog).findByRole('alert')).textContent).toBe('/typed/path: no such folder');
    fireEvent.click(await within(dialog).findByRole('button', { name: /data/ }));
    await waitFor(() => expect((within(dialog).getByLabelText('Folder path') as HTMLInputElement).value).toBe('/home/u/data'));
    fireEvent.click(within(dialog).getByRole('button', { name: 'Choose this folder' }));
    await waitFor(() => expect((screen.getByLabelText('Dataset') as HTMLInputElement).value).toBe('/home/u/data'));
  });
});

describe('in Electron', () => {
  it('has no in-page menu, runs the native menu\'s commands, and browses with the native dialog', async () => {
    let send: (c: { id: string; arg?: string }) => void = () => {};
    const choosePaths = vi.fn(async () => ['/picked/folder']);
    window.kieloHost = { pathForFile: () => '', choosePaths, onCommand: (l) => ((send = l as typeof send), () => {}), platform: 'darwin', versions: { electron: '41', chrome: '140', node: '22' } };
    const api = browsingApi({ openProject: vi.fn(async (dir: string) => ({ dir, name: 'x', version: 2, createdAt: '' })) });
    withApi(api, <Harness />);
    expect(screen.queryByRole('menubar')).toBeNull();
    act(() => send({ id: 'openRecent', arg: '/p/recent' }));
    await waitFor(() => expect(screen.getByTestId('notice').textContent).toBe('switched to /p/recent'));
    act(() => send({ id: 'addFolder' }));
    await waitFor(() => expect(api.addFiles).toHaveBeenCalledWith(['/picked/folder']));
    expect(choosePaths).toHaveBeenCalledWith({ purpose: 'folder' });
    expect(api.listDirectory).not.toHaveBeenCalled();
  });
});

/**
 * Choosing files and folders on the machine the service runs on. In Electron, the native open dialog (through the
 * host bridge); in browser mode, an in-page browser over api.listDirectory (confined by the service to the home
 * folder, the project and the folders beside it). usePathChooser gives both the same shape: choose() answers the
 * picked paths, [] when cancelled.
 */
import { useCallback, useEffect, useRef, useState, type ReactNode } from 'react';
import type { DirectoryListing, PathRequest } from '../contract';
import { useApi } from '../api/context';
import { host } from '../api/host';
import { Dialog } from './Dialog';

/** A request for the chooser; `newFolder`: browser mode also asks for the name of a folder to create (New project). */
export type ChooseRequest = PathRequest & { newFolder?: boolean };

const TITLES: Record<PathRequest['purpose'], string> = {
  files: 'Add audio files',
  folder: 'Add a folder of audio',
  project: 'Open a project folder',
  dataset: 'Choose a dataset folder',
};

/** `dir` joined with `name`, in the separator style of `dir` (the service may run on Windows). */
function joinPath(dir: string, name: string): string {
  const separator = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  return dir.endsWith(separator) ? `${dir}${name}` : `${dir}${separator}${name}`;
}

/** Props of FileBrowserDialog. */
export interface FileBrowserDialogProps {
  request: ChooseRequest;
  onChoose(paths: string[]): void;
  onCancel(): void;
}

/** The in-page file browser of browser mode. */
export function FileBrowserDialog({ request, onChoose, onCancel }: FileBrowserDialogProps) {
  const api = useApi();
  const [listing, setListing] = useState<DirectoryListing | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hidden, setHidden] = useState(false);
  const [picked, setPicked] = useState<string[]>([]);
  const [typed, setTyped] = useState('');
  const [name, setName] = useState('');
  const files = request.purpose === 'files';

  const go = useCallback(
    async (dir: string | undefined, clearError = true): Promise<boolean> => {
      try {
        const next = await api.listDirectory(dir, { hidden });
        setListing(next);
        setTyped(next.dir);
        setPicked([]);
        if (clearError) setError(null);
        return true;
      } catch (e) {
        setError((e as Error).message);
        return false;
      }
    },
    [api, hidden],
  );
  // the folder shown: the request's start (the project when none) at first, then the same folder again when
  // "Show hidden" changes `go`
  const shown = useRef(request.defaultPath || undefined);
  shown.current = listing?.dir ?? shown.current;
  useEffect(() => {
    // a start folder that cannot be listed (a typed path that does not exist): say why, show the project instead
    void go(shown.current).then((ok) => !ok && shown.current !== undefined && go(undefined, false));
  }, [go]);

  const toggle = (path: string) => setPicked((p) => (p.includes(path) ? p.filter((x) => x !== path) : [...p, path]));
  const chooseFolder = () => {
    if (!listing) return;
    if (request.newFolder) return name.trim() && onChoose([joinPath(listing.dir, name.trim())]);
    onChoose([listing.dir]);
  };
  const title = request.title ?? (request.newFolder ? 'New project: choose where' : TITLES[request.purpose]);
  return (
    <Dialog title={title} onClose={onCancel} className="file-browser">
      <form className="row" onSubmit={(e) => (e.preventDefault(), void go(typed.trim()))}>
        <button type="button" disabled={!listing?.parent} onClick={() => void go(listing?.parent ?? undefined)} aria-label="Up one folder">↑ Up</button>
        <label className="grow">Folder <input value={typed} onChange={(e) => setTyped(e.target.value)} aria-label="Folder path" /></label>
        <button type="submit">Go</button>
        <label className="inline"><input type="checkbox" checked={hidden} onChange={(e) => setHidden(e.target.checked)} /> Show hidden</label>
      </form>
      {listing && (
        <p className="muted roots">
          Places:{' '}
          {listing.roots.map((root) => (
            <button key={root} type="button" className="link" onClick={() => void go(root)}>{root}</button>
          ))}
        </p>
      )}
      {error && <p role="alert" className="error">{error}</p>}
      <ul className="entries" aria-label="Folder contents">
        {listing?.entries.map((entry) =>
          entry.kind === 'folder' ? (
            <li key={entry.path}>
              <button type="button" className="entry folder" onClick={() => void go(entry.path)}>
                {entry.name}/{entry.project && <span className="badge">Kielo project</span>}
              </button>
            </li>
          ) : (
            <li key={entry.path}>
              {files ? (
                <label className={`entry file${entry.audio ? '' : ' muted'}`}>
                  <input type="checkbox" checked={picked.includes(entry.path)} onChange={() => toggle(entry.path)} disabled={!entry.audio} /> {entry.name}
                </label>
              ) : (
                <span className="entry file muted">{entry.name}</span>
              )}
            </li>
          ),
        )}
        {listing && listing.entries.length === 0 && <li className="muted">Empty folder</li>}
        {listing?.truncated && <li className="muted">More entries than shown: type a folder path to go deeper.</li>}
      </ul>
      <footer className="modal-actions">
        {request.newFolder && (
          <label className="grow">New folder name <input value={name} onChange={(e) => setName(e.target.value)} aria-label="New folder name" /></label>
        )}
        <button type="button" onClick={onCancel}>Cancel</button>
        {files ? (
          <button type="button" disabled={!picked.length} onClick={() => onChoose(picked)}>Add {picked.length || ''} file{picked.length === 1 ? '' : 's'}</button>
        ) : (
          <button type="button" disabled={!listing || (request.newFolder && !name.trim())} onClick={chooseFolder}>
            {request.newFolder ? 'Create here' : 'Choose this folder'}
          </button>
        )}
      </footer>
    </Dialog>
  );
}

/** The chooser: native dialog in Electron, FileBrowserDialog in browser mode (render `dialog` somewhere). */
export function usePathChooser(): { choose(request: ChooseRequest): Promise<string[]>; dialog: ReactNode } {
  const [open, setOpen] = useState<{ request: ChooseRequest; resolve(paths: string[]): void } | null>(null);
  const choose = useCallback((request: ChooseRequest) => {
    const bridge = host();
    if (bridge) {
      const { newFolder: _newFolder, ...native } = request; // the native dialog creates folders itself
      return bridge.choosePaths(native);
    }
    return new Promise<string[]>((resolve) => setOpen({ request, resolve }));
  }, []);
  const finish = (paths: string[]) => {
    open?.resolve(paths);
    setOpen(null);
  };
  const dialog = open ? <FileBrowserDialog request={open.request} onChoose={finish} onCancel={() => finish([])} /> : null;
  return { choose, dialog };
}

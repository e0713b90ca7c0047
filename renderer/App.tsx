/** The studio shell: navigation, status bar, a drop target over the whole window, and the views. */
import { useCallback, useEffect, useState } from 'react';
import type { AudioFileEntry, ProjectInfo } from './contract';
import { useApi } from './api/context';
import { addDropped } from './api/drop';
import { describeAdded, removeQuestion } from './api/import-text';
import { useAsync } from './api/use-async';
import { ErrorBoundary } from './components/ErrorBoundary';
import { AsrView } from './views/AsrView';
import { ClassifyView } from './views/ClassifyView';
import { FilesView } from './views/FilesView';
import { FiltersView } from './views/FiltersView';
import { GenerateView } from './views/GenerateView';
import { LatentView } from './views/LatentView';
import { ProjectsView } from './views/ProjectsView';
import { ResultsView } from './views/ResultsView';
import { CompareView } from './views/CompareView';
import { TrainView } from './views/TrainView';
import { useShell } from './use-shell';
import { threadsText } from './engine-text';

/** The views, in navigation order. */
export const VIEWS = ['Files', 'Classify', 'Train', 'Filters', 'Results', 'Compare', 'ASR', 'Generate', 'Latent', 'Projects'] as const;
/** One view's name. */
export type ViewName = (typeof VIEWS)[number];

function initialView(): ViewName {
  const hash = decodeURIComponent(window.location.hash.slice(1));
  return (VIEWS as readonly string[]).includes(hash) ? (hash as ViewName) : 'Files';
}

/** The whole app. */
export function App() {
  const api = useApi();
  const [view, setView] = useState<ViewName>(initialView);
  const [project, setProject] = useState<ProjectInfo | null>(null);
  const [files, setFiles] = useState<AudioFileEntry[]>([]);
  const [selected, setSelected] = useState<string | null>(null);
  const [model, setModel] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [dragging, setDragging] = useState(false);
  const engine = useAsync(() => api.engine(), [api]);

  const refresh = useCallback(async () => {
    const [p, f] = await Promise.all([api.project(), api.listFiles()]);
    setProject(p);
    setFiles(f);
    return f;
  }, [api]);

  useEffect(() => {
    refresh().catch((e: Error) => setNotice(e.message));
  }, [refresh]);

  useEffect(() => {
    window.location.hash = view;
  }, [view]);

  useEffect(() => {
    const over = (e: DragEvent) => {
      if (!e.dataTransfer?.types.includes('Files')) return;
      e.preventDefault();
      setDragging(true);
    };
    const leave = (e: DragEvent) => e.relatedTarget === null && setDragging(false);
    const drop = (e: DragEvent) => {
      e.preventDefault();
      setDragging(false);
      if (!e.dataTransfer?.files.length) return;
      setNotice('Adding files…');
      addDropped(api, e.dataTransfer)
        .then(async (result) => {
          await refresh();
          const first = result.added[0] ?? result.duplicates[0]?.existing ?? result.transcripts[0]?.audio;
          if (first) setSelected(first.id);
          setNotice(describeAdded(result));
        })
        .catch((err: Error) => setNotice(err.message));
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [api, refresh]);

  const fileProps = {
    files,
    selected,
    onSelect: setSelected,
    onLabel: (id: string, label: string | null) => void api.setLabel(id, label).then(refresh, (e: Error) => setNotice(e.message)),
    onRemove: (id: string) => {
      const file = files.find((f) => f.id === id);
      if (file && !window.confirm(removeQuestion(file))) return;
      if (id === selected) setSelected(null);
      void api.removeFile(id).then(refresh, (e: Error) => setNotice(e.message));
    },
  };

  /** Opens a file (e.g. a misclassified one of an evaluation) in Classify, adding it to the project (in place) first. */
  const openInClassify = (path: string) => {
    api.addFiles([path]).then(async (result) => {
      await refresh();
      const entry = result.added[0] ?? result.duplicates[0]?.existing;
      if (!entry) return setNotice(describeAdded(result));
      setSelected(entry.id);
      setView('Classify');
    }, (e: Error) => setNotice(e.message));
  };

  /** The user goes to another view: the last message was about the one left, and goes too. */
  const showView = useCallback((v: ViewName) => {
    setView(v);
    setNotice(null);
  }, []);

  const switched = useCallback((p: ProjectInfo) => {
    setProject(p);
    setSelected(null);
    setNotice(null);
    void refresh();
  }, [refresh]);
  const shell = useShell({ view, showView, files, selected, select: setSelected, refresh, notify: setNotice, switched, project, engine: engine.value ?? null });

  return (
    <div className={`app${dragging ? ' dragging' : ''}`}>
      <header>
        <h1>Kielo</h1>
        {shell.menuBar}
        <nav aria-label="Views">
          {VIEWS.map((v) => (
            <button key={v} type="button" aria-current={v === view ? 'page' : undefined} onClick={() => showView(v)}>
              {v}
            </button>
          ))}
        </nav>
      </header>
      <main>
        <ErrorBoundary key={view}>
        {view === 'Files' && <FilesView {...fileProps} />}
        {view === 'Classify' && <ClassifyView {...fileProps} model={model} onModel={setModel} />}
        {view === 'Train' && <TrainView />}
        {view === 'Filters' && <FiltersView />}
        {view === 'Results' && <ResultsView onOpenFile={openInClassify} />}
        {view === 'Compare' && <CompareView />}
        {view === 'ASR' && <AsrView files={files} selected={selected} onSelect={setSelected} />}
        {view === 'Generate' && <GenerateView />}
        {view === 'Latent' && <LatentView />}
        {view === 'Projects' && (
          <ProjectsView
            project={project}
            onSwitched={(p) => {
              setProject(p);
              setSelected(null);
              void refresh();
            }}
          />
        )}
        </ErrorBoundary>
      </main>
      <footer className="status">
        <span data-testid="status-project">{project ? `${project.name} — ${project.dir}` : 'No project'}</span>
        <span>{files.length} files</span>
        <span>Engine: {engine.value ? [engine.value.name, threadsText(engine.value)].filter(Boolean).join(' · ') : engine.error ?? '…'}</span>
        {notice && <span role="status">{notice}</span>}
      </footer>
      {dragging && <div className="drop-overlay" aria-hidden="true">Drop audio files or folders</div>}
      {shell.dialogs}
    </div>
  );
}

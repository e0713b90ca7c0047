/** Classify: every file's language in a sortable table; the selected file's posterior bars and language over time. */
import type { ClassifiedFile } from '../contract';
import { useApi } from '../api/context';
import { useAction } from '../api/use-action';
import { useAsync } from '../api/use-async';
import { useStoredState } from '../api/use-stored-state';
import { Bars } from '../components/charts';
import { ClassifyTable, classifyJsonItem, verdictText } from '../components/ClassifyTable';
import { useExportCommand } from '../components/DataExport';
import { FilePanel } from '../components/FilePanel';
import { JobProgress } from '../components/JobProgress';
import { Picker } from '../components/Picker';
import { SegmentStrip } from '../components/SegmentStrip';
import { FileTable, type FileViewProps } from './FilesView';

/** The table's last contents: the model and what it said of each file. */
interface TableResult {
  model: string;
  outcomes: ClassifiedFile[];
}

/** The Classify view: picks a LID model (the bundled one by default) and classifies the selected file. */
export function ClassifyView(props: FileViewProps & { model: string | null; onModel(id: string): void }) {
  const api = useApi();
  const models = useAsync(() => api.models(), [api]);
  const lidModels = (models.value ?? []).filter((m) => m.kind === 'lid');
  const model = props.model ?? lidModels[0]?.id ?? null;
  const file = props.files.find((f) => f.id === props.selected) ?? null;
  const result = useAsync(async () => (file && model ? api.classify(file.id, model) : null), [api, file?.id, model]);
  const labels = lidModels.find((m) => m.id === model)?.labels ?? Object.keys(result.value?.posteriors ?? {});
  const batch = useAction<TableResult>();
  const [table, setTable] = useStoredState<TableResult | null>('classify.table', null);
  const classifyAll = () =>
    batch.run(async () => {
      const result = { model: model ?? '', outcomes: await api.classifyFiles(props.files.map((f) => f.id), model ?? undefined) };
      setTable(result);
      return result;
    });
  const rows = (table?.outcomes ?? []).flatMap((outcome) => {
    const entry = props.files.find((f) => f.id === outcome.id);
    return entry ? [{ file: entry, outcome }] : [];
  });
  const exportHint = useExportCommand(
    table && rows.length > 0 ? classifyJsonItem(rows, table.model) : null,
    'Nothing to export yet: classify all files first; File > Export results… then saves the table as JSON.',
  );
  return (
    <div className="view">
      <h2>Classify</h2>
      <Picker label="Model" value={model ?? ''} items={lidModels} onChange={props.onModel} />
      {!lidModels.length && !models.loading && <p className="muted">No language model yet: train one in Train.</p>}
      <p className="row">
        <button type="button" onClick={() => void classifyAll()} disabled={batch.busy || !model || !props.files.length}>
          {batch.busy ? 'Classifying…' : `Classify all ${props.files.length} file(s)`}
        </button>
      </p>
      <JobProgress tasks={['classify-batch']} />
      {exportHint && <p className="muted" role="status">{exportHint}</p>}
      {batch.error && <p role="alert" className="error">{batch.error}</p>}
      {table && rows.length > 0 && <ClassifyTable rows={rows} model={table.model} onSelect={props.onSelect} />}
      <FileTable {...props} />
      {file && (
        <section aria-label="Language" className="classify-result">
          {result.loading && <p className="muted" role="status">Classifying {file.name}…</p>}
          {result.error && <p role="alert" className="error">{result.error}</p>}
          {result.value && !result.loading && (
            <>
              <p className="verdict" data-testid="language">
                Language: <strong>{verdictText(result.value)}</strong>
              </p>
              <Bars values={result.value.posteriors} label="Posterior probability by language" />
            </>
          )}
          <FilePanel
            key={file.id}
            id={file.id}
            below={(window) => (result.value && !result.loading ? <SegmentStrip segments={result.value.segments} labels={labels} window={window} /> : null)}
          />
        </section>
      )}
    </div>
  );
}

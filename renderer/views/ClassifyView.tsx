/** Classify: the selected file's language as posterior bars, and language over time under the waveform. */
import type { ClassifyResult } from '../contract';
import { useApi } from '../api/context';
import { useAsync } from '../api/use-async';
import { Bars } from '../components/charts';
import { FilePanel } from '../components/FilePanel';
import { Picker } from '../components/Picker';
import { SegmentStrip } from '../components/SegmentStrip';
import { FileTable, type FileViewProps } from './FilesView';

/** "fi", "No speech", or "Unsure (best guess: fi, 41%)". */
export function verdictText(r: Pick<ClassifyResult, 'label' | 'speech' | 'unsure' | 'bestGuess' | 'confidence'>): string {
  if (!r.speech) return 'No speech';
  if (r.unsure || r.label === null) return `Unsure (best guess: ${r.bestGuess}, ${Math.round(r.confidence * 100)}%)`;
  return r.label;
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
  return (
    <div className="view">
      <h2>Classify</h2>
      <Picker label="Model" value={model ?? ''} items={lidModels} onChange={props.onModel} />
      {!lidModels.length && !models.loading && <p className="muted">No language model yet: train one in Train.</p>}
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

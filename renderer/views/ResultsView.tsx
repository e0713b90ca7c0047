/** Results: a LID model scored on a labelled set: confusion heatmap, accuracy, EER, Cavg, calibration and coverage. */
import { useState } from 'react';
import type { EvalResults, TranscriptResult } from '../contract';
import { useApi } from '../api/context';
import { useAction } from '../api/use-action';
import { useAsync } from '../api/use-async';
import { ActionForm } from '../components/ActionForm';
import { Heatmap } from '../components/charts';
import { Picker } from '../components/Picker';
import { TranscriptReport } from '../components/TranscriptReport';

const percent = (x: number | null) => (x === null || !Number.isFinite(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`);

/** The numbers and heatmap of one evaluation. */
export function EvalReport({ result }: { result: EvalResults }) {
  const skipped = Object.entries(result.skippedLabels);
  return (
    <section aria-label="Evaluation" data-testid="eval-report">
      <dl className="metrics">
        <dt>Files</dt>
        <dd>{result.n}</dd>
        <dt>Accuracy</dt>
        <dd>{(result.accuracy * 100).toFixed(1)}%</dd>
        <dt>EER</dt>
        <dd>{(result.eer * 100).toFixed(1)}%</dd>
        <dt>Cavg</dt>
        <dd>{result.cavg.toFixed(3)}</dd>
        <dt>ECE</dt>
        <dd>{result.ece === null ? 'n/a' : result.ece.toFixed(3)}</dd>
        <dt>{`Answered (confidence ≥ ${result.answered.minConfidence})`}</dt>
        <dd>{`${percent(result.answered.coverage)} of files, ${percent(result.answered.accuracy)} right`}</dd>
      </dl>
      {skipped.length > 0 && (
        <p className="muted">{`Left out (labels the model does not know): ${skipped.map(([label, n]) => `${label} (${n})`).join(', ')}`}</p>
      )}
      <Heatmap rows={result.labels} columns={result.labels} values={result.confusion} caption="Confusion matrix (rows: true language)" />
    </section>
  );
}

/** The Results view. */
export function ResultsView() {
  const api = useApi();
  const models = useAsync(() => api.models(), [api]);
  const lid = (models.value ?? []).filter((m) => m.kind === 'lid');
  const [model, setModel] = useState<string>('');
  const [dataset, setDataset] = useState('');
  const evaluation = useAction<EvalResults>();
  const run = () => evaluation.run(() => api.evaluate(model || lid[0]?.id || '', dataset.trim() || undefined));
  return (
    <div className="view">
      <h2>Results</h2>
      <ActionForm onSubmit={() => void run()}>
        <Picker label="Model" value={model} items={lid} onChange={setModel} />
        <label>
          Test folder <input value={dataset} onChange={(e) => setDataset(e.target.value)} placeholder="(demo languages)" />
        </label>
        <button type="submit" disabled={evaluation.busy || !lid.length}>{evaluation.busy ? 'Evaluating…' : 'Evaluate'}</button>
      </ActionForm>
      {evaluation.error && <p role="alert" className="error">{evaluation.error}</p>}
      {evaluation.result && <EvalReport result={evaluation.result} />}
      <AsrResults />
    </div>
  );
}

/** ASR: transcribe a project file with a recogniser and show the aligned transcript, WER/CER and posteriorgram. */
function AsrResults() {
  const api = useApi();
  const models = useAsync(() => api.models(), [api]);
  const files = useAsync(() => api.listFiles(), [api]);
  const asr = (models.value ?? []).filter((m) => m.kind === 'asr');
  const [model, setModel] = useState('');
  const [file, setFile] = useState('');
  const transcript = useAction<TranscriptResult>();
  const run = () => transcript.run(() => api.transcribe(file || files.value?.[0]?.id || '', model || asr[0]?.id));
  return (
    <section aria-label="Speech recognition">
      <h3>Speech recognition</h3>
      <ActionForm onSubmit={() => void run()}>
        <Picker label="Recogniser" value={model} items={asr} onChange={setModel} />
        <Picker label="File" value={file} items={files.value ?? []} onChange={setFile} />
        <button type="submit" disabled={transcript.busy || !asr.length || !files.value?.length}>{transcript.busy ? 'Transcribing…' : 'Transcribe'}</button>
      </ActionForm>
      {!asr.length && !models.loading && <p className="muted">No recogniser yet: train a CTC recogniser in Train.</p>}
      {transcript.error && <p role="alert" className="error">{transcript.error}</p>}
      {transcript.result && <TranscriptReport result={transcript.result} />}
    </section>
  );
}

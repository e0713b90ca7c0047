/** Results: a LID model scored on a labelled set: confusion heatmap, accuracy, EER, Cavg. */
import { useState } from 'react';
import type { EvalResults, TranscriptResult } from '../contract';
import { useApi } from '../api/context';
import { useAsync } from '../api/use-async';
import { Heatmap } from '../components/charts';
import { TranscriptReport } from '../components/TranscriptReport';

/** The numbers and heatmap of one evaluation. */
export function EvalReport({ result }: { result: EvalResults }) {
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
      </dl>
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
  const [result, setResult] = useState<EvalResults | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.evaluate(model || lid[0]?.id || '', dataset.trim() || undefined));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="view">
      <h2>Results</h2>
      <form noValidate
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          Model{' '}
          <select value={model} onChange={(e) => setModel(e.target.value)}>
            {lid.map((m) => (
              <option key={m.id} value={m.id}>{m.name}</option>
            ))}
          </select>
        </label>
        <label>
          Test folder <input value={dataset} onChange={(e) => setDataset(e.target.value)} placeholder="(demo languages)" />
        </label>
        <button type="submit" disabled={busy || !lid.length}>{busy ? 'Evaluating…' : 'Evaluate'}</button>
      </form>
      {error && <p role="alert" className="error">{error}</p>}
      {result && <EvalReport result={result} />}
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
  const [result, setResult] = useState<TranscriptResult | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const run = async () => {
    setBusy(true);
    setError(null);
    try {
      setResult(await api.transcribe(file || files.value?.[0]?.id || '', model || asr[0]?.id));
    } catch (e) {
      setError((e as Error).message);
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-label="Speech recognition">
      <h3>Speech recognition</h3>
      <form
        noValidate
        className="row"
        onSubmit={(e) => {
          e.preventDefault();
          void run();
        }}
      >
        <label>
          Recogniser{' '}
          <select value={model} onChange={(e) => setModel(e.target.value)}>
            {asr.map((m) => (
              <option key={m.id} value={m.id}>{m.name}</option>
            ))}
          </select>
        </label>
        <label>
          File{' '}
          <select value={file} onChange={(e) => setFile(e.target.value)}>
            {(files.value ?? []).map((f) => (
              <option key={f.id} value={f.id}>{f.name}</option>
            ))}
          </select>
        </label>
        <button type="submit" disabled={busy || !asr.length || !files.value?.length}>{busy ? 'Transcribing…' : 'Transcribe'}</button>
      </form>
      {!asr.length && !models.loading && <p className="muted">No recogniser yet: train a CTC recogniser in Train.</p>}
      {error && <p role="alert" className="error">{error}</p>}
      {result && <TranscriptReport result={result} />}
    </section>
  );
}

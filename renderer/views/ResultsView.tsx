/**
 * Results: a LID model scored on a labelled set, with everything `kielo eval` prints: accuracy, EER, Cavg, the
 * confusion heatmap, per-language precision and recall, accuracy by duration, calibration and coverage, and the
 * misclassified files (each opens in Classify); exported as CSV or JSON.
 */
import { EVAL_GROUPINGS, type EvalGrouping, type EvalResults } from '../contract';
import { useApi } from '../api/context';
import { useAction } from '../api/use-action';
import { useAsync } from '../api/use-async';
import { useStoredState } from '../api/use-stored-state';
import { ActionForm } from '../components/ActionForm';
import { JobProgress } from '../components/JobProgress';
import { Heatmap } from '../components/charts';
import { ConfusionFigure } from '../components/ConfusionFigure';
import { Picker, type PickerItem } from '../components/Picker';
import { PathField } from '../components/PathField';
import { TableHead } from '../components/TableHead';
import { DataExport, jsonItem, useExportCommand } from '../components/DataExport';
import { fileNamePart } from '../export/figure';
import { confusionCsv, evaluationMetricsCsv, fileOutcomesCsv, perClassCsv } from '../export/results';

const percent = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? 'n/a' : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null) => (x === null ? 'n/a' : x.toFixed(3));

/** Scored files whose top label is not their folder's. */
export function misclassifiedOf(result: EvalResults): EvalResults['files'] {
  return result.files.filter((f) => f.predicted !== f.label);
}

/** The numbers, tables and heatmap of one evaluation; `onOpenFile` opens a misclassified file (by path) in Classify. */
export function EvalReport({ result, onOpenFile }: { result: EvalResults; onOpenFile?(path: string): void }) {
  const skipped = Object.entries(result.skippedLabels);
  const wrong = misclassifiedOf(result);
  const calibrated = result.temperature !== 1;
  const name = `eval-${fileNamePart(result.model)}`;
  return (
    <section aria-label="Evaluation" data-testid="eval-report">
      <DataExport
        items={[
          { label: 'Summary CSV', file: `${name}-summary.csv`, mime: 'text/csv', text: () => evaluationMetricsCsv(result) },
          { label: 'Per language CSV', file: `${name}-languages.csv`, mime: 'text/csv', text: () => perClassCsv(result) },
          { label: 'Per file CSV', file: `${name}-files.csv`, mime: 'text/csv', text: () => fileOutcomesCsv(result.files) },
          { label: 'Confusion CSV', file: `${name}-confusion.csv`, mime: 'text/csv', text: () => confusionCsv(result.labels, result.confusion) },
          jsonItem('All JSON', `${name}.json`, () => result),
        ]}
      />
      <dl className="metrics wide">
        <dt>Files</dt>
        <dd>{`${result.n} (${result.split === 'test' ? "the set's test split" : 'all files'})`}</dd>
        <dt>Accuracy</dt>
        <dd>{percent(result.accuracy)}</dd>
        <dt>EER</dt>
        <dd>{percent(result.eer)}</dd>
        <dt>Cavg</dt>
        <dd>{result.cavg.toFixed(3)}</dd>
        <dt>ECE</dt>
        <dd>{num(result.ece)}</dd>
        <dt>NLL</dt>
        <dd>{num(result.nll)}</dd>
        <dt>Temperature</dt>
        <dd>{calibrated ? `${result.temperature.toFixed(3)} (uncalibrated: ECE ${num(result.uncalibrated.ece)}, NLL ${num(result.uncalibrated.nll)})` : '1 (the model has no calibration)'}</dd>
        <dt>{`Answered (confidence ≥ ${result.answered.minConfidence})`}</dt>
        <dd>{`${result.answered.n} of ${result.n}: ${percent(result.answered.coverage)} of files, ${percent(result.answered.accuracy)} right`}</dd>
        <dt>No speech</dt>
        <dd>{`${result.n - result.speechFiles} file(s)`}</dd>
      </dl>
      {skipped.length > 0 && (
        <p className="muted">{`Left out (labels the model does not know): ${skipped.map(([label, n]) => `${label} (${n})`).join(', ')}`}</p>
      )}
      {result.failed.length > 0 && (
        <p className="error">{`Could not read ${result.failed.length} file(s): ${result.failed.map((f) => `${f.file} (${f.reason})`).join('; ')}`}</p>
      )}
      <div className="eval-tables">
        <div>
          <Heatmap rows={result.labels} columns={result.labels} values={result.confusion} caption="Confusion matrix (rows: true language)" />
          <details className="figure-details">
            <summary>As a figure (SVG, PNG)</summary>
            <ConfusionFigure labels={result.labels} confusion={result.confusion} title={`${result.model}: ${(result.accuracy * 100).toFixed(1)}%`} exportName={`confusion-${result.model}`} />
          </details>
        </div>
        <table className="per-class" aria-label="Per language">
          <caption>Per language</caption>
          <TableHead columns={['Language', 'Precision', 'Recall', 'Files']} />
          <tbody>
            {result.labels.map((label) => {
              const c = result.perClass[label];
              return (
                <tr key={label} data-label={label}>
                  <th scope="row">{label}</th>
                  <td>{percent(c?.precision)}</td>
                  <td>{percent(c?.recall)}</td>
                  <td>{c?.support ?? 0}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
        <table className="by-duration" aria-label="By duration">
          <caption>By duration</caption>
          <TableHead columns={['Duration', 'Files', 'Accuracy', 'EER']} />
          <tbody>
            {Object.entries(result.byDuration).map(([group, g]) => (
              <tr key={group} data-group={group}>
                <th scope="row">{group}</th>
                <td>{g.n}</td>
                <td>{percent(g.accuracy)}</td>
                <td>{percent(g.eer)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {result.byGroup && <GroupTable byGroup={result.byGroup} />}
      <table className="misclassified" aria-label="Misclassified files">
        <caption>{`Misclassified: ${wrong.length} of ${result.files.length} file(s)`}</caption>
        <TableHead columns={['File', 'Label', 'Predicted', 'Posterior']} />
        <tbody>
          {wrong.map((f) => (
            <tr key={f.file}>
              <td>
                {onOpenFile ? <button type="button" className="link" title={`Open ${f.file} in Classify`} onClick={() => onOpenFile(f.file)}>{f.file}</button> : f.file}
              </td>
              <td>{f.label}</td>
              <td>{f.predicted}</td>
              <td>{percent(f.confidence)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

/** Accuracy per speaker or source, the worst first (as `kielo eval --group-by` prints them). */
function GroupTable({ byGroup }: { byGroup: NonNullable<EvalResults['byGroup']> }) {
  const groups = Object.entries(byGroup.groups).sort(([, a], [, b]) => a.accuracy - b.accuracy);
  const mean = groups.reduce((sum, [, g]) => sum + g.accuracy, 0) / (groups.length || 1);
  return (
    <table className="by-group" aria-label={`By ${byGroup.groupBy}`}>
      <caption>{`By ${byGroup.groupBy} (${byGroup.groupsFrom}): ${groups.length} ${byGroup.groupBy}s, mean accuracy ${percent(mean)}`}</caption>
      <TableHead columns={[byGroup.groupBy === 'speaker' ? 'Speaker' : 'Source', 'Languages', 'Files', 'Accuracy']} />
      <tbody>
        {groups.map(([name, g]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td>{g.labels.join(', ')}</td>
            <td>{g.n}</td>
            <td>{percent(g.accuracy)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const NO_GROUPING = '';
const GROUPINGS: PickerItem<EvalGrouping | ''>[] = [{ id: NO_GROUPING, name: '(none)' }, ...EVAL_GROUPINGS.map((g) => ({ id: g, name: g }))];

/** The Results view; `onOpenFile` opens a file of the evaluated set in Classify. The form and the last evaluation outlive a switch of views. */
export function ResultsView({ onOpenFile }: { onOpenFile?(path: string): void }) {
  const api = useApi();
  const models = useAsync(() => api.models(), [api]);
  const lid = (models.value ?? []).filter((m) => m.kind === 'lid');
  const [model, setModel] = useStoredState('results.model', '');
  const [dataset, setDataset] = useStoredState('results.dataset', '');
  const [groupBy, setGroupBy] = useStoredState<EvalGrouping | ''>('results.groupBy', NO_GROUPING);
  const [last, setLast] = useStoredState<EvalResults | null>('results.evaluation', null);
  const evaluation = useAction<EvalResults>();
  const run = () =>
    evaluation.run(async () => {
      const result = await api.evaluate(model || lid[0]?.id || '', dataset.trim() || undefined, groupBy || undefined);
      setLast(result);
      return result;
    });
  const hint = useExportCommand(
    last && jsonItem('JSON', `eval-${fileNamePart(last.model)}.json`, () => last),
    'Nothing to export yet: evaluate a model first; File > Export results… then saves it as JSON.',
  );
  return (
    <div className="view">
      <h2>Results</h2>
      <ActionForm onSubmit={() => void run()}>
        <Picker label="Model" value={model} items={lid} onChange={setModel} />
        <PathField label="Test folder" value={dataset} onChange={setDataset} purpose="dataset" placeholder="(demo languages)" />
        <Picker<EvalGrouping | ''> label="Accuracy by" value={groupBy} items={GROUPINGS} onChange={setGroupBy} />
        <button type="submit" disabled={evaluation.busy || !lid.length}>{evaluation.busy ? 'Evaluating…' : 'Evaluate'}</button>
      </ActionForm>
      <JobProgress tasks={['eval']} />
      {hint && <p className="muted" role="status">{hint}</p>}
      {evaluation.error && <p role="alert" className="error">{evaluation.error}</p>}
      {last && <EvalReport result={last} onOpenFile={onOpenFile} />}
      <p className="muted">Speech recognition has its own view: ASR.</p>
    </div>
  );
}

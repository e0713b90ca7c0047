/**
 * Compare: two or more LID models (bundled or trained in the project's runs) scored on the same test files, side by
 * side: accuracy with its interval, the difference from the first model with a paired interval and McNemar's p,
 * confusion matrices, and the training curves of runs. The lecture's classical-versus-deep comparison (the MFCC
 * baseline against the learned front end on the demo test split) is the default.
 */
import type { AccuracyDifference, ComparedModel, ModelComparison, ModelInfo } from '../contract';
import { useApi } from '../api/context';
import { useAction } from '../api/use-action';
import { useAsync } from '../api/use-async';
import { useStoredState } from '../api/use-stored-state';
import { ActionForm } from '../components/ActionForm';
import { LineChart, PALETTE } from '../components/charts';
import { ConfusionFigure } from '../components/ConfusionFigure';
import { DataExport, jsonItem, useExportCommand } from '../components/DataExport';
import { JobProgress } from '../components/JobProgress';
import { PathField } from '../components/PathField';
import { comparisonCsv, confusionCsv, fileOutcomesCsv } from '../export/results';
import { fileNamePart } from '../export/figure';

/** The classical-versus-deep pair picked when nothing else was: the MFCC baseline first, so differences are deep minus classical. */
const DEFAULT_PICK = ['demo-lid-mfcc', 'demo-lid'];

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
/** A difference in percentage points, signed. */
const points = (x: number) => `${x >= 0 ? '+' : '−'}${Math.abs(x * 100).toFixed(1)}`;
const pText = (p: number) => (p < 0.001 ? 'p < 0.001' : `p = ${p.toFixed(3)}`);

/** The sentence that says what the difference means, e.g. "demo lid is 7.3 points more accurate than ...". */
export function differenceSentence(d: AccuracyDifference, nameOf: (id: string) => string): string {
  const size = Math.abs(d.difference * 100).toFixed(1);
  const direction = d.difference >= 0 ? 'more' : 'less';
  const interval = `95% interval ${points(d.low)} to ${points(d.high)} points`;
  const verdict = d.low > 0 || d.high < 0 ? 'the interval excludes no difference' : 'the interval includes no difference';
  return `${nameOf(d.model)} is ${size} points ${direction} accurate than ${nameOf(d.reference)} on the same ${d.n} files (${interval}; ${pText(d.pValue)}): ${verdict}.`;
}

/** The table of models: accuracy with its interval, EER, Cavg, and the difference from the first. */
function ComparisonTable({ comparison }: { comparison: ModelComparison }) {
  const differenceOf = new Map(comparison.differences.map((d) => [d.model, d]));
  return (
    <table className="comparison" data-testid="comparison-table">
      <thead>
        <tr>
          <th scope="col">Model</th>
          <th scope="col">Files</th>
          <th scope="col">Accuracy (95% interval)</th>
          <th scope="col">EER</th>
          <th scope="col">Cavg</th>
          <th scope="col">{`Difference from ${comparison.models[0].name} (95% interval)`}</th>
          <th scope="col">Only this right / only the first right</th>
          <th scope="col">McNemar</th>
        </tr>
      </thead>
      <tbody>
        {comparison.models.map((m) => {
          const d = differenceOf.get(m.model);
          return (
            <tr key={m.model} data-model={m.model}>
              <th scope="row">{m.name}</th>
              <td>{m.evaluation.n}</td>
              <td>{`${percent(m.evaluation.accuracy)} (${percent(m.accuracyInterval[0])}–${percent(m.accuracyInterval[1])})`}</td>
              <td>{percent(m.evaluation.eer)}</td>
              <td>{m.evaluation.cavg.toFixed(3)}</td>
              <td>{d ? `${points(d.difference)} points (${points(d.low)} to ${points(d.high)})` : 'reference'}</td>
              <td>{d ? `${d.onlyModel} / ${d.onlyReference}` : ''}</td>
              <td>{d ? pText(d.pValue) : ''}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

/** Validation accuracy and training loss of the compared runs, one line per run. */
function RunCurves({ models }: { models: ComparedModel[] }) {
  const runs = models.filter((m) => m.history.length > 0);
  if (!runs.length) return <p className="muted">Bundled models have no training curves in this project; runs of the project show theirs here.</p>;
  const series = (get: (p: ComparedModel['history'][number]) => number | undefined) =>
    runs.map((m, i) => ({ name: m.name, colour: PALETTE[i % PALETTE.length], points: m.history.flatMap((p) => (typeof get(p) === 'number' ? [{ x: p.epoch, y: get(p)! }] : [])) }));
  return (
    <div className="charts">
      <LineChart title="Validation accuracy" yDomain={[0, 1]} series={series((p) => p.valAccuracy)} xLabel="epoch" yLabel="accuracy" exportName="compare-val-accuracy" />
      <LineChart title="Training loss" series={series((p) => p.trainLoss)} xLabel="epoch" yLabel="loss" exportName="compare-train-loss" />
    </div>
  );
}

/** The whole comparison as one JSON file (its All JSON button and File > Export results in Compare). */
const comparisonJson = (comparison: ModelComparison) => jsonItem('All JSON', 'comparison.json', () => comparison);

/** The screen of one comparison. */
export function ComparisonReport({ comparison }: { comparison: ModelComparison }) {
  const nameOf = (id: string) => comparison.models.find((m) => m.model === id)?.name ?? id;
  return (
    <section aria-label="Comparison" data-testid="comparison">
      {comparison.differences.map((d) => (
        <p key={d.model} className="verdict" data-testid="difference">{differenceSentence(d, nameOf)}</p>
      ))}
      <ComparisonTable comparison={comparison} />
      <p className="muted method">{comparison.method}</p>
      <DataExport
        items={[
          { label: 'Table CSV', file: 'comparison.csv', mime: 'text/csv', text: () => comparisonCsv(comparison) },
          comparisonJson(comparison),
          ...comparison.models.flatMap((m) => [
            { label: `${m.name}: per file CSV`, file: `${fileNamePart(m.model)}-files.csv`, mime: 'text/csv' as const, text: () => fileOutcomesCsv(m.evaluation.files) },
            { label: `${m.name}: confusion CSV`, file: `${fileNamePart(m.model)}-confusion.csv`, mime: 'text/csv' as const, text: () => confusionCsv(m.evaluation.labels, m.evaluation.confusion) },
          ]),
        ]}
      />
      <div className="side-by-side">
        {comparison.models.map((m) => (
          <ConfusionFigure key={m.model} labels={m.evaluation.labels} confusion={m.evaluation.confusion} title={`${m.name}: ${percent(m.evaluation.accuracy)}`} exportName={`confusion-${m.model}`} />
        ))}
      </div>
      <RunCurves models={comparison.models} />
    </section>
  );
}

/** Which models are picked, in the order they were picked (the first is the reference). */
function ModelChecklist({ models, picked, onChange }: { models: ModelInfo[]; picked: string[]; onChange(picked: string[]): void }) {
  return (
    <fieldset className="model-checklist">
      <legend>Models (the first picked is the reference)</legend>
      {models.map((m) => (
        <label key={m.id}>
          <input
            type="checkbox"
            checked={picked.includes(m.id)}
            onChange={(e) => onChange(e.target.checked ? [...picked, m.id] : picked.filter((id) => id !== m.id))}
          />
          {` ${m.name}`}
          {picked.indexOf(m.id) === 0 && <span className="muted"> (reference)</span>}
        </label>
      ))}
    </fieldset>
  );
}

/** The Compare view. */
export function CompareView() {
  const api = useApi();
  const models = useAsync(() => api.models(), [api]);
  const lid = (models.value ?? []).filter((m) => m.kind === 'lid');
  const [picked, setPicked] = useStoredState<string[] | null>('compare.models', null);
  const [dataset, setDataset] = useStoredState('compare.dataset', '');
  const chosen = (picked ?? DEFAULT_PICK).filter((id) => lid.some((m) => m.id === id));
  const comparison = useAction<ModelComparison>();
  const run = () => comparison.run(() => api.compareModels(chosen, dataset.trim() || undefined));
  const exportHint = useExportCommand(
    comparison.result && !comparison.busy ? comparisonJson(comparison.result) : null,
    'Nothing to export yet: compare two or more models first; File > Export results… then saves the comparison as JSON.',
  );
  return (
    <div className="view compare">
      <h2>Compare models</h2>
      <ActionForm onSubmit={() => void run()}>
        <ModelChecklist models={lid} picked={chosen} onChange={setPicked} />
        <PathField label="Test folder" value={dataset} onChange={setDataset} purpose="dataset" placeholder="(demo languages, test split)" />
        <button type="submit" disabled={comparison.busy || chosen.length < 2}>{comparison.busy ? 'Comparing…' : 'Compare'}</button>
      </ActionForm>
      {chosen.length < 2 && !models.loading && <p className="muted">Pick two or more models.</p>}
      <JobProgress tasks={['eval']} />
      {exportHint && <p className="muted" role="status">{exportHint}</p>}
      {comparison.error && <p role="alert" className="error">{comparison.error}</p>}
      {comparison.result && !comparison.busy && <ComparisonReport comparison={comparison.result} />}
    </div>
  );
}

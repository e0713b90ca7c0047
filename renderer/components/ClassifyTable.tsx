/** Classify's results for many files at once: one sortable row per file, a folder label the model disagrees with marked, CSV/JSON export. */
import type { AudioFileEntry, ClassifiedFile, ClassifyResult } from '../contract';
import { toCsv } from '../export/download';
import { fileNamePart } from '../export/figure';
import { DataExport, jsonItem, type ExportItem } from './DataExport';
import { SortableTable, type Column } from './SortableTable';

/** "fi", "No speech", or "Unsure (best guess: fi, 41%)". */
export function verdictText(r: Pick<ClassifyResult, 'label' | 'speech' | 'unsure' | 'bestGuess' | 'confidence'>): string {
  if (!r.speech) return 'No speech';
  if (r.unsure || r.label === null) return `Unsure (best guess: ${r.bestGuess}, ${Math.round(r.confidence * 100)}%)`;
  return r.label;
}

/** Whether the file's label (its folder's, or the user's) names another language than the model decided on. */
export function labelDisagrees(label: string | null, result: ClassifyResult | null): boolean {
  return label !== null && result?.label != null && result.label !== label;
}

/** One row: a project file and what the classifier said about it. */
export interface ClassifyRow {
  file: AudioFileEntry;
  outcome: ClassifiedFile;
}

const percent = (x: number) => `${(x * 100).toFixed(1)}%`;
const yesNo = (x: boolean | undefined) => (x === undefined ? '' : x ? 'yes' : 'no');

/** The rows as export records (what the table shows, with every posterior). */
function records(rows: readonly ClassifyRow[]) {
  return rows.map(({ file, outcome: { result, error } }) => ({
    file: file.name, source: file.source, label: file.label, prediction: result?.label ?? null, speech: result?.speech ?? null,
    unsure: result?.unsure ?? null, bestGuess: result?.bestGuess ?? null, confidence: result?.confidence ?? null,
    durationSec: result?.durationSec ?? file.durationSec, disagrees: labelDisagrees(file.label, result), error, posteriors: result?.posteriors ?? null,
  }));
}

/** The table as one JSON file: the model and every row (its All JSON button and File > Export results in Classify). */
export function classifyJsonItem(rows: readonly ClassifyRow[], model: string): ExportItem {
  return jsonItem('All JSON', `classify-${fileNamePart(model)}.json`, () => ({ model, files: records(rows) }));
}

/** The table, its export buttons, and how many labels the model disagrees with. */
export function ClassifyTable({ rows, model, onSelect }: { rows: readonly ClassifyRow[]; model: string; onSelect(id: string): void }) {
  const columns: Column<ClassifyRow>[] = [
    {
      title: 'File',
      cell: ({ file }) => <button type="button" className="link" title={file.source} onClick={() => onSelect(file.id)}>{file.name}</button>,
      sortValue: ({ file }) => file.name,
    },
    { title: 'Label', cell: ({ file }) => file.label ?? '–', sortValue: ({ file }) => file.label },
    {
      title: 'Prediction',
      cell: ({ outcome: { result, error } }) => (result ? verdictText(result) : <span className="error">{error}</span>),
      sortValue: ({ outcome: { result } }) => result?.label ?? null,
    },
    { title: 'Top posterior', cell: ({ outcome: { result } }) => (result ? `${result.bestGuess} ${percent(result.confidence)}` : ''), sortValue: ({ outcome: { result } }) => result?.confidence ?? null },
    { title: 'Speech', cell: ({ outcome: { result } }) => yesNo(result?.speech), sortValue: ({ outcome: { result } }) => yesNo(result?.speech) },
    { title: 'Unsure', cell: ({ outcome: { result } }) => yesNo(result?.unsure), sortValue: ({ outcome: { result } }) => yesNo(result?.unsure) },
    { title: 'Duration', cell: ({ file, outcome: { result } }) => `${(result?.durationSec ?? file.durationSec).toFixed(2)} s`, sortValue: ({ file, outcome: { result } }) => result?.durationSec ?? file.durationSec },
    {
      title: 'Agrees',
      cell: ({ file, outcome: { result } }) => {
        if (labelDisagrees(file.label, result)) return <span className="mismatch-mark" title={`folder label ${file.label}, model says ${result?.label}`}>≠ disagrees</span>;
        return file.label !== null && result?.label === file.label ? '✓' : '';
      },
      sortValue: ({ file, outcome: { result } }) => (labelDisagrees(file.label, result) ? 0 : 1),
    },
  ];
  const disagreeing = rows.filter((r) => labelDisagrees(r.file.label, r.outcome.result)).length;
  const header = ['file', 'source', 'label', 'prediction', 'speech', 'unsure', 'bestGuess', 'confidence', 'durationSec', 'disagrees', 'error'] as const;
  return (
    <section aria-label="Results for all files" className="classify-table">
      <p data-testid="classify-summary">
        {`${rows.length} file(s) classified with ${model}; ${disagreeing} label(s) the model disagrees with`}
      </p>
      <DataExport
        items={[
          { label: 'Table CSV', file: `classify-${fileNamePart(model)}.csv`, mime: 'text/csv', text: () => toCsv(header, records(rows).map((r) => header.map((h) => r[h]))) },
          classifyJsonItem(rows, model),
        ]}
      />
      <SortableTable label="Classification of every file" rows={rows} columns={columns} rowKey={(r) => r.file.id} rowClass={(r) => (labelDisagrees(r.file.label, r.outcome.result) ? 'mismatch' : undefined)} />
    </section>
  );
}

/** A table whose columns sort on a click of their header (again: the other way), with aria-sort saying how. */
import { useState, type ReactNode } from 'react';

/** One column: its header, how a row shows in it, and the value it sorts by (text or number; null sorts last). */
export interface Column<Row> {
  title: string;
  cell(row: Row): ReactNode;
  sortValue(row: Row): string | number | null;
}

/** Compares sort values: numbers numerically, text by locale (numbers in text too), nulls after everything. */
function compare(a: string | number | null, b: string | number | null): number {
  if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
  return typeof a === 'number' && typeof b === 'number' ? a - b : String(a).localeCompare(String(b), undefined, { numeric: true });
}

/** ROWS under sortable COLUMNS; `rowClass` marks rows (e.g. 'mismatch'); `label` names the table. */
export function SortableTable<Row>({ rows, columns, rowKey, rowClass, label }: { rows: readonly Row[]; columns: readonly Column<Row>[]; rowKey(row: Row): string; rowClass?(row: Row): string | undefined; label: string }) {
  const [sort, setSort] = useState<{ column: number; descending: boolean } | null>(null);
  const sorted = sort === null ? rows : [...rows].sort((a, b) => {
    const [x, y] = [columns[sort.column].sortValue(a), columns[sort.column].sortValue(b)];
    if (x === null || y === null) return compare(x, y); // empty cells last, either way
    return sort.descending ? compare(y, x) : compare(x, y);
  });
  const toggle = (column: number) => setSort((s) => (s?.column === column ? { column, descending: !s.descending } : { column, descending: false }));
  return (
    <table className="results" aria-label={label}>
      <thead>
        <tr>
          {columns.map((c, i) => (
            <th key={c.title} scope="col" aria-sort={sort?.column === i ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
              <button type="button" className="sort" onClick={() => toggle(i)}>
                {c.title}
                <span aria-hidden="true">{sort?.column === i ? (sort.descending ? ' ▼' : ' ▲') : ''}</span>
              </button>
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {sorted.map((row) => (
          <tr key={rowKey(row)} className={rowClass?.(row)}>
            {columns.map((c) => (
              <td key={c.title}>{c.cell(row)}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

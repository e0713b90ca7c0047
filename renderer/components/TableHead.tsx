/** The header row of a table: one column header (scope="col") per entry. */
import type { ReactNode } from 'react';

/** `<thead>` with a `<th scope="col">` for each of COLUMNS (text or an element, e.g. a screen-reader-only label). */
export function TableHead({ columns }: { columns: readonly ReactNode[] }) {
  return (
    <thead>
      <tr>
        {columns.map((column, i) => (
          <th key={i} scope="col">{column}</th>
        ))}
      </tr>
    </thead>
  );
}

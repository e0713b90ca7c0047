/**
 * Buttons that save numbers as files (CSV tables, JSON objects) through renderer/export/download.ts, and File >
 * Export results for a view that holds results.
 */
import { useState } from 'react';
import { useViewCommand } from '../commands';
import { downloadText } from '../export/download';

/** One file on offer: its button label, file name, type and contents (made when clicked). */
export interface ExportItem {
  label: string;
  file: string;
  mime: 'text/csv' | 'application/json';
  text: () => string;
}

/** A JSON export item of `value` (pretty-printed). */
export function jsonItem(label: string, file: string, value: () => unknown): ExportItem {
  return { label, file, mime: 'application/json', text: () => `${JSON.stringify(value(), null, 2)}\n` };
}

/** A row of buttons, one per file. */
export function DataExport({ items, label = 'Export' }: { items: ExportItem[]; label?: string }) {
  return (
    <span className="data-export" role="group" aria-label={label}>
      <span className="muted">{label}:</span>
      {items.map((item) => (
        <button key={item.file} type="button" className="small" title={`Save ${item.file}`} onClick={() => downloadText(item.file, item.mime, item.text())}>
          {item.label}
        </button>
      ))}
    </span>
  );
}

/**
 * File > Export results in a view: saves `item` (the view's results), or, when there are none yet (null), answers
 * `nothing` as the hint to show. The hint goes once there are results.
 */
export function useExportCommand(item: ExportItem | null, nothing: string): string | null {
  const [hint, setHint] = useState<string | null>(null);
  useViewCommand('exportResults', () => {
    if (!item) return setHint(nothing);
    setHint(null);
    downloadText(item.file, item.mime, item.text());
  });
  return item ? null : hint;
}

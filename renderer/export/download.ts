/** Saving results from the studio as files: text downloaded through the page (browser mode and Electron alike). */

/** A CSV cell: numbers and text as they are, null empty, fields with a comma, quote or line break quoted (RFC 4180). */
type Cell = string | number | boolean | null;

/** CSV text of a header and rows (RFC 4180, CRLF line ends). */
export function toCsv(header: readonly string[], rows: readonly (readonly Cell[])[]): string {
  const field = (c: Cell) => {
    const s = c === null ? '' : String(c);
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

/** Offers TEXT as a file named NAME of type MIME (e.g. 'text/csv', 'application/json'). */
export function downloadText(name: string, mime: string, text: string): void {
  downloadBlob(name, new Blob([text], { type: `${mime};charset=utf-8` }));
}

/** Offers `blob` as a file named `name` (an <a download>: browser mode and Electron alike). */
export function downloadBlob(name: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

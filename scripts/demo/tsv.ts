// Tab-separated manifests: a header row, one row per clip, no quoting (fields may not hold tabs or newlines).
import { readFile, writeFile } from 'node:fs/promises';

/** One manifest row, column name to value. */
export type TsvRow = Record<string, string | number>;

/** Writes rows under the given columns; throws when a value holds a tab or a newline. */
export async function writeTsv(file: string, columns: readonly string[], rows: readonly TsvRow[]): Promise<void> {
  const lines = [columns.join('\t')];
  for (const row of rows) {
    lines.push(columns.map((column) => {
      const value = String(row[column] ?? '');
      if (/[\t\r\n]/.test(value)) throw new Error(`${file}: column ${column} value ${JSON.stringify(value)} holds a tab or newline`);
      return value;
    }).join('\t'));
  }
  await writeFile(file, lines.join('\n') + '\n');
}

/** Reads a manifest written by writeTsv; every row has every header column (throws naming file and line if not). */
export async function readTsv(file: string): Promise<{ columns: string[]; rows: Record<string, string>[] }> {
  const lines = (await readFile(file, 'utf8')).split('\n').filter((line) => line.length > 0);
  if (lines.length === 0) throw new Error(`${file}: empty manifest`);
  const columns = lines[0].split('\t');
  const rows = lines.slice(1).map((line, i) => {
    const values = line.split('\t');
    if (values.length !== columns.length) {
      throw new Error(`${file}:${i + 2}: ${values.length} fields, header has ${columns.length}`);
    }
    return Object.fromEntries(columns.map((column, c) => [column, values[c]]));
  });
  return { columns, rows };
}

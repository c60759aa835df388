// Reading the import's CSV with csv-parse (the `csv` project): quoted cells with commas and
// line breaks, "" escapes, a UTF-8 byte-order mark, any of \r\n, \n or \r between rows.
// Line numbers are physical lines of the file (the header is line 1), so a row whose quoted
// name spans two lines moves every later row's number by one, as an editor shows it.
import { CsvError, parse } from 'csv-parse/sync';
import type { ImportError } from '../../wire/index.js';

// An error is reported to the admin as it is: the wire's shape (the web lists them by line).
export type { ImportError } from '../../wire/index.js';

export const COLUMNS = ['email', 'name', 'role', 'departments', 'manager_of', 'locale', 'timezone'] as const;
export type Column = (typeof COLUMNS)[number];

export interface CsvRow { line: number; cells: Partial<Record<Column, string>> }

const BREAK = /\r\n|\n|\r/g;

export function parseCsv(text: string): { rows: CsvRow[]; errors: ImportError[] } {
  let records: { record: string[]; info: { lines: number } }[];
  try {
    records = parse(text, {
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      record_delimiter: ['\r\n', '\n', '\r'],
    }) as unknown as { record: string[]; info: { lines: number } }[];
  } catch (err) {
    if (err instanceof CsvError) {
      const line = Number((err as unknown as { lines?: number }).lines) || 1;
      return { rows: [], errors: [{ line, field: 'csv', message: `Not valid CSV here: ${err.message.replace(/ at line \d+.*$/, '')}` }] };
    }
    throw err;
  }
  // A record ends on info.lines; it starts as many lines earlier as its cells hold line breaks.
  const withLines = records.map(({ record, info }) => ({
    record,
    line: info.lines - record.reduce((n, cell) => n + (cell.match(BREAK)?.length ?? 0), 0),
  }));
  const head = withLines.shift();
  if (!head) return { rows: [], errors: [{ line: 1, field: 'csv', message: `The file is empty: the first line must be ${COLUMNS.join(',')}` }] };

  const errors: ImportError[] = [];
  const columns: (Column | null)[] = [];
  for (const raw of head.record) {
    const name = raw.trim().toLowerCase();
    const known = (COLUMNS as readonly string[]).includes(name) ? (name as Column) : null;
    if (!known) errors.push({ line: head.line, field: name || '(empty)', message: `Unknown column; the columns are ${COLUMNS.join(', ')}` });
    else if (columns.includes(known)) errors.push({ line: head.line, field: name, message: 'This column appears twice' });
    columns.push(known);
  }
  for (const required of ['email', 'name'] as const) {
    if (!columns.includes(required)) errors.push({ line: head.line, field: required, message: `The header has no ${required} column` });
  }
  if (errors.length) return { rows: [], errors };

  const rows: CsvRow[] = [];
  for (const { record, line } of withLines) {
    if (record.every((c) => c.trim() === '')) continue; // a row of empty cells (",,,,,,")
    if (record.length > columns.length) {
      errors.push({ line, field: 'row', message: `${record.length} cells, but the header has ${columns.length} columns` });
      continue;
    }
    const cells: CsvRow['cells'] = {};
    // Fewer cells than columns: the missing ones at the end are empty.
    record.forEach((value, i) => (cells[columns[i]!] = value.trim()));
    rows.push({ line, cells });
  }
  return { rows, errors };
}

// The same sheets as CSV files, for tools that do not read xlsx: UTF-8 with a byte-order mark
// (without it Excel reads UTF-8 as the local code page and garbles every Chinese name), CRLF line
// ends and RFC 4180 quoting. Each file replaces the previous one whole, as the workbook does.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { replaceFile } from '../util/replace-file.js';
import type { RunResults } from '../results/run-results.js';
import { buildSheets } from './sheets.js';
import { safeCell } from './spreadsheet-cell.js';
import { cellValue, type Cell, type SheetName } from './table.js';

/** The file written for each sheet, in sheet order. */
export const CSV_FILES: Readonly<Record<SheetName, string>> = {
  Ranking: 'ranking.csv',
  Indicators: 'indicators.csv',
  Evidence: 'evidence.csv',
  Problems: 'problems.csv',
  Pages: 'pages.csv',
  Runs: 'runs.csv',
};

const BOM = '\uFEFF';
const CRLF = '\r\n';

/** Writes one CSV per sheet into `dir` (created if missing) and returns their paths in sheet order. */
export async function writeCsvs(results: RunResults, dir: string): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  for (const table of buildSheets(results)) {
    const file = join(dir, CSV_FILES[table.name]);
    const text = csvText(table.columns, table.rows);
    await replaceFile(file, (tmp) => writeFile(tmp, text, 'utf8'));
    files.push(file);
  }
  return files;
}

/** A whole CSV document: BOM, header record, data records, each ended by CRLF. */
export function csvText(columns: readonly string[], rows: readonly Cell[][]): string {
  const records = [columns, ...rows.map((row) => row.map(cellValue))];
  return BOM + records.map((record) => record.map(csvField).join(',') + CRLF).join('');
}

/** One field: formula text neutralised, then quoted when it holds a comma, a quote or a line break. */
export function csvField(value: string | number | undefined): string {
  const safe = safeCell(value);
  if (safe === undefined) return '';
  const text = String(safe);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

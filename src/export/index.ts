// The spreadsheet export's API: one run's results as a comparison workbook and the same sheets as CSV.
import { join } from 'node:path';
import type { RunResults } from '../results/run-results.js';
import { writeCsvs } from './write-csv.js';
import { writeWorkbook } from './write-xlsx.js';

export { safeCell, httpLink } from './spreadsheet-cell.js';
export * from './sheets.js';
export { SHEET_NAMES, type SheetName, type Table, type Cell, type CellValue, type RichCell } from './table.js';
export { writeWorkbook, OUTCOME_FILLS } from './write-xlsx.js';
export { writeCsvs, CSV_FILES } from './write-csv.js';

export interface ExportedFiles {
  /** `<outDir>/<baseName>.xlsx` */
  xlsx: string;
  /** `<outDir>/<baseName>-csv/<sheet>.csv`, in sheet order. */
  csv: string[];
}

/** Writes `<outDir>/<baseName>.xlsx` and `<outDir>/<baseName>-csv/*.csv` from one run's results. */
export async function exportRun(results: RunResults, outDir: string, baseName: string): Promise<ExportedFiles> {
  // A base name with a separator or dots would write outside outDir or hide the file.
  if (!/^[^/\\]+$/.test(baseName) || baseName === '.' || baseName === '..') {
    throw new Error(`exportRun: baseName must be a plain file name, got ${JSON.stringify(baseName)}`);
  }
  const xlsx = join(outDir, `${baseName}.xlsx`);
  await writeWorkbook(results, xlsx);
  const csv = await writeCsvs(results, join(outDir, `${baseName}-csv`));
  return { xlsx, csv };
}

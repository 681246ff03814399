// The comparison workbook: the six sheets as Excel tables a reviewer can sort, filter and click
// through to the evidence, written with exceljs.
import ExcelJS from 'exceljs';
import type { Cell as XlsxCell, Workbook } from 'exceljs';
import type { Outcome } from '../checklist/types.js';
import type { RunResults } from '../results/run-results.js';
import { columnWidth } from './column-width.js';
import { buildSheets } from './sheets.js';
import { httpLink, safeCell } from './spreadsheet-cell.js';
import { cellValue, isRichCell, type SheetName, type Table } from './table.js';
import { replaceFile } from '../util/replace-file.js';

/** Cell fills by outcome (ARGB): Excel's own "Good" and "Bad" greens and reds, a grey, an orange. */
export const OUTCOME_FILLS: Readonly<Record<Outcome, string>> = {
  pass: 'FFC6EFCE',
  fail: 'FFFFC7CE',
  notApplicable: 'FFD9D9D9',
  error: 'FFFFCC99',
};
/** Text colours that stay readable on those fills. */
const OUTCOME_FONTS: Readonly<Record<Outcome, string>> = {
  pass: 'FF006100',
  fail: 'FF9C0006',
  notApplicable: 'FF404040',
  error: 'FF9C5700',
};
/** Excel's hyperlink blue. */
const LINK_FONT = 'FF0563C1';
const HEADER_FILL = 'FFF2F2F2';

/** Excel holds at most 65,530 hyperlinks in a worksheet; past that, cells keep their text only. */
export const MAX_LINKS_PER_SHEET = 65_530;

/** Sheets that keep their site column in view while scrolling sideways through categories or indicators. */
const SITE_FROZEN: ReadonlySet<SheetName> = new Set(['Ranking', 'Indicators']);
/** Runs is a key/value list, not a table: a filter on it only gets in the way. */
const UNFILTERED: ReadonlySet<SheetName> = new Set(['Runs']);
/** The change since the compared run shows its sign. */
const NUMBER_FORMATS: Readonly<Record<string, string>> = { change: '+0.0;-0.0;0' };

/** Writes the six-sheet workbook (Ranking, Indicators, Evidence, Problems, Pages, Runs) to `file`. */
export async function writeWorkbook(results: RunResults, file: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  const now = new Date();
  workbook.creator = 'govbench';
  workbook.lastModifiedBy = 'govbench';
  workbook.created = now;
  workbook.modified = now;
  workbook.title = `govbench run ${results.run.id}${results.run.name ? ` (${results.run.name})` : ''}`;
  for (const table of buildSheets(results)) addSheet(workbook, table);

  // Never a truncated workbook where a reader expects a whole one.
  await replaceFile(file, (tmp) => workbook.xlsx.writeFile(tmp));
}

function addSheet(workbook: Workbook, table: Table): void {
  const siteColumn = table.columns.indexOf('site') + 1;
  const xSplit = SITE_FROZEN.has(table.name) && siteColumn > 0 ? siteColumn : 0;
  const sheet = workbook.addWorksheet(table.name, { views: [{ state: 'frozen', xSplit, ySplit: 1 }] });

  const header = sheet.addRow(table.columns.map((c) => safeCell(c)));
  header.font = { bold: true };
  header.eachCell((cell) => {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
  });

  let links = 0;
  for (const cells of table.rows) {
    const row = sheet.addRow(cells.map((c) => safeCell(cellValue(c))));
    cells.forEach((cell, i) => {
      if (!isRichCell(cell)) return;
      const target = row.getCell(i + 1);
      const link = httpLink(cell.link);
      if (link && target.value !== null && links < MAX_LINKS_PER_SHEET) {
        target.value = { text: String(target.value), hyperlink: link };
        links += 1;
      }
      styleCell(target, cell.outcome, table.name === 'Indicators', Boolean(link));
    });
  }

  table.columns.forEach((name, i) => {
    const column = sheet.getColumn(i + 1);
    column.width = columnWidth(name, table.rows.map((r) => safeCell(cellValue(r[i]))));
    const numFmt = NUMBER_FORMATS[name];
    if (numFmt) column.numFmt = numFmt;
  });
  if (!UNFILTERED.has(table.name) && table.columns.length > 0) {
    // Over the header and every data row, as Excel itself records a filter.
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: table.rows.length + 1, column: table.columns.length } };
  }
}

/**
 * Outcome cells take the outcome's colours (filled on the Indicators matrix, text colour
 * elsewhere, where a column of fills would drown the evidence); linked cells are underlined.
 */
function styleCell(cell: XlsxCell, outcome: Outcome | undefined, filled: boolean, linked: boolean): void {
  if (outcome && filled) {
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: OUTCOME_FILLS[outcome] } };
    cell.alignment = { horizontal: 'center' };
  }
  const color = outcome ? OUTCOME_FONTS[outcome] : linked ? LINK_FONT : undefined;
  if (color || linked) cell.font = { ...(color ? { color: { argb: color } } : {}), ...(linked ? { underline: true } : {}) };
}

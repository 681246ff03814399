// The shape every export sheet takes before it is written: named columns and rows of cells, with
// the few extras (a link, an outcome to colour by) that only the workbook shows and CSV drops.
import type { Outcome } from '../checklist/types.js';

/** The sheets of a comparison workbook, in the order they are written. */
export const SHEET_NAMES = ['Ranking', 'Indicators', 'Evidence', 'Problems', 'Pages', 'Runs'] as const;
export type SheetName = (typeof SHEET_NAMES)[number];

/** A plain value; undefined is a blank cell. */
export type CellValue = string | number | undefined;

export interface RichCell {
  value: CellValue;
  /** Where a click on the cell should go; writers keep it only when it is http(s). */
  link?: string;
  /** The indicator outcome the cell reports, for colouring. */
  outcome?: Outcome;
}

export type Cell = CellValue | RichCell;

export interface Table {
  name: SheetName;
  columns: string[];
  rows: Cell[][];
}

export function isRichCell(cell: Cell): cell is RichCell {
  return typeof cell === 'object' && cell !== null;
}

export function cellValue(cell: Cell): CellValue {
  return isRichCell(cell) ? cell.value : cell;
}

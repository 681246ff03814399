// Column widths from content, in Excel's unit (the width of one Latin digit). A Chinese, Japanese
// or Korean character takes two such units on screen, so counting it once would cut 信息公开 in half.

/** A column never grows past this: long URLs and texts wrap or spill instead of pushing the rest off-screen. */
export const MAX_COLUMN_WIDTH = 60;
export const MIN_COLUMN_WIDTH = 6;
/** Room for the autofilter's drop-down arrow beside the header text. */
const PADDING = 3;

/** East Asian wide and fullwidth ranges (Unicode UAX #11, the blocks crawled portals actually use). */
const WIDE_RANGES: readonly [number, number][] = [
  [0x1100, 0x115f], // Hangul Jamo
  [0x2e80, 0x303e], // CJK radicals, Kangxi, CJK symbols and punctuation (。、「」)
  [0x3041, 0x33ff], // Hiragana, Katakana, Bopomofo, CJK compatibility
  [0x3400, 0x4dbf], // CJK Extension A
  [0x4e00, 0x9fff], // CJK Unified Ideographs
  [0xa960, 0xa97f], // Hangul Jamo Extended-A
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe30, 0xfe4f], // CJK compatibility forms
  [0xff00, 0xff60], // Fullwidth forms (，：（）)
  [0xffe0, 0xffe6], // Fullwidth signs (￥)
  [0x20000, 0x3fffd], // CJK Extensions B and later
];

function isWide(codePoint: number): boolean {
  return WIDE_RANGES.some(([from, to]) => codePoint >= from && codePoint <= to);
}

/** Display width of a text: wide characters count 2, others 1; for several lines, the longest. */
export function displayWidth(text: string): number {
  let widest = 0;
  for (const line of text.split(/\r\n|\r|\n/)) {
    let width = 0;
    for (const ch of line) width += isWide(ch.codePointAt(0)!) ? 2 : 1;
    widest = Math.max(widest, width);
  }
  return widest;
}

/** A column width fitting its header and values, between MIN_COLUMN_WIDTH and MAX_COLUMN_WIDTH. */
export function columnWidth(header: string, values: Iterable<string | number | undefined>): number {
  let widest = displayWidth(header);
  for (const value of values) {
    if (value === undefined) continue;
    widest = Math.max(widest, displayWidth(String(value)));
    if (widest >= MAX_COLUMN_WIDTH) break;
  }
  return Math.min(MAX_COLUMN_WIDTH, Math.max(MIN_COLUMN_WIDTH, widest + PADDING));
}

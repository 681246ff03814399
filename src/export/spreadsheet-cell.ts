// What a spreadsheet cell may hold when its text comes from crawled pages or a site list: text
// that cannot run as a formula and holds no control character, and links that can only open web pages.
import { showControlChars } from '../util/control-chars.js';

/** The characters that make Excel, LibreOffice or Sheets read a cell as a formula (OWASP, "CSV Injection"). */
const FORMULA_TRIGGERS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** Excel keeps at most 32,767 characters in a cell and "repairs" a workbook holding more. */
export const MAX_CELL_CHARS = 32_767;

/** Excel is reported to fail on hyperlink addresses past 2,079 characters; such a cell keeps its text only. */
export const MAX_LINK_CHARS = 2_079;

/**
 * A value fit for any cell: control and bidi characters are shown as escapes (XML forbids most of
 * them, and Excel refuses a workbook holding one); a string that a spreadsheet would take for a
 * formula gets a leading apostrophe, so crawled text like `=HYPERLINK("http://evil")` stays text
 * when the file is opened, re-saved or pasted elsewhere; finite numbers stay numbers; nothing else
 * becomes a blank cell.
 */
export function safeCell(value: string | number | null | undefined): string | number | undefined {
  if (typeof value === 'number') {
    // NaN and Infinity have no cell form; a blank says "no value" truthfully.
    return Number.isFinite(value) ? value : undefined;
  }
  if (typeof value !== 'string' || value === '') return undefined;
  const visible = showControlChars(value);
  const text = FORMULA_TRIGGERS.has(visible[0]!) ? `'${visible}` : visible;
  if (text.length <= MAX_CELL_CHARS) return text;
  // Cut before the ellipsis, and never between the two halves of a surrogate pair.
  let cut = MAX_CELL_CHARS - 1;
  const last = text.charCodeAt(cut - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut -= 1;
  return `${text.slice(0, cut)}…`;
}

/**
 * The URL as a hyperlink target when it is an absolute http(s) address, else undefined: a crawled
 * `javascript:`, `file:` or `mailto:` href is shown as text and never made clickable.
 */
export function httpLink(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  // The parsed form, so spaces and other characters a hyperlink cannot carry are percent-encoded.
  return parsed.href.length <= MAX_LINK_CHARS ? parsed.href : undefined;
}

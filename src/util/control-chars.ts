// Text from crawled pages (titles, link texts, evidence, reasons) and from site lists, made safe
// to show. A terminal obeys ESC sequences (a page title could clear the screen, move the cursor
// or rewrite earlier lines), XML forbids most control characters (exceljs would write a workbook
// Excel refuses to open), and bidi overrides reorder what a reader sees ("Trojan Source"). This is
// the one module every output edge uses: the terminal (ctx.out, error lines), the HTML report
// (escapeText) and the CSV and xlsx cells (safeCell).

/**
 * C0 controls except tab, line feed and a carriage return that ends a line (CRLF), DEL, C1
 * controls, the bidi embeddings and overrides (U+202A–U+202E) and the bidi isolates
 * (U+2066–U+2069). A lone carriage return goes too: on a terminal it overwrites the line.
 */
const UNSAFE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\r(?!\n)/g;

/**
 * The text with each unsafe character written as its escape, `\u001b`, `\u202e`: visible where it
 * was, so a reader sees that the page holds one, and inside JSON text exactly the same string to a
 * JSON reader (JSON.stringify escapes C0 itself but leaves DEL, C1 and bidi controls raw).
 */
export function showControlChars(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

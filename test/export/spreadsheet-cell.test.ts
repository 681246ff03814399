import { describe, expect, it } from 'vitest';
import { MAX_CELL_CHARS, MAX_LINK_CHARS, httpLink, safeCell } from '../../src/export/spreadsheet-cell.js';

describe('safeCell', () => {
  it('prefixes an apostrophe to text a spreadsheet would run as a formula', () => {
    expect(safeCell('=HYPERLINK("http://evil")')).toBe(`'=HYPERLINK("http://evil")`);
    expect(safeCell('+1+1')).toBe("'+1+1");
    expect(safeCell('-2')).toBe("'-2");
    expect(safeCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(safeCell('\t=1')).toBe("'\t=1");
    expect(safeCell('\r\n=1')).toBe("'\r\n=1");
    // A lone carriage return is shown as an escape first, and text starting with a backslash is no formula.
    expect(safeCell('\r=1')).toBe('\\u000d=1');
  });

  it('shows control and bidi characters as escapes: XML forbids them, and they reorder or hide text', () => {
    expect(safeCell('领导信箱\u001b[8m\u202e')).toBe('领导信箱\\u001b[8m\\u202e');
  });

  it('leaves other text, numbers and blanks alone', () => {
    expect(safeCell('信息公开')).toBe('信息公开');
    expect(safeCell('a=b')).toBe('a=b');
    expect(safeCell("'already quoted")).toBe("'already quoted");
    expect(safeCell(-2)).toBe(-2);
    expect(safeCell(0)).toBe(0);
    expect(safeCell('')).toBeUndefined();
    expect(safeCell(undefined)).toBeUndefined();
    expect(safeCell(null)).toBeUndefined();
    expect(safeCell(Number.NaN)).toBeUndefined();
  });

  it("cuts text to Excel's cell limit without splitting a surrogate pair", () => {
    const long = safeCell('x'.repeat(MAX_CELL_CHARS - 2) + '𠀀'.repeat(10)) as string;
    expect(long.length).toBeLessThanOrEqual(MAX_CELL_CHARS);
    expect(long.endsWith('…')).toBe(true);
    const beforeEllipsis = long.charCodeAt(long.length - 2);
    expect(beforeEllipsis >= 0xd800 && beforeEllipsis <= 0xdbff).toBe(false);
  });
});

describe('httpLink', () => {
  it('keeps http(s) addresses only', () => {
    expect(httpLink('https://www.moe.gov.cn/zwgk/')).toBe('https://www.moe.gov.cn/zwgk/');
    expect(httpLink('http://example.gov/a b')).toBe('http://example.gov/a%20b');
    expect(httpLink('javascript:alert(1)')).toBeUndefined();
    expect(httpLink('JavaScript:alert(1)')).toBeUndefined();
    expect(httpLink('mailto:a@b.gov')).toBeUndefined();
    expect(httpLink('file:///etc/passwd')).toBeUndefined();
    expect(httpLink('/relative/path')).toBeUndefined();
    expect(httpLink(undefined)).toBeUndefined();
    expect(httpLink(`https://a.gov/${'p'.repeat(MAX_LINK_CHARS)}`)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_COLUMN_WIDTH, MIN_COLUMN_WIDTH, columnWidth, displayWidth } from '../../src/export/column-width.js';

describe('column widths', () => {
  it('counts Chinese and fullwidth characters double', () => {
    expect(displayWidth('abc')).toBe(3);
    expect(displayWidth('信息公开')).toBe(8);
    expect(displayWidth('（部长信箱）')).toBe(12);
    expect(displayWidth('𠀀')).toBe(2);
    expect(displayWidth('short\n信息公开信息公开')).toBe(16);
  });

  it('fits the widest value, within bounds', () => {
    expect(columnWidth('rank', [1, 10, undefined])).toBe(MIN_COLUMN_WIDTH + 1);
    expect(columnWidth('site', ['中华人民共和国教育部'])).toBe(23);
    expect(columnWidth('url', ['x'.repeat(500)])).toBe(MAX_COLUMN_WIDTH);
  });
});

import { describe, expect, it } from 'vitest';
import { visibleText } from '../../src/util/visible-text.js';

describe('visibleText', () => {
  it('writes terminal controls, C1 controls and bidi controls as escapes', () => {
    expect(visibleText('\u001b[2J\u001b]0;pwned\u0007标题')).toBe('\\u001b[2J\\u001b]0;pwned\\u0007标题');
    expect(visibleText('a\u0000b\u007fc\u0085d\u009be')).toBe('a\\u0000b\\u007fc\\u0085d\\u009be');
    expect(visibleText('\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069')).toBe('\\u202a\\u202b\\u202c\\u202d\\u202e\\u2066\\u2067\\u2068\\u2069');
  });

  it('keeps tabs, line breaks and ordinary text, Chinese included', () => {
    expect(visibleText('政务公开\t信息\r\n第二行\n第三行 \u200b\u3000')).toBe('政务公开\t信息\r\n第二行\n第三行 \u200b\u3000');
  });

  it('shows a carriage return that does not end a line: on a terminal it overwrites the line', () => {
    expect(visibleText('score 12\rscore 99')).toBe('score 12\\u000dscore 99');
  });

  it('gives JSON text that parses to the same strings', () => {
    const value = { title: '\u202e\u0085\u007f\u001b标题' };
    const shown = visibleText(JSON.stringify(value));
    expect(shown).not.toMatch(/[\u007f-\u009f\u202a-\u202e]/);
    expect(JSON.parse(shown)).toEqual(value);
  });
});

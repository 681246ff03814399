import { describe, expect, it } from 'vitest';
import { decodeHtml, headerCharset, metaCharset } from '../../src/crawl/charset.js';

const gbk = (s: string): Buffer => {
  // Node has no GBK encoder; build the bytes from a known table entry set instead.
  const table: Record<string, number[]> = { 中: [0xd6, 0xd0], 国: [0xb9, 0xfa], 政: [0xd5, 0xfe], 府: [0xb8, 0xae], 喆: [0x86, 0xb4] };
  const out: number[] = [];
  for (const ch of s) {
    const bytes = table[ch];
    if (bytes) out.push(...bytes);
    else out.push(...Buffer.from(ch, 'latin1'));
  }
  return Buffer.from(out);
};

describe('charset detection', () => {
  it('reads the charset parameter of a header and a meta tag', () => {
    expect(headerCharset('text/html; charset="GBK"')).toBe('gbk');
    expect(headerCharset('text/html')).toBeUndefined();
    expect(metaCharset(Buffer.from('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">'))).toBe('gb2312');
    expect(metaCharset(Buffer.from('<meta charset=utf-8>'))).toBe('utf-8');
  });

  it('decodes GBK declared only in <meta>', () => {
    const bytes = Buffer.concat([Buffer.from('<html><head><meta charset="gb2312"></head><body>'), gbk('中国政府'), Buffer.from('</body></html>')]);
    const d = decodeHtml(bytes, 'text/html');
    expect(d.text).toContain('中国政府');
    expect(d.source).toBe('meta');
    expect(d.charset).toBe('gbk');
  });

  it('decodes GBK declared only in the header, including characters beyond GB2312', () => {
    const d = decodeHtml(Buffer.concat([Buffer.from('<p>'), gbk('政府喆'), Buffer.from('</p>')]), 'text/html; charset=GBK');
    expect(d.text).toContain('政府喆');
    expect(d.source).toBe('header');
  });

  it('falls back to GB18030 when the header claims UTF-8 but the bytes are GBK', () => {
    const d = decodeHtml(Buffer.concat([Buffer.from('<p>'), gbk('中国政府'), Buffer.from('</p>')]), 'text/html; charset=utf-8');
    expect(d.text).toContain('中国政府');
    expect(d.source).toBe('fallback');
    expect(d.note).toMatch(/header says utf-8/);
  });

  it('prefers a meta declaration over a Latin-1 default header', () => {
    const bytes = Buffer.concat([Buffer.from('<meta charset="gbk">'), gbk('中国')]);
    expect(decodeHtml(bytes, 'text/html; charset=ISO-8859-1').text).toContain('中国');
  });

  it('treats a GBK label on valid UTF-8 bytes as mislabelled UTF-8', () => {
    const d = decodeHtml(Buffer.from('<meta charset="gbk"><p>信息公开</p>', 'utf8'), 'text/html');
    expect(d.text).toContain('信息公开');
    expect(d.charset).toBe('utf-8');
  });

  it('honours a UTF-8 BOM over a wrong header, and sniffs undeclared UTF-8', () => {
    const bom = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('<p>办事服务</p>')]);
    expect(decodeHtml(bom, 'text/html; charset=gbk')).toMatchObject({ charset: 'utf-8', source: 'bom' });
    expect(decodeHtml(Buffer.from('<p>互动交流</p>'), undefined)).toMatchObject({ charset: 'utf-8', source: 'sniff' });
  });
});

import { describe, expect, it } from 'vitest';
import { MAX_INVALID_UTF8_SHARE, decodeHtml, headerCharset, metaCharset, utf8Validity } from '../../src/crawl/charset.js';

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

describe('one bad byte is not a different encoding', () => {
  // A real-sized UTF-8 page: a few hundred Chinese characters, as a portal homepage has.
  const body = '<p>' + '政府信息公开指南，办事服务，互动交流。'.repeat(30) + '</p>';
  const utf8Page = (head: string): Buffer => Buffer.from(`<html><head>${head}<title>河西市人民政府</title></head><body>${body}</body></html>`, 'utf8');
  const withBadByte = (b: Buffer): Buffer => {
    const i = b.indexOf(Buffer.from('办事', 'utf8'));
    return Buffer.concat([b.subarray(0, i), Buffer.from([0xff]), b.subarray(i)]);
  };

  it.each([
    ['header', 'text/html; charset=utf-8', ''],
    ['meta', 'text/html', '<meta charset="utf-8">'],
    ['nothing', undefined, ''],
  ])('decodes a UTF-8 page declared by %s with one invalid byte as UTF-8, with one replacement character', (_by, type, head) => {
    const d = decodeHtml(withBadByte(utf8Page(head)), type);
    expect(d.charset).toBe('utf-8');
    expect(d.text).toContain('河西市人民政府');
    expect(d.text).toContain('政府信息公开指南');
    expect(d.text.match(/\uFFFD/g)).toHaveLength(1);
    expect(d.replaced).toBe(1);
    expect(d.mislabel).toBeUndefined();
  });

  it('decodes a UTF-8 page cut in the middle of a character (the byte cap) as UTF-8', () => {
    const full = utf8Page('<meta charset="utf-8">');
    const at = full.indexOf(Buffer.from('互动', 'utf8')) + 1; // one byte into a three-byte character
    const d = decodeHtml(full.subarray(0, at), 'text/html; charset=utf-8');
    expect(d.charset).toBe('utf-8');
    expect(d.source).toBe('header');
    expect(d.text).toContain('政府信息公开指南');
    expect(d.text).not.toContain('\uFFFD');
  });

  it('still falls back to GB18030 when the bytes are not UTF-8 as a whole', () => {
    // Every GBK page of the fixture web has 82–89% invalid UTF-8 sequences; this one, all.
    const bytes = Buffer.concat([Buffer.from('<p>'), gbk('中国政府'.repeat(20)), Buffer.from('</p>')]);
    expect(utf8Validity(bytes).invalid).toBeGreaterThan(0);
    const d = decodeHtml(bytes, 'text/html; charset=utf-8');
    expect(d).toMatchObject({ charset: 'gb18030', source: 'fallback' });
    expect(d.text).toContain('中国政府');
  });

  it('measures the share of invalid UTF-8 sequences', () => {
    expect(utf8Validity(Buffer.from('中国', 'utf8'))).toEqual({ valid: 2, invalid: 0 });
    expect(utf8Validity(Buffer.from([0xe4, 0xb8, 0xad, 0xff, 0x41]))).toEqual({ valid: 1, invalid: 1 });
    // A cut last character is not an invalid sequence.
    expect(utf8Validity(Buffer.from([0xe4, 0xb8, 0xad, 0xe5, 0x9b]))).toEqual({ valid: 1, invalid: 0 });
    // A page that really contains U+FFFD (EF BF BD) has no invalid sequence.
    expect(utf8Validity(Buffer.from('a\uFFFDb', 'utf8'))).toEqual({ valid: 1, invalid: 0 });
    expect(MAX_INVALID_UTF8_SHARE).toBeGreaterThan(0);
    expect(MAX_INVALID_UTF8_SHARE).toBeLessThan(0.5);
  });
});

describe('a wrong charset declaration is what visitors see', () => {
  it('records that the header says UTF-8 while the bytes are GBK', () => {
    const d = decodeHtml(Buffer.concat([Buffer.from('<p>'), gbk('中国政府'), Buffer.from('</p>')]), 'text/html; charset=utf-8');
    expect(d.text).toContain('中国政府');
    expect(d.mislabel).toEqual({ declared: 'utf-8', source: 'header' });
  });

  it('records a <meta> GBK label on UTF-8 bytes, and a Latin-1 header that browsers obey over <meta>', () => {
    expect(decodeHtml(Buffer.from('<meta charset="gbk"><p>信息公开</p>', 'utf8'), 'text/html').mislabel).toEqual({ declared: 'gbk', source: 'meta' });
    const bytes = Buffer.concat([Buffer.from('<meta charset="gbk">'), gbk('中国')]);
    expect(decodeHtml(bytes, 'text/html; charset=ISO-8859-1').mislabel).toEqual({ declared: 'windows-1252', source: 'header' });
  });

  it('records nothing when the declaration is right, or when the page is plain ASCII', () => {
    expect(decodeHtml(Buffer.concat([Buffer.from('<p>'), gbk('政府喆'), Buffer.from('</p>')]), 'text/html; charset=GBK').mislabel).toBeUndefined();
    expect(decodeHtml(Buffer.from('<meta charset="gb2312"><p>hello</p>'), 'text/html; charset=utf-8').mislabel).toBeUndefined();
    expect(decodeHtml(Buffer.from('<p>互动交流</p>'), undefined).mislabel).toBeUndefined();
  });
});

describe('on hostile markup', () => {
  it('looks for <meta charset> in time that grows linearly with a run of unclosed <meta tags', () => {
    const run = (n: number): number => {
      const bytes = Buffer.from('<meta '.repeat(n));
      let best = Infinity;
      for (let i = 0; i < 3; i++) {
        const started = performance.now();
        expect(metaCharset(bytes)).toBeUndefined();
        best = Math.min(best, performance.now() - started);
      }
      return best;
    };
    const small = run(2_700); // 16 KiB
    const large = run(10_900); // 64 KiB, the most that is searched
    // Four times the input: about 4x the time when linear, 16x when each tag rescans the rest
    // (it did: 3.8 s for 64 KiB). Slack for timer noise on small numbers.
    expect(large).toBeLessThan(8 * small + 50);
  });
});

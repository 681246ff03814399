import { describe, expect, it } from 'vitest';
import { normalizeUrl, resolveHttpUrl } from '../../src/crawl/url-normalize.js';

describe('normalizeUrl', () => {
  it('drops fragments, default ports, index pages and tracking parameters, and sorts the query', () => {
    expect(normalizeUrl('HTTP://WWW.Shifan.gov.cn:80/zwgk/index.html#top')).toBe('http://www.shifan.gov.cn/zwgk/');
    expect(normalizeUrl('https://x.gov.cn:443/a/default.aspx?utm_source=wx&b=2&a=1')).toBe('https://x.gov.cn/a/?a=1&b=2');
    expect(normalizeUrl('http://x.gov.cn//a//b.html?spm=1')).toBe('http://x.gov.cn/a/b.html');
  });

  it('keeps parameters that select content', () => {
    expect(normalizeUrl('http://x.gov.cn/list.jsp?page=2')).toBe('http://x.gov.cn/list.jsp?page=2');
  });

  it('refuses links that lead nowhere or to other schemes', () => {
    for (const href of ['#', 'javascript:void(0)', 'mailto:a@b.cn', '', '  ']) expect(resolveHttpUrl(href, 'http://x.gov.cn/')).toBeUndefined();
    expect(resolveHttpUrl('../zwgk/', 'http://x.gov.cn/a/b/')?.toString()).toBe('http://x.gov.cn/a/zwgk/');
  });
});

// The light HTML read behind redirect-stub and error-page checks: what it keeps, and that no
// input makes it (or the checks built on it) slower than one pass.
import { describe, expect, it } from 'vitest';
import { scanHtml } from '../../src/crawl/html-scan.js';
import { findClientRedirect, isStubPage } from '../../src/crawl/client-redirect.js';
import { ErrorPageMatcher, soft404Reason } from '../../src/crawl/soft-404.js';

describe('scanHtml', () => {
  it('keeps visible text, the title, meta tags, scripts and the link count', () => {
    const s = scanHtml(`<html><head><title>页面 &amp; 标题</title><meta http-equiv="refresh" content="0;url=/a/">
<!-- <meta http-equiv="refresh" content="0;url=/old/"> --><noscript><meta http-equiv="refresh" content="0;url=/nojs/"></noscript>
<style>p { color: red }</style><script>location.href = "/b/";</script></head>
<body><p>政务&nbsp;公开</p> a < b <a href="/x">链接</a><a name="top"></a><template><p>hidden</p></template></body></html>`);
    expect(s.title).toBe('页面 & 标题');
    expect(s.text).toBe('政务 公开 a < b 链接');
    expect(s.metaTags).toEqual(['<meta http-equiv="refresh" content="0;url=/a/">']);
    expect(s.scripts).toEqual([{ tag: '<script>', body: 'location.href = "/b/";' }]);
    expect(s.links).toBe(1);
  });

  it('shows nothing after a tag, comment or script that never closes', () => {
    expect(scanHtml('<p>前</p><script>var a = 1;').text).toBe('前');
    expect(scanHtml('<p>前</p><!-- 注释').text).toBe('前');
    expect(scanHtml('<p>前</p><div class="x').text).toBe('前');
  });
});

describe('on hostile markup', () => {
  // Each of these made a lazy regex rescan the rest of the page once per tag: 20,000 "<" took
  // 11 s. One pass takes milliseconds; the bound only proves it does not blow up.
  const hostile = {
    'bare <': '<'.repeat(400_000),
    'unclosed <script>': '<script>'.repeat(60_000),
    'unclosed <meta': '<meta '.repeat(60_000),
    'unclosed <a': '<a href=x '.repeat(40_000),
    'unclosed <!--': '<!--'.repeat(100_000),
    'unclosed <title>': '<title>'.repeat(60_000),
  };
  it.each(Object.entries(hostile))('reads %s in one pass', (_name, html) => {
    const matcher = new ErrorPageMatcher();
    const profile = { probeUrl: 'http://x/p', word: '页面不存在', title: '页面不存在', fingerprint: '抱歉，您访问的页面不存在' };
    const started = Date.now();
    findClientRedirect(html, 'http://www.x.gov.cn/');
    isStubPage(html);
    soft404Reason(html, profile, matcher);
    expect(Date.now() - started).toBeLessThan(5_000);
  }, 60_000);
});

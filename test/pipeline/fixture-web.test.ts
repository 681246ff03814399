// Every fixture portal crawled into a real SQLite file, checked against its site.json expectations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crawlFixtureWeb, type FixtureCrawl } from '../helpers/fixture-crawl.js';
import { readCrawlPages } from '../../src/store/page-reader.js';
import { canonicalCharset } from '../../src/crawl/charset.js';
import { tempDir } from '../helpers/temp-dir.js';

let web: FixtureCrawl;
beforeAll(async () => {
  web = await crawlFixtureWeb(tempDir());
}, 60_000);
afterAll(() => web?.close());

describe('the fixture web, crawled', () => {
  it('crawls at least the ten portals', () => {
    expect(web.results.length).toBeGreaterThanOrEqual(10);
  });

  it.each([
    'model-ministry', 'bare-county', 'gbk-meta', 'gbk-header', 'gbk-lying', 'js-nav', 'image-menu', 'split-domain', 'legacy-desktop', 'us-federal',
    'meta-refresh', 'script-redirect', 'soft-404',
  ])('%s: expected pages and statuses', (slug) => {
    const r = web.results.find((x) => x.manifest.slug === slug);
    expect(r, `fixture ${slug} missing`).toBeDefined();
    const expectations = r!.manifest.expect ?? {};
    const pages = readCrawlPages(web.db, r!.crawlId);
    const byUrl = new Map(pages.map((p) => [p.url, p]));
    expect(r!.summary.status).not.toBe('failed');
    for (const written of expectations.mustFetch ?? []) {
      const page = byUrl.get(web.url(written));
      expect(page?.status, `${slug}: ${written}`).toBe('ok');
    }
    for (const [written, status] of Object.entries(expectations.statuses ?? {})) {
      expect(byUrl.get(web.url(written))?.status, `${slug}: ${written}`).toBe(status);
    }
    const ok = pages.filter((p) => p.status === 'ok').length;
    expect(ok).toBeGreaterThanOrEqual(expectations.minPages ?? 1);
    const home = byUrl.get(r!.site.url)!;
    if (expectations.charset) {
      // gb2312 and gbk are one WHATWG encoding; what matters is that the family was recognised.
      const want = canonicalCharset(expectations.charset);
      expect([want, 'gb18030']).toContain(home.charset);
    }
    for (const text of expectations.mustContain ?? []) expect(home.html, `${slug} homepage text`).toContain(text);
    // No page was fetched from a host outside the fixture web.
    expect(web.server.stats.requests.every((q) => web.server.hosts().includes(q.host))).toBe(true);
  });

  it('decodes every GBK variant into readable Chinese, with the charset and its source recorded', () => {
    const sources: Record<string, string> = {};
    for (const slug of ['gbk-meta', 'gbk-header', 'gbk-lying']) {
      const r = web.results.find((x) => x.manifest.slug === slug)!;
      const pages = readCrawlPages(web.db, r.crawlId).filter((p) => p.status === 'ok');
      expect(pages.length).toBeGreaterThan(3);
      for (const p of pages) {
        expect(p.html, p.url).not.toContain('\uFFFD');
        expect(p.title, p.url).toMatch(/[\u4e00-\u9fff]{2,}/);
      }
      sources[slug] = pages[0]!.charsetSource!.split(';')[0]!;
    }
    expect(sources).toEqual({ 'gbk-meta': 'meta', 'gbk-header': 'header', 'gbk-lying': 'fallback' });
  });

  it('keeps the model ministry inside its domain, its mobile subdomain included, and respects robots.txt', () => {
    const r = web.results.find((x) => x.manifest.slug === 'model-ministry')!;
    const hosts = new Set(readCrawlPages(web.db, r.crawlId, { withHtml: false }).filter((p) => p.status === 'ok').map((p) => new URL(p.url).hostname));
    expect([...hosts].sort()).toEqual(['m.shifan.gov.cn', 'www.shifan.gov.cn']);
    expect(web.server.stats.requestCount('www.shifan.gov.cn', '/admin/')).toBe(0);
  });

  it('reaches the xxgk subdomain and the service platform of the split-domain portal, and not the commercial site', () => {
    const r = web.results.find((x) => x.manifest.slug === 'split-domain')!;
    const hosts = new Set(readCrawlPages(web.db, r.crawlId, { withHtml: false }).filter((p) => p.status === 'ok').map((p) => new URL(p.url).hostname));
    expect(hosts).toContain('xxgk.lanjiang.gov.cn');
    expect(hosts).toContain('lanjiang.zwfw.gov.cn');
    expect([...hosts].some((h) => h.includes('example-travel'))).toBe(false);
  });

  it('stores links with their region, text and image alt', () => {
    const r = web.results.find((x) => x.manifest.slug === 'image-menu')!;
    const home = readCrawlPages(web.db, r.crawlId).find((p) => p.depth === 0)!;
    const menu = home.links.filter((l) => l.alt.includes('政务公开'));
    expect(menu.length).toBeGreaterThan(0);
    const footer = readCrawlPages(web.db, web.results.find((x) => x.manifest.slug === 'model-ministry')!.crawlId)
      .find((p) => p.depth === 0)!.links.filter((l) => l.position === 'footer');
    expect(footer.some((l) => /ICP/.test(l.text))).toBe(true);
  });
});

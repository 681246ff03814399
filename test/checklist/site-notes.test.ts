// The notes a site's scorecard carries about how the site was read, from hand-built snapshots.
import { describe, expect, it } from 'vitest';
import { siteNotes } from '../../src/checklist/site-notes.js';
import { PROBE_REASON } from '../../src/crawl/soft-404.js';
import type { PageSnapshot } from '../../src/crawl/types.js';

const snap = (p: Partial<PageSnapshot>): PageSnapshot => ({
  url: 'http://www.x.gov.cn/', finalUrl: 'http://www.x.gov.cn/', status: 'ok', headers: {}, redirects: [], bytes: 0, fetchMs: 0,
  attempts: 1, fetchedAt: '2026-12-01T00:00:00Z', depth: 1, links: [], ...p,
});

describe('siteNotes', () => {
  it('says nothing about a site read plainly', () => {
    expect(siteNotes([snap({ depth: 0, html: '<p>政务公开</p>', charset: 'utf-8', contentType: 'text/html; charset=utf-8' })])).toEqual([]);
  });

  it('notes each client-side hop of the homepage, and a homepage cut at the byte cap', () => {
    const home = snap({
      depth: 0, status: 'too-large', reason: 'body cut at 4096 bytes', finalUrl: 'http://www.y.gov.cn/',
      redirects: [{ url: 'http://www.x.gov.cn/', status: 301 }, { url: 'http://www.x.gov.cn/index.html', status: 200, via: 'meta-refresh' }],
    });
    const notes = siteNotes([home]);
    expect(notes.map((n) => n.kind)).toEqual(['homepage-redirect', 'homepage-cut']);
    expect(notes[0]).toMatchObject({ pageUrl: 'http://www.x.gov.cn/index.html' });
    expect(notes[0]!.text).toBe('the homepage sends visitors on by <meta refresh> from http://www.x.gov.cn/index.html to http://www.y.gov.cn/; the site is judged on http://www.y.gov.cn/');
    expect(notes[1]!.text).toMatch(/body cut at 4096 bytes.*part kept/);
  });

  it('notes pages whose charset declaration garbles them, once, with the count', () => {
    const pages = [
      snap({ depth: 0, html: '<p>政务公开</p>', charset: 'gb18030', contentType: 'text/html; charset=utf-8' }),
      snap({ url: 'http://www.x.gov.cn/a', finalUrl: 'http://www.x.gov.cn/a', html: '<meta charset="gbk"><p>办事</p>', charset: 'utf-8', contentType: 'text/html' }),
      snap({ url: 'http://www.x.gov.cn/b', finalUrl: 'http://www.x.gov.cn/b', html: '<p>ascii only</p>', charset: 'gb18030', contentType: 'text/html; charset=utf-8' }),
    ];
    const notes = siteNotes(pages);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ kind: 'charset-mislabel', pageUrl: 'http://www.x.gov.cn/' });
    expect(notes[0]!.text).toMatch(/^the HTTP header says utf-8 but the page is gb18030: browsers show 2 of 3 page\(s\) garbled/);
  });

  it('notes a soft-404 site with the number of pages counted as dead', () => {
    const notes = siteNotes([
      snap({ depth: 0 }),
      snap({ url: 'http://www.x.gov.cn/govbench-0a1b2c3d4e5f.html', status: 'soft-404', reason: `${PROBE_REASON}: HTTP 200 with “页面不存在”` }),
      snap({ url: 'http://www.x.gov.cn/hdjl/', status: 'soft-404', reason: 'the page says “页面不存在”' }),
    ]);
    expect(notes).toEqual([expect.objectContaining({ kind: 'soft-404', pageUrl: 'http://www.x.gov.cn/govbench-0a1b2c3d4e5f.html' })]);
    expect(notes[0]!.text).toMatch(/1 page\(s\) counted as dead/);
  });
});

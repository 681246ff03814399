// The crawl of one site against hostile and broken behaviours, all served on loopback.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FixtureServer } from '../../src/fixture-server/index.js';
import { HOST, crawlOnce, page, startHostileWeb } from '../helpers/hostile-web.js';

let server: FixtureServer;

beforeAll(async () => {
  server = await startHostileWeb({
    '/': page('首页', ['/a.html', '/cal/', '/loop/', '/giant.html', '/flaky.html', '/dead.html', '/down.html', '/report.pdf', '/admin/x.html',
      'http://127.0.0.1:9/secret', 'http://localhost/secret', 'http://intranet.hostile.gov.cn/secret', 'javascript:void(0)', '#', 'http://www.example-travel.com/']),
    '/a.html': page('文章', ['/']),
    '/flaky.html': page('偶尔断开', ['/']),
    '/robots.txt': 'User-agent: *\nDisallow: /admin/\n',
    '/report.pdf': '%PDF-1.4 tiny',
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.clearBehaviours();
  server.stats.reset();
});

describe('crawlSite on a hostile web', () => {
  it('records every outcome as a named status and stays within its bounds', async () => {
    server.setBehaviour(HOST, '/cal/*', { kind: 'calendar' });
    server.setBehaviour(HOST, '/cal/', { kind: 'calendar' });
    server.setBehaviour(HOST, '/loop/*', { kind: 'redirect-loop' });
    server.setBehaviour(HOST, '/loop/', { kind: 'redirect-loop' });
    server.setBehaviour(HOST, '/giant.html', { kind: 'giant', bytes: 50 * 1024 * 1024 });
    server.setBehaviour(HOST, '/flaky.html', { kind: 'reset-times', times: 1 });
    server.setBehaviour(HOST, '/dead.html', { kind: 'reset' });
    server.setBehaviour(HOST, '/down.html', { kind: 'status', status: 503 });
    const r = await crawlOnce(server, '/', { maxPages: 40, maxBytes: 1024 * 1024 });

    expect(r.summary.status).not.toBe('failed');
    expect(r.byUrl('/a.html')?.status).toBe('ok');
    // Redirect loop: bounded, named.
    const loop = r.sink.pages.find((p) => p.url.includes('/loop/'));
    expect(loop?.status).toBe('too-many-redirects');
    expect(loop?.redirects.length).toBeGreaterThan(5);
    // Calendar trap: a few date pages, then capped.
    const calendarPages = r.sink.pages.filter((p) => p.url.includes('/cal/') && p.status === 'ok');
    expect(calendarPages.length).toBeLessThanOrEqual(4);
    expect(r.sink.pages.some((p) => p.url.includes('/cal/') && p.status === 'budget' && /trap: calendar/.test(p.reason ?? ''))).toBe(true);
    // 50 MB body cut at the 1 MB cap.
    const giant = r.byUrl('/giant.html');
    expect(giant?.status).toBe('too-large');
    expect(giant?.bytes).toBe(1024 * 1024);
    // A reset is retried and then succeeds; a permanent reset is retried, then recorded.
    expect(r.byUrl('/flaky.html'), JSON.stringify(r.byUrl('/flaky.html'))).toMatchObject({ status: 'ok', attempts: 2 });
    expect(r.byUrl('/dead.html')).toMatchObject({ status: 'reset', attempts: 3 });
    expect(server.stats.requestCount(HOST, '/dead.html')).toBe(3);
    expect(r.byUrl('/down.html')).toMatchObject({ status: 'http-5xx', httpStatus: 503, attempts: 3 });
    // Not HTML: recorded, not parsed.
    expect(r.byUrl('/report.pdf')?.status).toBe('not-html');
    // robots.txt disallow respected: recorded, never requested.
    expect(r.byUrl('/admin/x.html')?.status).toBe('robots-disallowed');
    expect(server.stats.requestCount(HOST, '/admin/x.html')).toBe(0);
    // Nothing outside the site was requested.
    expect(server.stats.requests.every((q) => q.host === HOST)).toBe(true);
  }, 30_000);

  it('does not follow a link whose name resolves to a private address', async () => {
    const lookups: string[] = [];
    const r = await crawlOnce(server, '/', { maxPages: 40 }, {
      dnsLookup: ((host: string, _o: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) => {
        lookups.push(host);
        cb(null, [{ address: '127.0.0.1', family: 4 }]);
      }) as never,
    });
    const intranet = r.sink.pages.find((p) => p.url.startsWith('http://intranet.hostile.gov.cn'));
    expect(lookups).toContain('intranet.hostile.gov.cn');
    expect(intranet?.status).toBe('out-of-scope');
    expect(intranet?.reason).toMatch(/private address 127\.0\.0\.1/);
    expect(server.stats.requests.some((q) => q.host.startsWith('intranet'))).toBe(false);
  });

  it('follows such a link with allowPrivate', async () => {
    const r = await crawlOnce(server, '/', { maxPages: 20, allowPrivate: true }, {
      dnsLookup: ((_h: string, _o: unknown, cb: (e: null, a: { address: string; family: number }[]) => void) => cb(null, [{ address: '127.0.0.1', family: 4 }])) as never,
    });
    const intranet = r.sink.pages.find((p) => p.url.startsWith('http://intranet.hostile.gov.cn'));
    // The guard let it through: the crawler connected to 127.0.0.1:80 for its robots.txt and was
    // refused (nothing listens there), so the page is recorded as refused.
    expect(intranet?.status).toBe('refused');
    expect(intranet?.reason).toMatch(/robots\.txt: ECONNREFUSED/);
  });

  it('ends a page that never finishes within the total timeout, and a hung server too', async () => {
    server.setBehaviour(HOST, '/a.html', { kind: 'slow', chunkBytes: 64, intervalMs: 100, totalBytes: 1e9 });
    server.setBehaviour(HOST, '/flaky.html', { kind: 'hang' });
    server.setBehaviour(HOST, '/giant.html', { kind: 'endless' });
    const r = await crawlOnce(server, '/', { maxPages: 8, totalTimeoutMs: 800, responseTimeoutMs: 500, retries: 0, maxBytes: 256 * 1024 });
    expect(r.byUrl('/a.html')?.status).toBe('timeout');
    expect(r.byUrl('/flaky.html')?.status).toBe('timeout');
    expect(r.byUrl('/giant.html')).toMatchObject({ status: 'too-large', bytes: 256 * 1024 });
    expect(r.ms).toBeLessThan(10_000);
  });

  it('stops at the page budget and the wall clock, and says why', async () => {
    const byPages = await crawlOnce(server, '/', { maxPages: 2 });
    expect(byPages.summary).toMatchObject({ status: 'partial', pagesFetched: 2 });
    expect(byPages.summary.reason).toMatch(/max-pages/);
    // robots.txt and the homepage take a second; the dozen other pages, two at a time, three more.
    server.setBehaviour(HOST, '/*', { kind: 'delay', ms: 500 });
    const byTime = await crawlOnce(server, '/', { siteTimeMs: 2_500, maxPages: 40 });
    expect(byTime.summary.status).toBe('partial');
    expect(byTime.summary.reason).toMatch(/time-limit/);
    expect(byTime.ms).toBeLessThan(8_000);
  });

  it('inflates gzip and brotli bodies, and cuts a compression bomb at the cap', async () => {
    const { gzipSync, brotliCompressSync } = await import('node:zlib');
    const { createServer } = await import('node:http');
    const { Crawler } = await import('../../src/crawl/crawler.js');
    const { MemorySink } = await import('../../src/crawl/page-sink.js');
    const bomb = gzipSync(Buffer.alloc(20 * 1024 * 1024, 0x20));
    const raw = createServer((req, res) => {
      if (req.url === '/') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'gzip' });
        return res.end(gzipSync(Buffer.from(page('压缩页面', ['/br.html', '/bomb.html']))));
      }
      if (req.url === '/br.html') {
        res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-encoding': 'br' });
        return res.end(brotliCompressSync(Buffer.from(page('布罗特利', ['/']))));
      }
      if (req.url === '/bomb.html') {
        res.writeHead(200, { 'content-type': 'text/html', 'content-encoding': 'gzip' });
        return res.end(bomb);
      }
      res.writeHead(404).end();
    });
    await new Promise<void>((r) => raw.listen(0, '127.0.0.1', () => r()));
    const port = (raw.address() as { port: number }).port;
    const crawler = new Crawler({ maxBytes: 1024 * 1024 });
    const sink = new MemorySink();
    try {
      await crawler.crawlSite(`http://127.0.0.1:${port}/`, sink);
    } finally {
      await crawler.close();
      raw.close();
    }
    const byPath = (p: string) => sink.pages.find((x) => new URL(x.url).pathname === p);
    expect(byPath('/')).toMatchObject({ status: 'ok', title: '压缩页面' });
    expect(byPath('/br.html')).toMatchObject({ status: 'ok', title: '布罗特利' });
    expect(byPath('/bomb.html')).toMatchObject({ status: 'too-large', bytes: 1024 * 1024 });
    expect(bomb.length).toBeLessThan(100 * 1024);
  });

  it('records an unreachable homepage as a failed site with the reason', async () => {
    server.setBehaviour(HOST, '/', { kind: 'status', status: 404 });
    const r = await crawlOnce(server, '/');
    expect(r.summary.status).toBe('failed');
    expect(r.summary.reason).toMatch(/homepage: http-4xx/);
  });

  it('honours Retry-After on 429 and records the block', async () => {
    server.setBehaviour(HOST, '/a.html', { kind: 'status', status: 429, headers: { 'retry-after': '1' } });
    const started = Date.now();
    const r = await crawlOnce(server, '/a.html', { retries: 1 });
    expect(r.summary.status).toBe('failed');
    expect(r.byUrl('/a.html')).toMatchObject({ status: 'blocked', httpStatus: 429, attempts: 2 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });
});

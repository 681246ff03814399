// robots.txt as RFC 9309 reads it, against a real server on loopback: redirects followed within the
// site, a file larger than the byte cap parsed up to 500 KiB, an HTML page never read as rules, and
// a site never dropped for its robots.txt.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { FixtureServer } from '../../src/fixture-server/index.js';
import { ROBOTS_MAX_BYTES } from '../../src/crawl/robots.js';
import { HOST, crawlOnce, page, startHostileWeb } from '../helpers/hostile-web.js';

const notFound = `<!doctype html><html><head><meta charset="utf-8"><title>404 页面不存在</title></head><body>
<h1>抱歉，您访问的页面不存在</h1>
<pre>
User-agent: *
Disallow: /
</pre>
<p><a href="/">返回首页</a></p></body></html>`;

let server: FixtureServer;
beforeAll(async () => {
  server = await startHostileWeb({
    '/': page('首页', ['/a.html', '/admin/x.html', '/late/y.html']),
    '/a.html': page('文章', ['/']),
    '/admin/x.html': page('后台', ['/']),
    '/late/y.html': page('后面', ['/']),
    '/404.html': notFound,
    '/static/robots.txt': 'User-agent: *\nDisallow: /admin/\n',
  });
});
afterAll(() => server.close());
beforeEach(() => {
  server.clearBehaviours();
  server.stats.reset();
});

const robotsPath = '/robots.txt';

describe('robots.txt', () => {
  it('follows a redirect to a soft-404 page (200 HTML), reads no rules from it, and crawls the site', async () => {
    server.setBehaviour(HOST, robotsPath, { kind: 'redirect', to: '/404.html' });
    const r = await crawlOnce(server, '/');
    expect(r.summary.status).toBe('done');
    expect(r.byUrl('/')?.status).toBe('ok');
    expect(r.byUrl('/a.html')?.status).toBe('ok');
    expect(r.byUrl('/admin/x.html')?.status).toBe('ok');
    expect(r.sink.pages.some((p) => p.status === 'out-of-scope' || p.status === 'robots-disallowed')).toBe(false);
    expect(r.sink.robotsFiles[0]?.fetchStatus).toMatch(/html/);
  });

  it('serves an HTML page as robots.txt itself (200, text/html): not parsed into rules', async () => {
    server.setBehaviour(HOST, robotsPath, { kind: 'html', body: notFound });
    const r = await crawlOnce(server, '/');
    expect(r.summary.status).toBe('done');
    expect(r.byUrl('/a.html')?.status).toBe('ok');
  });

  it('follows up to five redirects within the site and obeys the file it reaches', async () => {
    server.setBehaviour(HOST, robotsPath, { kind: 'redirect', to: '/r1' });
    for (let i = 1; i < 5; i++) server.setBehaviour(HOST, `/r${i}`, { kind: 'redirect', to: i === 4 ? '/static/robots.txt' : `/r${i + 1}` });
    const r = await crawlOnce(server, '/');
    expect(r.summary.status).toBe('done');
    expect(r.byUrl('/a.html')?.status).toBe('ok');
    expect(r.byUrl('/admin/x.html')?.status).toBe('robots-disallowed');
    expect(server.stats.requestCount(HOST, '/admin/x.html')).toBe(0);
  });

  it('treats more than five redirects as no robots.txt (allow all), never as out-of-scope', async () => {
    server.setBehaviour(HOST, robotsPath, { kind: 'redirect-loop' });
    const r = await crawlOnce(server, '/');
    expect(r.summary.status).toBe('done');
    expect(r.byUrl('/admin/x.html')?.status).toBe('ok');
    expect(server.stats.requests.filter((q) => q.path.startsWith('/robots.txt')).length).toBeLessThanOrEqual(6);
  });

  it('treats a robots.txt redirected off the site as no robots.txt, never dropping the site as out-of-scope', async () => {
    server.setBehaviour(HOST, robotsPath, { kind: 'redirect', to: 'http://www.example-travel.com/robots.txt' });
    const r = await crawlOnce(server, '/');
    expect(r.summary.status).toBe('done');
    expect(r.byUrl('/')?.status).toBe('ok');
    expect(r.byUrl('/admin/x.html')?.status).toBe('ok');
  });

  it('parses the first 500 KiB of a robots.txt larger than the byte cap', async () => {
    const filler = '# ' + 'x'.repeat(98) + '\n';
    const big = 'User-agent: *\nDisallow: /admin/\n' + filler.repeat(Math.ceil(ROBOTS_MAX_BYTES / filler.length)) + 'Disallow: /late/\n';
    expect(ROBOTS_MAX_BYTES).toBeGreaterThanOrEqual(500 * 1024);
    server.setBehaviour(HOST, robotsPath, { kind: 'html', body: big, contentType: 'text/plain' });
    const r = await crawlOnce(server, '/', { maxBytes: 64 * 1024 });
    expect(r.summary.status).toBe('done');
    expect(r.byUrl('/a.html')?.status).toBe('ok');
    expect(r.byUrl('/admin/x.html')?.status).toBe('robots-disallowed');
    // The rule beyond 500 KiB is not read.
    expect(r.byUrl('/late/y.html')?.status).toBe('ok');
  });

  it('reports a site that answers 5xx everywhere as http-5xx, not as robots-disallowed', async () => {
    server.setBehaviour(HOST, '/*', { kind: 'status', status: 503 });
    server.setBehaviour(HOST, '/', { kind: 'status', status: 503 });
    const r = await crawlOnce(server, '/', { retries: 0 });
    expect(r.summary.status).toBe('failed');
    expect(r.summary.reason).toMatch(/^homepage: http-5xx/);
    expect(r.byUrl('/')?.status).toBe('http-5xx');
    expect(r.sink.pages.some((p) => p.status === 'robots-disallowed')).toBe(false);
  });

  it('obeys a 5xx robots.txt as a complete disallow (RFC 9309), recorded as http-5xx', async () => {
    server.setBehaviour(HOST, robotsPath, { kind: 'status', status: 500 });
    const r = await crawlOnce(server, '/', { retries: 0 });
    expect(r.summary.status).toBe('failed');
    expect(r.byUrl('/')).toMatchObject({ status: 'http-5xx' });
    expect(r.byUrl('/')?.reason).toMatch(/robots\.txt.*500/);
    expect(server.stats.requestCount(HOST, '/')).toBe(0);
  });
});
